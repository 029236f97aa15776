import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { typicalPrice } from './cci.js';

/** Money Flow Index (TA_MFI). Warm-up: period bars. */
export function mfiLookback(period = 14): number {
  return period;
}

/**
 * Signed raw money flow of a bar: +tp·volume when the typical price rose, −tp·volume
 * when it fell, 0 when it is exactly unchanged. The exact comparison is released
 * TA-Lib's (≤ 0.7): (h+l+c)/3 of two bars with equal sums can differ in the last
 * bit, and TA-Lib then counts a move — so do we, to give TA-Lib's numbers on
 * real tick data. (TA-Lib's development branch adds a 1e-14 relative dead zone,
 * issue #107, which changes MFI by up to a few points on such bars.)
 */
export function moneyFlow(tp: number, prevTp: number, volume: number): number {
  const diff = tp - prevTp;
  const flow = tp * volume;
  if (diff < 0) return -flow;
  if (diff > 0) return flow;
  return 0;
}

/**
 * 100 · positive flow / (positive + negative flow) over the last `period` bars.
 * A window with no flow at all gives 0. Released TA-Lib tests "total < 1.0"
 * instead, which zeroes the index of any instrument whose price × volume is
 * small (TA-Lib issue #244, fixed in its development branch the same way as
 * here): the running sums are reset to exactly 0 once a whole window of zero
 * flows has passed, and the ratio is clamped to [0, 100] against rounding drift.
 */
export function mfiValue(pos: number, neg: number): number {
  const total = pos + neg;
  if (total <= 0) return 0;
  const p = pos < 0 ? 0 : pos > total ? total : pos;
  return 100 * (p / total);
}

export function mfi(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  period = 14,
): Float64Array {
  checkInt('mfi', 'period', period, 2);
  return onFiniteBars('mfi', [high, low, close, volume], ([h, l, c, v], n) => {
    const out = nanArray(n);
    if (n <= period) return [out];
    const flows = new Float64Array(n);
    let prevTp = typicalPrice(h![0]!, l![0]!, c![0]!);
    for (let i = 1; i < n; i++) {
      const tp = typicalPrice(h![i]!, l![i]!, c![i]!);
      flows[i] = moneyFlow(tp, prevTp, v![i]!);
      prevTp = tp;
    }
    let pos = 0;
    let neg = 0;
    let nullRun = 0;
    for (let i = 1; i < n; i++) {
      if (i > period) {
        const old = flows[i - period]!;
        if (old > 0) pos -= old;
        else if (old < 0) neg += old;
      }
      const f = flows[i]!;
      if (f > 0) pos += f;
      else if (f < 0) neg -= f;
      nullRun = f === 0 ? nullRun + 1 : 0;
      if (nullRun >= period) {
        nullRun = period;
        pos = 0;
        neg = 0;
      }
      if (i >= period) out[i] = mfiValue(pos, neg);
    }
    return [out];
  })[0]!;
}
