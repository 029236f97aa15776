import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';

/** Exponential moving average (TA_EMA). Warm-up: period - 1 bars. */
export function emaLookback(period = 30): number {
  return period - 1;
}

/** TA-Lib's PER_TO_K: the smoothing factor 2 / (period + 1). */
export function emaK(period: number): number {
  return 2 / (period + 1);
}

/**
 * EMA of src[begin..end) into out[begin + period - 1 .. end). TA-Lib seeds the
 * EMA with the SMA of the first `period` values of *its own input range* (not
 * with the first value, as many textbooks do); DEMA, TEMA, TRIX and MACD chain
 * this kernel on the previous stage's first valid index, which is how TA-Lib
 * aligns them. The update is written as ((x - prev) * k) + prev, TA-Lib's
 * order of operations.
 */
export function emaKernel(src: ArrayLike<number>, begin: number, end: number, period: number, out: Float64Array): void {
  if (end - begin < period) return;
  const k = emaK(period);
  let sum = 0;
  let i = begin;
  const seedEnd = begin + period;
  while (i < seedEnd) sum += src[i++]!;
  let prev = sum / period;
  out[seedEnd - 1] = prev;
  while (i < end) {
    prev = (src[i]! - prev) * k + prev;
    out[i++] = prev;
  }
}

export function ema(values: ArrayLike<number>, period = 30): Float64Array {
  checkInt('ema', 'period', period, 1);
  return onFiniteBars('ema', [values], ([x], n) => {
    const out = nanArray(n);
    emaKernel(x!, 0, n, period, out);
    return [out];
  })[0]!;
}
