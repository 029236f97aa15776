import type { RectsLayer, Rgba, SceneLayer, SegmentsLayer } from '../core/scene/frame-scene.js';
import { FrameArrays } from './frame-arrays.js';
import { clipSegment, shapeOf, type ShapeContext } from './geometry.js';
import type { LayerStyle, PaneAnnotations, PlacedLabel } from './layer-style.js';
import { markerLayers } from './marker-layers.js';
import { packRgba } from './pack-rgba.js';
import type { PaneView } from './pane-view.js';
import { DASH_PER_WIDTH, prepareAnnotations, strokeKey, type PreparedPane, type PreparedTrends } from './prepared.js';
import type { Annotation } from './types.js';

export type { LayerStyle, PaneAnnotations, PlacedLabel } from './layer-style.js';
export { packRgba } from './pack-rgba.js';

/** Fill opacity of a rect, range or fib band without a fill colour of its own. */
const FILL_ALPHA = 0.15;
const FIB_FILL_ALPHA = 0.08;

/** How often the builder did its two kinds of work (tests check that an unchanged frame does neither). */
export interface LayerBuildStats {
  /** Data-space preparations: the annotations, their data or the style changed. */
  prepared: number;
  /** Projections to pixels: the view changed (or the preparation did). */
  projected: number;
}

/**
 * Turns the annotations of one pane into scene layers: every fill of the pane in one rects layer,
 * strokes batched into one segments layer per (colour, width), markers into one band layer per
 * colour (filled triangles). So 1,000 trend lines are one layer and 10,000 buy/sell markers two,
 * not one per annotation.
 *
 * Two caches, so that a big set costs next to nothing per frame:
 * - the data-space preparation (markers and plain trend lines in typed arrays, markers sorted by
 *   time) is built once per annotation set (`version`), data (`dataVersion`), style and pixel ratio;
 * - the projection to pane pixels is redone only when the view (viewport, pane size) changes too;
 *   a frame with nothing changed returns the previous layers (same arrays: nothing to upload).
 * A panned frame projects only the markers in view (binary search) and writes typed arrays kept
 * per pane from frame to frame (FrameArrays), so that it allocates no per-marker or per-line
 * objects and no large arrays.
 */
export class AnnotationLayerBuilder {
  private readonly cache = new Map<string, { annotations: readonly Annotation[]; prepKey: string; prepared: PreparedPane; viewKey: string; result: PaneAnnotations; arrays: PaneArrays }>();
  readonly stats: LayerBuildStats = { prepared: 0, projected: 0 };

  /**
   * The pane's layers. `version` changes whenever the annotations do; `dataVersion` whenever the
   * data markers sit on does; `styleKey` whenever `style` does.
   */
  build(annotations: readonly Annotation[], version: number, view: PaneView, context: ShapeContext, style: LayerStyle, dataVersion: number, styleKey: string): PaneAnnotations {
    const { rect } = view;
    const prepKey = `${version}|${dataVersion}|${styleKey}|${context.ratio}|${context.timeAxis}`;
    const viewKey = `${rect.x}|${rect.y}|${rect.width}|${rect.height}|${view.x.kind}|${view.x.fromPixel(0)}|${view.x.fromPixel(rect.width)}|${view.y.kind}|${view.y.fromPixel(0)}|${view.y.fromPixel(rect.height)}`;
    const cached = this.cache.get(view.id);
    // The same list too: the chart regroups annotations by pane when panes come and go (same version).
    const same = cached !== undefined && cached.annotations === annotations && cached.prepKey === prepKey;
    if (same && cached.viewKey === viewKey) return cached.result;
    let prepared = same ? cached.prepared : null;
    if (!prepared) {
      prepared = prepareAnnotations(annotations, context, style);
      this.stats.prepared++;
    }
    // The pane keeps its arrays across preparations too (a new set of the same size reuses them).
    const arrays = cached?.arrays ?? { markers: new FrameArrays(), trends: new FrameArrays() };
    const result = project(prepared, view, context, style, arrays);
    this.stats.projected++;
    this.cache.set(view.id, { annotations, prepKey, prepared, viewKey, result, arrays });
    return result;
  }

  /** Forgets every pane's layers (a pane went away; the renderer's buffers go with the layer ids). */
  clear(): void {
    this.cache.clear();
  }
}

/** The arrays one pane's projection writes, by what they hold (slots: the layer's rank among them). */
interface PaneArrays {
  markers: FrameArrays;
  trends: FrameArrays;
}

/** The prepared annotations of a pane in the pixels of `view`. */
function project(prepared: PreparedPane, view: PaneView, context: ShapeContext, style: LayerStyle, arrays: PaneArrays): PaneAnnotations {
  const { rect } = view;
  const ratio = context.ratio;
  const strokes = new Map<string, { color: Rgba; width: number; points: number[] }>();
  const fills: number[] = [];
  const fillColors: number[] = [];
  const labels: PlacedLabel[] = [];
  const clipped = [0, 0, 0, 0];
  const colorOf = (a: Annotation, fallback: Rgba): Rgba => (a.color ? style.resolveColor(a.color) ?? fallback : fallback);

  for (const a of prepared.others) {
    const shape = shapeOf(a, view, context);
    const base = a.kind === 'marker' ? (a.side === 'sell' ? style.downColor : style.upColor) : a.kind === 'range' ? rangeColor(a, style) : style.defaultColor;
    const stroke = colorOf(a, base);
    const levelColor = (level: number): Rgba => (level < 0 || a.color ? stroke : style.fibColors[level % style.fibColors.length] ?? stroke);
    const widthPx = Math.max(1, a.width * ratio);
    const pad = widthPx + 2;
    for (const s of shape.strokes) {
      const color = levelColor(s.level);
      const group = strokeGroup(strokes, color, widthPx);
      const dash = s.dashed && a.dash === 'solid' ? 'dashed' : a.dash;
      const [onPer, offPer] = DASH_PER_WIDTH[dash];
      const on = Math.max(1, onPer * a.width * ratio);
      const off = offPer * a.width * ratio;
      const seg = s.segments;
      for (let i = 0; i + 3 < seg.length; i += 4) {
        if (!clipSegment(seg[i]!, seg[i + 1]!, seg[i + 2]!, seg[i + 3]!, -pad, -pad, rect.width + pad, rect.height + pad, clipped)) continue;
        pushDashed(group.points, clipped[0]!, clipped[1]!, clipped[2]!, clipped[3]!, on, off);
      }
    }
    for (const f of shape.fills) {
      const x0 = clamp(Math.min(f.x0, f.x1), -1, rect.width + 1);
      const x1 = clamp(Math.max(f.x0, f.x1), -1, rect.width + 1);
      const y0 = clamp(Math.min(f.y0, f.y1), -1, rect.height + 1);
      const y1 = clamp(Math.max(f.y0, f.y1), -1, rect.height + 1);
      if (x1 <= x0 || y1 <= y0) continue;
      const own = a.fill ? style.resolveColor(a.fill) : null;
      const fillColor: Rgba = own ?? withAlpha(levelColor(f.level), f.level >= 0 ? FIB_FILL_ALPHA : FILL_ALPHA);
      fills.push(x0, y0, x1, y1);
      fillColors.push(packRgba(fillColor));
    }
    for (const l of shape.labels) {
      // Labels outside the pane cannot show (the overlay clips them): only those in view are laid out.
      if (l.x < -rect.width || l.x > 2 * rect.width || l.y < -rect.height || l.y > 2 * rect.height) continue;
      labels.push({ x: rect.x + l.x, y: rect.y + l.y, text: l.text, color: l.boxed ? style.textColor : levelColor(l.level), font: a.font ?? style.font, align: l.align, baseline: l.baseline, boxed: l.boxed, clip: rect });
    }
  }
  // Solid trend lines of a colour no other stroke has (the usual big set) go straight into a
  // typed array; the rest join their stroke group.
  const solid: { color: Rgba; width: number; points: Float32Array }[] = [];
  for (const group of prepared.trends) {
    if (group.solid && !strokes.has(group.key)) {
      const points = projectSolidTrends(group, view, arrays.trends.float32(solid.length, 4 * group.count));
      if (points.length > 0) solid.push({ color: group.color, width: group.width, points });
    } else {
      projectTrends(group, view, strokeGroup(strokes, group.color, group.width).points, clipped);
    }
  }

  const layers: SceneLayer[] = [];
  const pane = rect;
  if (fills.length > 0) {
    const layer: RectsLayer = { kind: 'rects', id: `annotations:fills:${view.id}`, rects: Float32Array.from(fills), colors: Uint32Array.from(fillColors), count: fillColors.length, minSize: 0, pane };
    layers.push(layer);
  }
  let k = 0;
  for (const group of strokes.values()) {
    if (group.points.length === 0) continue;
    const layer: SegmentsLayer = { kind: 'segments', id: `annotations:lines:${view.id}:${k++}`, points: Float32Array.from(group.points), count: group.points.length / 2, color: group.color, width: group.width, pane };
    layers.push(layer);
  }
  for (const group of solid) {
    const layer: SegmentsLayer = { kind: 'segments', id: `annotations:lines:${view.id}:${k++}`, points: group.points, count: group.points.length / 2, color: group.color, width: group.width, pane };
    layers.push(layer);
  }
  for (const layer of markerLayers(prepared.markers, view, ratio, arrays.markers)) layers.push(layer);
  return { layers, labels };
}

/**
 * Each plain trend line of one stroke group with both ends projected and clipped to the pane (plus
 * the stroke's width): `visit(i)` finds them in `clipped` (x0, y0, x1, y1). Non-finite ends (a value
 * ≤ 0 on a log scale) draw nothing, as their shape would.
 */
function forEachProjectedTrend(group: PreparedTrends, view: PaneView, clipped: number[] | Float64Array, visit: (i: number) => void): void {
  const { rect } = view;
  const pad = group.width + 2;
  const p = group.points;
  for (let i = 0; i < group.count; i++) {
    const x0 = view.x.toPixel(p[4 * i]!);
    const y0 = view.y.toPixel(p[4 * i + 1]!);
    const x1 = view.x.toPixel(p[4 * i + 2]!);
    const y1 = view.y.toPixel(p[4 * i + 3]!);
    if (!(Number.isFinite(x0) && Number.isFinite(y0) && Number.isFinite(x1) && Number.isFinite(y1))) continue;
    if (clipSegment(x0, y0, x1, y1, -pad, -pad, rect.width + pad, rect.height + pad, clipped)) visit(i);
  }
}

/**
 * Solid plain trend lines of one stroke group as segments in `out` (room for every line): a view
 * of the lines drawn. One loop over the typed arrays, without a callback or a copy per line (this
 * runs for the whole group on every panned frame); the same projection and clipping as
 * forEachProjectedTrend.
 */
function projectSolidTrends(group: PreparedTrends, view: PaneView, out: Float32Array): Float32Array {
  const { rect } = view;
  const pad = group.width + 2;
  const xmax = rect.width + pad;
  const ymax = rect.height + pad;
  const p = group.points;
  const clipped = solidClip;
  let n = 0;
  for (let i = 0; i < group.count; i++) {
    const x0 = view.x.toPixel(p[4 * i]!);
    const y0 = view.y.toPixel(p[4 * i + 1]!);
    const x1 = view.x.toPixel(p[4 * i + 2]!);
    const y1 = view.y.toPixel(p[4 * i + 3]!);
    if (!(Number.isFinite(x0) && Number.isFinite(y0) && Number.isFinite(x1) && Number.isFinite(y1))) continue;
    if (!clipSegment(x0, y0, x1, y1, -pad, -pad, xmax, ymax, clipped)) continue;
    out[n] = clipped[0]!;
    out[n + 1] = clipped[1]!;
    out[n + 2] = clipped[2]!;
    out[n + 3] = clipped[3]!;
    n += 4;
  }
  return out.subarray(0, n);
}

/** clipSegment's output for projectSolidTrends (one per module: the loop allocates nothing). */
const solidClip = new Float64Array(4);

/** Plain trend lines of one stroke group, dashed, appended to `out`. */
function projectTrends(group: PreparedTrends, view: PaneView, out: number[], clipped: number[]): void {
  forEachProjectedTrend(group, view, clipped, (i) =>
    pushDashed(out, clipped[0]!, clipped[1]!, clipped[2]!, clipped[3]!, group.dash[2 * i]!, group.dash[2 * i + 1]!),
  );
}



function strokeGroup(groups: Map<string, { color: Rgba; width: number; points: number[] }>, color: Rgba, width: number) {
  const key = strokeKey(color, width);
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { color, width, points: [] }));
  return group;
}

/** Appends a segment as dashes of `on` px separated by `off` px (off 0: the whole segment). */
export function pushDashed(out: number[], x0: number, y0: number, x1: number, y1: number, on: number, off: number): void {
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (off <= 0 || length <= on) {
    out.push(x0, y0, x1, y1);
    return;
  }
  const ux = (x1 - x0) / length;
  const uy = (y1 - y0) / length;
  const period = on + off;
  // A dash pattern of a very long segment is capped: past this many dashes it is drawn solid.
  if (length / period > 4096) {
    out.push(x0, y0, x1, y1);
    return;
  }
  for (let s = 0; s < length; s += period) {
    const e = Math.min(length, s + on);
    out.push(x0 + ux * s, y0 + uy * s, x0 + ux * e, y0 + uy * e);
  }
}

function rangeColor(a: Annotation, style: LayerStyle): Rgba {
  return a.points[1]!.price >= a.points[0]!.price ? style.upColor : style.downColor;
}

function withAlpha([r, g, b, a]: Rgba, alpha: number): Rgba {
  return [r, g, b, a * alpha];
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
