import type { PlotRect, RectsLayer } from '../../../core/scene/frame-scene.js';
import { rectCount, rectMinSize, snapRectSpan } from '../../../core/scene/frame-scene.js';
import type { Context2d, DrawPrimitive } from './draw-primitive.js';

/** Per-frame scratch of fillRects, grown as needed (drawing is synchronous, so one is enough). */
let rectBoxes = new Int32Array(0);
let rectGroups = new Int32Array(0);
let rectOrder = new Int32Array(0);
let columnOwner = new Int32Array(0);
const span = new Float64Array(2);

/**
 * A rects layer, following shaders/rects.wgsl: each rectangle's edges snapped to whole pixels by
 * `snapRectSpan` (the shader's f32 steps), clamped to the scissor rectangle, then filled with
 * fillRect at whole-pixel coordinates with no transform, so no edge is antialiased and the pixels
 * are the GPU's. Translucent rectangles are filled one by one, each blended on its own, as the
 * GPU's instances are.
 *
 * For speed the rectangles are grouped by colour (a candlestick chart has two or three): one
 * fillStyle per colour instead of one per rectangle. Grouping reorders rectangles of different
 * colours, which changes the picture only where they overlap, so it is used only when no pixel
 * column holds two colours (a conservative test, cheap because candles and bars are narrow);
 * otherwise the rectangles are drawn in array order, changing fillStyle when the colour changes.
 */
function fillRects(ctx: Context2d, layer: RectsLayer, plot: PlotRect, clip: PlotRect): void {
  const count = rectCount(layer);
  if (count === 0) return;
  const minSize = rectMinSize(layer);
  const r = layer.rects;
  const colors = layer.colors;
  if (rectBoxes.length < count * 4) {
    rectBoxes = new Int32Array(count * 8);
    rectGroups = new Int32Array(count * 2);
    rectOrder = new Int32Array(count * 2);
  }
  const boxes = rectBoxes;
  const groups = rectGroups;
  const clipX1 = clip.x + clip.width;
  const clipY1 = clip.y + clip.height;
  // Colour → group index, in order of first appearance; -1 marks a rectangle that draws nothing.
  const groupOf = new Map<number, number>();
  const groupColors: number[] = [];
  for (let i = 0; i < count; i++) {
    const color = colors[i]!;
    const o = i * 4;
    snapRectSpan(r[o]!, r[o + 2]!, plot.x, minSize, span);
    const x0 = Math.max(clip.x, Math.min(clipX1, span[0]!));
    const x1 = Math.max(clip.x, Math.min(clipX1, span[1]!));
    snapRectSpan(r[o + 1]!, r[o + 3]!, plot.y, minSize, span);
    const y0 = Math.max(clip.y, Math.min(clipY1, span[0]!));
    const y1 = Math.max(clip.y, Math.min(clipY1, span[1]!));
    // Empty after clipping, fully transparent (the premultiplied blend leaves the pixel as it is)
    // or not a number (coordinates must be finite; the comparison is false for NaN).
    if (!(x1 > x0 && y1 > y0) || color >>> 24 === 0) {
      groups[i] = -1;
      continue;
    }
    boxes[o] = x0;
    boxes[o + 1] = y0;
    boxes[o + 2] = x1 - x0;
    boxes[o + 3] = y1 - y0;
    let group = groupOf.get(color);
    if (group === undefined) {
      group = groupColors.length;
      groupOf.set(color, group);
      groupColors.push(color);
    }
    groups[i] = group;
  }
  const styles = groupColors.map(packedCssColor);
  ctx.save();
  // Whole canvas pixels: the plot's (possibly fractional) origin is already in the snapped edges.
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  if (styles.length <= 1 || coloursShareAColumn(count, clip)) {
    let current = -1;
    for (let i = 0; i < count; i++) {
      const group = groups[i]!;
      if (group < 0) continue;
      if (group !== current) {
        ctx.fillStyle = styles[group]!;
        current = group;
      }
      const o = i * 4;
      ctx.fillRect(boxes[o]!, boxes[o + 1]!, boxes[o + 2]!, boxes[o + 3]!);
    }
  } else {
    // A counting sort by group keeps array order inside each group.
    const starts = new Int32Array(styles.length + 1);
    for (let i = 0; i < count; i++) if (groups[i]! >= 0) starts[groups[i]! + 1]!++;
    for (let g = 0; g < styles.length; g++) starts[g + 1]! += starts[g]!;
    const next = starts.slice(0, styles.length);
    const order = rectOrder;
    for (let i = 0; i < count; i++) if (groups[i]! >= 0) order[next[groups[i]!]!++] = i;
    for (let g = 0; g < styles.length; g++) {
      ctx.fillStyle = styles[g]!;
      for (let k = starts[g]!; k < starts[g + 1]!; k++) {
        const o = order[k]! * 4;
        ctx.fillRect(boxes[o]!, boxes[o + 1]!, boxes[o + 2]!, boxes[o + 3]!);
      }
    }
  }
  ctx.restore();
}

/** Whether two rectangles of different colours (fillRects' scratch) cover a common pixel column. */
function coloursShareAColumn(count: number, clip: PlotRect): boolean {
  if (columnOwner.length < clip.width) columnOwner = new Int32Array(clip.width);
  const owner = columnOwner;
  owner.fill(-1, 0, clip.width);
  for (let i = 0; i < count; i++) {
    const group = rectGroups[i]!;
    if (group < 0) continue;
    const start = rectBoxes[i * 4]! - clip.x;
    const end = start + rectBoxes[i * 4 + 2]!;
    for (let x = start; x < end; x++) {
      const current = owner[x]!;
      if (current === group) continue;
      if (current !== -1) return true;
      owner[x] = group;
    }
  }
  return false;
}

/** Packed straight RGBA8 (r | g << 8 | b << 16 | a << 24) to a CSS colour. */
function packedCssColor(color: number): string {
  const r = color & 0xff;
  const g = (color >>> 8) & 0xff;
  const b = (color >>> 16) & 0xff;
  const a = color >>> 24;
  return a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${a / 255})`;
}

export const drawRects: DrawPrimitive<RectsLayer> = { draw: (ctx, layer, pane, clip) => fillRects(ctx, layer, pane, clip) };
