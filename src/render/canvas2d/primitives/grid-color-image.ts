import type { GridLayer } from '../../../core/scene/frame-scene.js';
import { colorPosition, lutIndex } from '../../../core/scene/grid-sampling.js';

/**
 * A grid's cells already coloured, one canvas pixel per cell (physical columns, so a streaming
 * ring keeps its layout; image row 0 is the grid's top row). Built once per data version and
 * colour mapping, then kept: a pan or zoom frame of a nearest-sampled heatmap is one scaled
 * `drawImage` of it (the browser's blitter, not a JavaScript loop per screen pixel), and appended
 * spectrogram columns recolour only those columns.
 */
interface ColorImage {
  canvas: OffscreenCanvas | HTMLCanvasElement;
  version: number;
  mapping: string;
}

const images = new WeakMap<GridLayer['source'], ColorImage>();

/** Browsers refuse canvases past these (Chromium: 32,767 px a side, 268 M pixels). */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 64 * 1024 * 1024;

function newCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** What the colours depend on besides the values. */
function mappingKey(layer: GridLayer): string {
  return `${layer.lutKey}|${layer.min}|${layer.max}|${layer.scale}`;
}

/** Colours physical columns [start, start + count) into the image. */
function paintColumns(image: ColorImage, layer: GridLayer, start: number, count: number): void {
  const { source, lut, min, max, scale } = layer;
  const rows = source.rows;
  const pixels = new ImageData(count, rows);
  const out = new Uint32Array(pixels.data.buffer);
  const lut32 = new Uint32Array(lut.buffer, lut.byteOffset, 256);
  const values = source.values;
  const width = source.width;
  // Cell (c, r) is values[c·columnStep + r·rowStep] in either layout (row-major, or a column ring).
  const [columnStep, rowStep] = source.layout === 'rows' ? [1, width] : [rows, 1];
  for (let r = 0; r < rows; r++) {
    const line = (rows - 1 - r) * count;
    for (let i = 0; i < count; i++) {
      const value = values[(start + i) * columnStep + r * rowStep]!;
      const t = colorPosition(value, min, max, scale);
      // NaN (missing) stays 0: transparent, what is below shows, as in the shader.
      if (t === t) out[line + i] = lut32[lutIndex(t)]!;
    }
  }
  const ctx = image.canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  ctx.putImageData(pixels, start, 0);
}

/**
 * The layer's colour image, current with its data and colour mapping, or null where a canvas of
 * its size is not possible (the caller samples per pixel instead). The LUT must be 4-byte aligned
 * RGBA (it is: 256 entries).
 */
export function gridColorImage(layer: GridLayer): OffscreenCanvas | HTMLCanvasElement | null {
  const { source } = layer;
  const width = source.width;
  const rows = source.rows;
  if (width <= 0 || rows <= 0 || width > MAX_SIDE || rows > MAX_SIDE || width * rows > MAX_PIXELS) return null;
  if (layer.lut.byteOffset % 4 !== 0) return null;
  const mapping = mappingKey(layer);
  let image = images.get(source);
  if (image && (image.canvas.width !== width || image.canvas.height !== rows)) image = undefined;
  if (!image) {
    image = { canvas: newCanvas(width, rows), version: -1, mapping: '' };
    images.set(source, image);
  }
  if (image.version === source.version && image.mapping === mapping) return image.canvas;
  // Only the columns written since (a streamed ring); anything else repaints the whole image.
  const changes = image.mapping === mapping && image.version >= 0 ? source.changesSince(image.version) : null;
  if (changes) {
    for (const [start, count] of changes) if (count > 0) paintColumns(image, layer, start, Math.min(count, width - start));
  } else {
    paintColumns(image, layer, 0, width);
  }
  image.version = source.version;
  image.mapping = mapping;
  return image.canvas;
}
