import { GAP_Y, type BandLayer, type PlotRect, type RectsLayer, type Rgba, type SceneLayer, type SegmentsLayer } from '../core/scene/frame-scene.js';
import { clipSegment, MARKER_GAP, markerPrice, shapeOf, type ShapeContext, type ShapeLabel } from './geometry.js';
import type { PaneView } from './pane-view.js';
import type { Annotation, DashStyle } from './types.js';

/** How annotations are coloured and where their data comes from; one per chart, changed rarely. */
export interface LayerStyle {
  /** CSS colour → straight RGBA (the browser's parser in the element; any parser in tests). */
  resolveColor(css: string): Rgba | null;
  /** Strokes without a colour of their own. */
  defaultColor: Rgba;
  /** Rising ranges and buy markers; falling ranges and sell markers. */
  upColor: Rgba;
  downColor: Rgba;
  /** Colours of fib levels (cycled) when the fib has no colour of its own. */
  fibColors: readonly Rgba[];
  /** The chart's label font (CSS). */
  font: string;
  /** Labels' text colour on boxed labels, and their box. */
  textColor: Rgba;
  boxColor: Rgba;
}

/** A label for the overlay, placed in canvas device px and clipped to its pane. */
export interface PlacedLabel {
  x: number;
  y: number;
  text: string;
  color: Rgba;
  font: string;
  align: ShapeLabel['align'];
  baseline: ShapeLabel['baseline'];
  boxed: boolean;
  clip: PlotRect;
}

/** What one pane's annotations become: a few batched layers and the labels of the overlay. */
export interface PaneAnnotations {
  layers: SceneLayer[];
  labels: PlacedLabel[];
}

/** Dash [on, off] per CSS px of stroke width. */
const DASH_PER_WIDTH: Record<DashStyle, readonly [number, number]> = { solid: [1, 0], dashed: [4, 3], dotted: [1, 2] };

/** Fill opacity of a rect, range or fib band without a fill colour of its own. */
const FILL_ALPHA = 0.15;
const FIB_FILL_ALPHA = 0.08;

/** Packs straight RGBA 0..1 into RGBA8 (r | g << 8 | b << 16 | a << 24), as rects and markers layers take it. */
export function packRgba([r, g, b, a]: Rgba): number {
  const c = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  return (c(r) | (c(g) << 8) | (c(b) << 16) | (c(a) << 24)) >>> 0;
}

/**
 * Turns the annotations of one pane into scene layers: every fill of the pane in one rects layer,
 * strokes batched into one segments layer per (colour, width), markers into one band layer per
 * colour (filled triangles). So 1,000 trend lines are one layer and 10,000 buy/sell markers two,
 * not one per annotation. Rebuilt only when the annotations (`version`), the data markers sit on, or what
 * is shown (viewport, pane size, pixel ratio, style) change: a frame with none of these returns
 * the previous layers (and the WebGPU renderer uploads nothing: same arrays, same marker key).
 */
export class AnnotationLayerBuilder {
  private readonly cache = new Map<string, { key: string; result: PaneAnnotations }>();

  /**
   * The pane's layers. `version` changes whenever the annotations do; `dataVersion` whenever the
   * data markers sit on does; `styleKey` whenever `style` does.
   */
  build(annotations: readonly Annotation[], version: number, view: PaneView, context: ShapeContext, style: LayerStyle, dataVersion: number, styleKey: string): PaneAnnotations {
    const { rect } = view;
    const key = [version, dataVersion, styleKey, context.ratio, rect.x, rect.y, rect.width, rect.height, view.x.kind, view.x.fromPixel(0), view.x.fromPixel(rect.width), view.y.kind, view.y.fromPixel(0), view.y.fromPixel(rect.height)].join('|');
    const cached = this.cache.get(view.id);
    if (cached && cached.key === key) return cached.result;
    const result = this.rebuild(annotations, view, context, style);
    this.cache.set(view.id, { key, result });
    return result;
  }

  /** Forgets every pane's layers (a pane went away; the renderer's buffers go with the layer ids). */
  clear(): void {
    this.cache.clear();
  }

  private rebuild(annotations: readonly Annotation[], view: PaneView, context: ShapeContext, style: LayerStyle): PaneAnnotations {
    const { rect } = view;
    const ratio = context.ratio;
    const strokes = new Map<string, { color: Rgba; width: number; points: number[] }>();
    const fills: number[] = [];
    const fillColors: number[] = [];
    const labels: PlacedLabel[] = [];
    const markers: Annotation[] = [];
    const clipped = [0, 0, 0, 0];
    const colorOf = (a: Annotation, fallback: Rgba): Rgba => (a.color ? style.resolveColor(a.color) ?? fallback : fallback);

    for (const a of annotations) {
      if (!a.visible) continue;
      if (a.kind === 'marker') {
        markers.push(a);
        if (!a.label) continue;
      }
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
        // Labels far outside the pane cannot show (the overlay clips them anyway).
        if (l.x < -rect.width || l.x > 2 * rect.width || l.y < -rect.height || l.y > 2 * rect.height) continue;
        labels.push({ x: rect.x + l.x, y: rect.y + l.y, text: l.text, color: l.boxed ? style.textColor : levelColor(l.level), font: a.font ?? style.font, align: l.align, baseline: l.baseline, boxed: l.boxed, clip: rect });
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
    for (const layer of this.markerLayers(markers, view, context, style)) layers.push(layer);
    return { layers, labels };
  }

  /**
   * Markers as filled triangles of `band` layers, one per colour (buys and sells by default: two):
   * each marker is three rows (apex, base, a gap), so the band between the apex→left and
   * apex→right edges is the triangle. Bands are plain triangles for the rasterizer, one per marker;
   * the `markers` primitive would splat into a pixel buffer of its whole rectangle and composite
   * it every frame, a fixed cost per layer that software WebGPU (SwiftShader) pays for the whole
   * pane even for a hundred markers. Only markers in view are written, in pane pixels.
   */
  private markerLayers(markers: readonly Annotation[], view: PaneView, context: ShapeContext, style: LayerStyle): BandLayer[] {
    if (markers.length === 0) return [];
    const { rect } = view;
    const ratio = context.ratio;
    const byColor = new Map<number, { fill: Rgba; rows: number[] }>();
    // Markers of one colour, side and size at the same whole pixel look the same: drawn once (zoomed
    // out, thousands of markers share a few hundred pixel columns).
    const seen = new Set<string>();
    for (const a of markers) {
      const r = (a.size / 2) * ratio;
      const x = view.x.toPixel(a.points[0]!.time);
      const anchor = view.y.toPixel(markerPrice(a, context));
      const sell = a.side === 'sell';
      // The arrow sits beside its anchor: below it for buys (pointing up), above for sells (down).
      const y = sell ? anchor - r - MARKER_GAP * ratio : anchor + r + MARKER_GAP * ratio;
      if (!(x > -r - 1 && x < rect.width + r + 1 && y > -r - 1 && y < rect.height + r + 1)) continue;
      const base = sell ? style.downColor : style.upColor;
      const fill = a.color ? style.resolveColor(a.color) ?? base : base;
      const key = packRgba(fill);
      const spot = `${key}|${sell ? -r : r}|${Math.round(x)}|${Math.round(y)}`;
      if (seen.has(spot)) continue;
      seen.add(spot);
      let group = byColor.get(key);
      if (!group) byColor.set(key, (group = { fill, rows: [] }));
      const apex = sell ? y + r : y - r;
      const foot = sell ? y - r : y + r;
      group.rows.push(x, apex, x, apex, x - r, foot, x + r, foot, x, GAP_Y, x, GAP_Y);
    }
    const layers: BandLayer[] = [];
    let k = 0;
    for (const { fill, rows } of byColor.values()) {
      layers.push({ kind: 'band', id: `annotations:markers:${view.id}:${k++}`, points: Float32Array.from(rows), count: rows.length / 4, fill, pane: rect });
    }
    return layers;
  }
}

function strokeGroup(groups: Map<string, { color: Rgba; width: number; points: number[] }>, color: Rgba, width: number) {
  const key = `${color.join(',')}|${width}`;
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
