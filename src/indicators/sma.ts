import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';

/** Simple moving average (TA_SMA). Warm-up: period - 1 bars. */
export function smaLookback(period = 30): number {
  return period - 1;
}

/**
 * SMA of src[begin..end) written into out[begin + period - 1 .. end). Same
 * running-sum arithmetic as TA-Lib's TA_INT_SMA (add the new value, emit, then
 * drop the trailing one), which the incremental version mirrors exactly.
 * Shared by STOCH, BBANDS and ATR's seed.
 */
export function smaKernel(src: ArrayLike<number>, begin: number, end: number, period: number, out: Float64Array): void {
  if (end - begin < period) return;
  let total = 0;
  let i = begin;
  const firstOut = begin + period - 1;
  while (i < firstOut) total += src[i++]!;
  let trailing = begin;
  while (i < end) {
    total += src[i]!;
    out[i++] = total / period;
    total -= src[trailing++]!;
  }
}

export function sma(values: ArrayLike<number>, period = 30): Float64Array {
  checkInt('sma', 'period', period, 1);
  return onFiniteBars('sma', [values], ([x], n) => {
    const out = nanArray(n);
    smaKernel(x!, 0, n, period, out);
    return [out];
  })[0]!;
}
