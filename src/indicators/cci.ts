import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';

/** Commodity Channel Index (TA_CCI). Warm-up: period − 1 bars. */
export function cciLookback(period = 14): number {
  return period - 1;
}

export function typicalPrice(high: number, low: number, close: number): number {
  return (high + low + close) / 3;
}

/**
 * CCI of one window of typical prices, `tp(j)` the j-th oldest (j = 0..period-1):
 * (tp_last − mean) / (0.015 · mean absolute deviation). The mean is taken as
 * tp(0) + Σ(tp − tp(0)) / period so that a flat window gives a mean equal to
 * its value and therefore exactly 0. TA-Lib ≤ 0.7 averages the raw values and
 * can return a spurious non-zero CCI from rounding residue there (TA-Lib issue
 * #7); for any window with actual movement the two agree to ~1e-15.
 */
export function cciWindow(tp: (j: number) => number, period: number): number {
  const base = tp(0);
  let shifted = 0;
  for (let j = 0; j < period; j++) shifted += tp(j) - base;
  const mean = base + shifted / period;
  let absDev = 0;
  for (let j = 0; j < period; j++) absDev += Math.abs(tp(j) - mean);
  const dev = tp(period - 1) - mean;
  return dev !== 0 && absDev !== 0 ? dev / (0.015 * (absDev / period)) : 0;
}

export function cci(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  checkInt('cci', 'period', period, 2);
  return onFiniteBars('cci', [high, low, close], ([h, l, c], n) => {
    const out = nanArray(n);
    const tp = new Float64Array(n);
    for (let i = 0; i < n; i++) tp[i] = typicalPrice(h![i]!, l![i]!, c![i]!);
    for (let i = period - 1; i < n; i++) {
      const start = i - period + 1;
      out[i] = cciWindow((j) => tp[start + j]!, period);
    }
    return [out];
  })[0]!;
}
