import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { rollingExtreme } from './internal/extremes.js';

/** Williams' %R (TA_WILLR), range −100..0. Warm-up: period − 1 bars. */
export function willrLookback(period = 14): number {
  return period - 1;
}

/** −100 · (highest − close) / (highest − lowest); a zero range gives 0 (TA-Lib). */
export function willrValue(close: number, lowest: number, highest: number): number {
  const diff = (highest - lowest) / -100;
  return diff !== 0 ? (highest - close) / diff : 0;
}

export function willr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  checkInt('willr', 'period', period, 2);
  return onFiniteBars('willr', [high, low, close], ([h, l, c], n) => {
    const hh = new Float64Array(n);
    const ll = new Float64Array(n);
    rollingExtreme(h!, n, period, true, hh, null);
    rollingExtreme(l!, n, period, false, ll, null);
    const out = nanArray(n);
    for (let i = period - 1; i < n; i++) out[i] = willrValue(c![i]!, ll[i]!, hh[i]!);
    return [out];
  })[0]!;
}
