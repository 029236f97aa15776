import type { GridLayer } from '../../core/scene/frame-scene.js';
import { cellCoordinate, colorPosition, gridTransform, lutIndex, sampleGrid } from '../../core/scene/grid-sampling.js';
import { pngDataUrl } from '../png-encode.js';
import type { SvgLayerWriter } from './svg-layer.js';

const f32 = Math.fround;

/**
 * A grid (heatmap, spectrogram) as an embedded PNG of the visible part of the layer, one sample per
 * device pixel with the shared sampling (nearest, bilinear, bicubic; missing cells transparent),
 * exactly as the Canvas2D renderer paints it. Its size is bounded by the pane, not by the grid.
 */
export const gridSvg: SvgLayerWriter<GridLayer> = async (layer, { rect }) => {
  if (layer.count <= 0 || layer.cols <= 0 || layer.source.rows <= 0) return '';
  const left = Math.max(0, Math.floor(Math.min(layer.x0, layer.x1)));
  const right = Math.min(rect.width, Math.ceil(Math.max(layer.x0, layer.x1)));
  const top = Math.max(0, Math.floor(Math.min(layer.yTop, layer.yBottom)));
  const bottom = Math.min(rect.height, Math.ceil(Math.max(layer.yTop, layer.yBottom)));
  const width = right - left;
  const height = bottom - top;
  if (width <= 0 || height <= 0) return '';
  // Pane-relative pixels: the transform from the pane's own corner.
  const { ax, bx, ay, by, cx, dx, cy, dy, logX, logY } = gridTransform(layer, 0, 0);
  const out = new Uint8Array(width * height * 4);
  const lut = layer.lut;
  const [fax, fbx, fay, fby] = [f32(ax), f32(bx), f32(ay), f32(by)];
  for (let j = 0; j < height; j++) {
    const v = cellCoordinate(f32(f32(f32(top + j + 0.5) * fay) + fby), logY, cy, dy);
    for (let i = 0; i < width; i++) {
      const u = cellCoordinate(f32(f32(f32(left + i + 0.5) * fax) + fbx), logX, cx, dx);
      const t = colorPosition(sampleGrid(layer, u, v, layer.interpolation), layer.min, layer.max, layer.scale);
      if (t !== t) continue;
      const o = lutIndex(t) * 4;
      const at = (j * width + i) * 4;
      out[at] = lut[o]!;
      out[at + 1] = lut[o + 1]!;
      out[at + 2] = lut[o + 2]!;
      out[at + 3] = lut[o + 3]!;
    }
  }
  const href = await pngDataUrl(out, width, height);
  return `<image data-layer="${layer.id}" class="grid" x="${left}" y="${top}" width="${width}" height="${height}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${href}"/>`;
};
