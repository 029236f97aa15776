import type { FrameScene, GridLayer, PlotRect } from '../../../core/scene/frame-scene.js';
import { cellCoordinate, colorPosition, gridTransform, lutIndex, sampleGrid } from '../../../core/scene/grid-sampling.js';
import type { Context2d, DrawPrimitive } from './draw-primitive.js';

let scratch: OffscreenCanvas | HTMLCanvasElement | null = null;

function scratchCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (!scratch) scratch = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
  if (scratch.width < width) scratch.width = width;
  if (scratch.height < height) scratch.height = height;
  return scratch;
}

/**
 * A grid layer, following shaders/grid.wgsl pixel for pixel: every device pixel of the visible
 * part of the grid (its rectangle ∩ the clip) samples the grid at its centre with the shared
 * `sampleGrid` (nearest, bilinear or bicubic, NaN-aware), maps the value to the LUT like the
 * shader, and the ImageData is drawn 1:1 (no smoothing) over what is below, so missing cells stay
 * transparent. The cost is one sample per visible pixel, whatever the grid's size.
 */
export const drawGrid: DrawPrimitive<GridLayer> = {
  draw(ctx: Context2d, layer: GridLayer, pane: PlotRect, clip: PlotRect, _scene: FrameScene): void {
    if (layer.count <= 0 || layer.cols <= 0 || layer.source.rows <= 0) return;
    const left = Math.max(clip.x, Math.floor(pane.x + Math.min(layer.x0, layer.x1)));
    const right = Math.min(clip.x + clip.width, Math.ceil(pane.x + Math.max(layer.x0, layer.x1)));
    const top = Math.max(clip.y, Math.floor(pane.y + Math.min(layer.yTop, layer.yBottom)));
    const bottom = Math.min(clip.y + clip.height, Math.ceil(pane.y + Math.max(layer.yTop, layer.yBottom)));
    const width = right - left;
    const height = bottom - top;
    if (width <= 0 || height <= 0) return;
    const { ax, bx, ay, by, cx, dx, cy, dy, logX, logY } = gridTransform(layer, pane.x, pane.y);
    const image = new ImageData(width, height);
    const out = image.data;
    const lut = layer.lut;
    const { min, max, scale, interpolation } = layer;
    // The shader's f32 positions, so both renderers pick the same cell at a cell edge.
    const f32 = Math.fround;
    const fax = f32(ax);
    const fbx = f32(bx);
    const fay = f32(ay);
    const fby = f32(by);
    for (let j = 0; j < height; j++) {
      const v = cellCoordinate(f32(f32(f32(top + j + 0.5) * fay) + fby), logY, cy, dy);
      for (let i = 0; i < width; i++) {
        const u = cellCoordinate(f32(f32(f32(left + i + 0.5) * fax) + fbx), logX, cx, dx);
        const t = colorPosition(sampleGrid(layer, u, v, interpolation), min, max, scale);
        if (t !== t) continue;
        const o = lutIndex(t) * 4;
        const at = (j * width + i) * 4;
        out[at] = lut[o]!;
        out[at + 1] = lut[o + 1]!;
        out[at + 2] = lut[o + 2]!;
        out[at + 3] = lut[o + 3]!;
      }
    }
    const canvas = scratchCanvas(width, height);
    const scratchCtx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
    scratchCtx.putImageData(image, 0, 0);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(canvas, 0, 0, width, height, left, top, width, height);
    ctx.restore();
  },
};
