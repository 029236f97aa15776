import type { DensityLayer } from '../../core/scene/frame-scene.js';
import { binDensity, densityLevel } from '../../core/scene/density-grid.js';
import { pngDataUrl } from '../png-encode.js';
import type { SvgLayerWriter } from './svg-layer.js';

/**
 * A density map: every point binned on the CPU with the renderers' reference (`binDensity`), each
 * non-empty cell coloured by `densityLevel`, embedded as a PNG of one pixel per cell scaled up to
 * the cell size. Its size follows the pane's cells, not the number of points.
 */
export const densitySvg: SvgLayerWriter<DensityLayer> = async (layer, { rect }) => {
  const { counts, max, columns, rows } = binDensity(layer, rect.width, rect.height);
  if (max === 0) return '';
  const out = new Uint8Array(columns * rows * 4);
  for (let c = 0; c < counts.length; c++) {
    const level = densityLevel(counts[c]!, max, layer.scale);
    if (level < 0) continue;
    out.set(layer.colormap.subarray(level * 4, level * 4 + 4), c * 4);
  }
  const cell = layer.cellSize > 0 ? layer.cellSize : 1;
  const href = await pngDataUrl(out, columns, rows);
  return `<image data-layer="${layer.id}" class="density" x="0" y="0" width="${columns * cell}" height="${rows * cell}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${href}"/>`;
};
