import { GAP } from '../../data/lod/m4.js';
import { GAP_Y } from '../../core/scene/frame-scene.js';
import type { TimeScale, ValueScale } from '../../core/scales.js';

/** Points this far outside the plot are pulled in along their segment (see below). */
const CLIP_MARGIN_PX = 4;

/**
 * Converts the indices chosen by level of detail into plot-relative pixel pairs (float64 math,
 * stored as f32). Decimated points sit at the centre of their pixel column (see LodResult). Gaps (GAP indices, or values a log scale cannot show) become GAP_Y.
 *
 * The neighbour points just outside the window may lie millions of pixels away when zoomed far
 * in; they are moved along their segment to just outside the plot edge, in float64, so that the
 * GPU never sees huge coordinates and the visible slope is exact.
 */
export function indicesToPoints(
  indices: Uint32Array,
  columns: Int32Array | null,
  count: number,
  time: Float64Array,
  values: Float64Array,
  xScale: TimeScale,
  yScale: ValueScale,
  widthPx: number,
  out: Float32Array,
  /** Width of one M4 column in px (1 unless level of detail merges pixels: see lodAggressiveness). */
  columnWidth = 1,
): number {
  const left = -CLIP_MARGIN_PX;
  const right = widthPx + CLIP_MARGIN_PX;
  let n = 0;
  let previousX = NaN;
  let previousY = NaN;
  for (let k = 0; k < count; k++) {
    const index = indices[k]!;
    let x: number;
    let y: number;
    if (index === GAP) {
      x = previousX;
      y = GAP_Y;
    } else {
      const column = columns ? columns[k]! : -1;
      x = column >= 0 ? (column + 0.5) * columnWidth : xScale.toPixel(time[index]!);
      y = yScale.toPixel(values[index]!);
      if (y !== y) y = GAP_Y;
      // An x a log axis cannot show (≤ 0) breaks the line like a gap.
      if (x !== x) {
        x = previousX === previousX ? previousX : 0;
        y = GAP_Y;
      }
    }
    if (y !== GAP_Y) {
      const nextIndex = k + 1 < count ? indices[k + 1]! : GAP;
      if (x < left && nextIndex !== GAP) {
        // Entering from the left: cut the segment to this point's successor at x = left.
        const nx = xScale.toPixel(time[nextIndex]!);
        const ny = yScale.toPixel(values[nextIndex]!);
        if (ny === ny && nx > left) {
          y = y + ((ny - y) * (left - x)) / (nx - x);
          x = left;
        }
      } else if (x > right && previousY === previousY && previousY !== GAP_Y && previousX < right) {
        // Leaving to the right: cut the segment from the predecessor at x = right.
        y = previousY + ((y - previousY) * (right - previousX)) / (x - previousX);
        x = right;
      }
    }
    out[n * 2] = x;
    out[n * 2 + 1] = y;
    previousX = x;
    previousY = y;
    n++;
  }
  return n;
}
