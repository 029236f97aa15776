import type { MinMaxPyramid } from '../../data/lod/minmax-pyramid.js';
import { NO_INDEX } from '../../data/lod/minmax-pyramid.js';
import { lowerBound, upperBound } from '../../data/lod/search.js';
import type { RectsLayer, Rgba } from '../../core/scene/frame-scene.js';
import { packColor, RectBuffer } from './candle-layers.js';
import { HOOK_PARTS } from '../../custom-shaders/hooks.js';
import type { TimeScale, ValueScale } from '../../core/scales.js';

/** Up to this many visible bars per pixel column are drawn one by one; beyond it, per column. */
const RAW_BARS_PER_COLUMN = 0.5;

/**
 * A histogram of one value column (bar series, MACD histogram): a rectangle from the base value to
 * each bar's value. Zoomed out, where several bars share a pixel column, the column shows what they
 * span instead (from the base to their maximum and to their minimum, from the min/max pyramid), so a
 * frame costs O(columns × log N) and no bar that sticks out disappears, like the lines' M4.
 */
export class HistogramLayer {
  private readonly out = new RectBuffer();
  private readonly pair = new Uint32Array(2);

  build(
    id: string,
    time: ArrayLike<number>,
    values: ArrayLike<number>,
    length: number,
    pyramid: MinMaxPyramid,
    xScale: TimeScale,
    yScale: ValueScale,
    plotWidth: number,
    base: number,
    positive: Rgba,
    negative: Rgba,
    /** A hook is attached to the series: the rectangles carry hook inputs (RectBuffer). */
    hooked: boolean,
  ): RectsLayer {
    const out = this.out;
    const first = lowerBound(time, length, xScale.start);
    const end = upperBound(time, length, xScale.end, first);
    const visible = end - first;
    const columns = Math.max(1, Math.floor(plotWidth));
    const up = packColor(positive);
    const down = packColor(negative);
    const baseY = yScale.toPixel(base);
    if (visible <= columns * RAW_BARS_PER_COLUMN) {
      // One rectangle per bar, 80 % of its slot, plus the neighbours just outside the window.
      const from = Math.max(0, first - 1);
      const to = Math.min(length, end + 1);
      out.reset(to - from, hooked);
      const slot = plotWidth / Math.max(1, visible);
      const width = Math.max(1, slot * 0.8 > 2 ? Math.floor(slot * 0.8) : slot);
      for (let i = from; i < to; i++) {
        const v = values[i]!;
        if (!Number.isFinite(v) || v === base) continue;
        const x = xScale.toPixel(time[i]!);
        const y = yScale.toPixel(v);
        out.push(x - width / 2, baseY, x + width / 2, y, v >= base ? up : down);
        out.input(v, v, v, v, v, y, i - from, HOOK_PARTS.PART_BAR, v >= base);
      }
      return out.layer(id);
    }
    out.reset(columns * 2, hooked);
    const pair = this.pair;
    let lo = first;
    for (let c = 0; c < columns && lo < end; c++) {
      const hi = c === columns - 1 ? end : lowerBound(time, end, xScale.fromPixel(c + 1), lo);
      if (hi <= lo) continue;
      pyramid.rangeMinMax(lo, hi, pair);
      lo = hi;
      if (pair[0] === NO_INDEX) continue;
      const min = values[pair[0]!]!;
      const max = values[pair[1]!]!;
      const x0 = c;
      const x1 = c + 1;
      if (max > base) {
        const y = yScale.toPixel(max);
        out.push(x0, baseY, x1, y, up);
        out.input(max, max, max, max, max, y, c, HOOK_PARTS.PART_BAR, true);
      }
      if (min < base) {
        const y = yScale.toPixel(min);
        out.push(x0, baseY, x1, y, down);
        out.input(min, min, min, min, min, y, c, HOOK_PARTS.PART_BAR, false);
      }
    }
    return out.layer(id);
  }
}
