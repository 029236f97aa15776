import type { MarkersLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { MARKER_STRIDE, markerCount, markerShapeIndex } from '../../../core/scene/frame-scene.js';
import type { Context2d, DrawPrimitive } from './draw-primitive.js';

const f32 = Math.fround;

/** Per-frame scratch, grown as needed (drawing is synchronous, so one is enough). */
let groupOfMarker = new Int32Array(0);
let order = new Int32Array(0);

/**
 * A markers layer, following shaders/markers.wgsl: the same data-to-pixel transform (in f32), the
 * same outlines (circle, square, triangle, cross, diamond; see MarkersLayer), filled as paths, so
 * the canvas' analytic antialiasing matches the shader's one-pixel coverage ramp.
 *
 * For speed the markers are batched by colour: one path and one fill per colour (a colormap gives
 * at most 256), built with a counting sort that keeps array order within a colour. Batching
 * reorders markers of different colours (where two overlap, the one on top may differ from the
 * GPU's, where the marker covering a pixel most shows) and merges overlapping markers of one colour
 * into one coverage (a translucent colour blends once there, as on the GPU). Paths are filled every PATH_BATCH markers:
 * one path of a million arcs costs several times more than many small ones. Markers outside the clip
 * rectangle are skipped before they reach a path.
 */
function drawMarkers(ctx: Context2d, layer: MarkersLayer, pane: PlotRect, clip: PlotRect): void {
  const count = markerCount(layer);
  if (count === 0) return;
  const data = layer.data;
  const bits = new Uint32Array(data.buffer, data.byteOffset, count * MARKER_STRIDE);
  const [sx, ox, sy, oy] = layer.transform.map(f32) as [number, number, number, number];
  // The clip rectangle, plot-relative (the context is translated to the pane's corner).
  const left = clip.x - pane.x;
  const top = clip.y - pane.y;
  const right = left + clip.width;
  const bottom = top + clip.height;
  if (groupOfMarker.length < count) {
    groupOfMarker = new Int32Array(Math.max(count, groupOfMarker.length * 2));
    order = new Int32Array(groupOfMarker.length);
  }
  const groups = groupOfMarker;
  const groupOf = new Map<number, number>();
  const colors: number[] = [];
  const sizes: number[] = [];
  let lastColor = -1;
  let lastGroup = -1;
  for (let i = 0; i < count; i++) {
    const o = i * MARKER_STRIDE;
    const color = bits[o + 3]!;
    const r = data[o + 2]! * 0.5;
    const x = f32(f32(data[o]! * sx) + ox);
    const y = f32(f32(data[o + 1]! * sy) + oy);
    // Transparent, sizeless, not a number, or wholly outside the clip: nothing to draw.
    if (color >>> 24 === 0 || !(r > 0) || !(x + r + 1 > left && x - r - 1 < right && y + r + 1 > top && y - r - 1 < bottom)) {
      groups[i] = -1;
      continue;
    }
    if (color !== lastColor) {
      let group = groupOf.get(color);
      if (group === undefined) {
        group = colors.length;
        groupOf.set(color, group);
        colors.push(color);
        sizes.push(0);
      }
      lastColor = color;
      lastGroup = group;
    }
    groups[i] = lastGroup;
    sizes[lastGroup]!++;
  }
  if (colors.length === 0) return;
  // Counting sort by group, stable.
  const starts = new Int32Array(colors.length + 1);
  for (let g = 0; g < colors.length; g++) starts[g + 1] = starts[g]! + sizes[g]!;
  const next = starts.slice(0, colors.length);
  for (let i = 0; i < count; i++) {
    const g = groups[i]!;
    if (g >= 0) order[next[g]!++] = i;
  }
  const shape = markerShapeIndex(layer.shape);
  for (let g = 0; g < colors.length; g++) {
    ctx.fillStyle = packedCssColor(colors[g]!);
    ctx.beginPath();
    for (let k = starts[g]!; k < starts[g + 1]!; k++) {
      const o = order[k]! * MARKER_STRIDE;
      const r = data[o + 2]! * 0.5;
      const x = f32(f32(data[o]! * sx) + ox);
      const y = f32(f32(data[o + 1]! * sy) + oy);
      markerPath(ctx, shape, x, y, r);
      // A path of a million arcs costs far more than a thousand paths of a thousand (superlinear
      // in Skia): the path is filled and restarted every PATH_BATCH markers.
      if ((k - starts[g]! + 1) % PATH_BATCH === 0) {
        ctx.fill('nonzero');
        ctx.beginPath();
      }
    }
    ctx.fill('nonzero');
  }
}

/** Markers per filled path (see drawMarkers). */
const PATH_BATCH = 2048;

/** Adds one marker's outline to the current path (the shapes of markers.wgsl). */
function markerPath(ctx: Context2d, shape: number, x: number, y: number, r: number): void {
  switch (shape) {
    case 1:
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
      return;
    case 2:
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.lineTo(x - r, y + r);
      ctx.closePath();
      return;
    case 3: {
      const h = Math.max(0.5, r / 3);
      // Both rectangles wind the same way: nonzero fills their union once.
      ctx.rect(x - r, y - h, 2 * r, 2 * h);
      ctx.rect(x - h, y - r, 2 * h, 2 * r);
      return;
    }
    case 4:
      ctx.moveTo(x, y - r);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      return;
    default:
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
  }
}

/** Packed straight RGBA8 (r | g << 8 | b << 16 | a << 24) to a CSS colour. */
function packedCssColor(color: number): string {
  const r = color & 0xff;
  const g = (color >>> 8) & 0xff;
  const b = (color >>> 16) & 0xff;
  const a = color >>> 24;
  return a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${a / 255})`;
}

export const drawMarkersLayer: DrawPrimitive<MarkersLayer> = { draw: (ctx, layer, pane, clip) => drawMarkers(ctx, layer, pane, clip) };
