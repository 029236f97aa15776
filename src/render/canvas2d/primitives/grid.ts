import type { FrameScene, GridLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { gridTransform } from '../../../core/scene/grid-sampling.js';
import { blitImageData } from './blit-image.js';
import type { Context2d, DrawPrimitive } from './draw-primitive.js';
import { gridColorImage } from './grid-color-image.js';
import { type PixelWindow, resampleGrid } from './grid-resample.js';


/** The device pixels of the layer's rectangle inside the clip (empty: width or height ≤ 0). */
function pixelWindow(layer: GridLayer, pane: PlotRect, clip: PlotRect): PixelWindow {
  const left = Math.max(clip.x, Math.floor(pane.x + Math.min(layer.x0, layer.x1)));
  const right = Math.min(clip.x + clip.width, Math.ceil(pane.x + Math.max(layer.x0, layer.x1)));
  const top = Math.max(clip.y, Math.floor(pane.y + Math.min(layer.yTop, layer.yBottom)));
  const bottom = Math.min(clip.y + clip.height, Math.ceil(pane.y + Math.max(layer.yTop, layer.yBottom)));
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * Nearest sampling on linear axes: the cached colour image (one pixel per cell) scaled into the
 * window by the browser with smoothing off, which picks, per device pixel centre, the cell that
 * contains it, as the shader does. The visible cells only, and a streamed ring in its two pieces
 * (logical columns [0, k) are physical [offset, width), the rest physical [0, …)).
 */
function blitNearest(ctx: Context2d, layer: GridLayer, image: CanvasImageSource, window: PixelWindow, pane: PlotRect): void {
  const { ax, bx, ay, by } = gridTransform(layer, pane.x, pane.y);
  const { left, top, width, height } = window;
  const rows = layer.source.rows;
  const uAt = (px: number): number => px * ax + bx;
  const pxAt = (u: number): number => (u - bx) / ax;
  const uFrom = Math.max(0, Math.min(uAt(left), uAt(left + width)));
  const uTo = Math.min(layer.cols, Math.max(uAt(left), uAt(left + width)));
  // v grows upwards (0 at the grid's bottom edge); image rows grow downwards from the top row.
  const vTop = top * ay + by;
  const vBottom = (top + height) * ay + by;
  const sy = rows - Math.min(rows, Math.max(vTop, vBottom));
  const sh = Math.min(rows, Math.max(vTop, vBottom)) - Math.max(0, Math.min(vTop, vBottom));
  if (!(uTo > uFrom) || !(sh > 0)) return;
  const capacity = layer.source.width;
  const offset = layer.source.layout === 'columns' ? layer.ringOffset % capacity : 0;
  const split = capacity - offset;
  const pieces: [logicalFrom: number, logicalTo: number, physicalShift: number][] = [];
  if (uFrom < split) pieces.push([uFrom, Math.min(uTo, split), offset]);
  if (uTo > split) pieces.push([Math.max(uFrom, split), uTo, -split]);
  for (const [from, to, shift] of pieces) {
    const x0 = pxAt(from);
    const x1 = pxAt(to);
    ctx.drawImage(image, from + shift, sy, to - from, sh, Math.min(x0, x1), top, Math.abs(x1 - x0), height);
  }
}

/**
 * A grid layer, following shaders/grid.wgsl: every device pixel of the visible part of the grid
 * (its rectangle ∩ the clip) shows the grid sampled at its centre (nearest, bilinear or bicubic,
 * NaN-aware), mapped to the LUT like the shader, drawn over what is below, so missing cells stay
 * transparent. Nearest on linear axes blits the cached colour image; the rest samples per pixel
 * with per-row and per-column tables (grid-resample.ts).
 */
export const drawGrid: DrawPrimitive<GridLayer> = {
  draw(ctx: Context2d, layer: GridLayer, pane: PlotRect, clip: PlotRect, _scene: FrameScene): void {
    if (layer.count <= 0 || layer.cols <= 0 || layer.source.rows <= 0) return;
    const window = pixelWindow(layer, pane, clip);
    if (window.width <= 0 || window.height <= 0) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.imageSmoothingEnabled = false;
    const image = layer.interpolation === 'nearest' && !layer.xLog && !layer.yLog ? gridColorImage(layer) : null;
    if (image) {
      ctx.beginPath();
      ctx.rect(window.left, window.top, window.width, window.height);
      ctx.clip();
      blitNearest(ctx, layer, image, window, pane);
    } else {
      blitImageData(ctx, resampleGrid(layer, window, pane.x, pane.y), window.left, window.top);
    }
    ctx.restore();
  },
};
