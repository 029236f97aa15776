import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';

/** Weighted moving average, weights 1..period (TA_WMA). Warm-up: period - 1. */
export function wmaLookback(period = 30): number {
  return period - 1;
}

/**
 * TA-Lib's O(1) update: keep the weighted sum and the plain sum of the window;
 * sliding by one bar subtracts the plain sum from the weighted one (every weight
 * drops by 1) before the new value enters with weight `period`.
 */
export function wmaKernel(src: ArrayLike<number>, begin: number, end: number, period: number, out: Float64Array): void {
  if (end - begin < period) return;
  const divider = (period * (period + 1)) / 2;
  let periodSum = 0;
  let periodSub = 0;
  let i = begin;
  let w = 1;
  const firstOut = begin + period - 1;
  while (i < firstOut) {
    const v = src[i++]!;
    periodSub += v;
    periodSum += v * w++;
  }
  let trailingValue = 0;
  let trailing = begin;
  while (i < end) {
    const v = src[i]!;
    periodSub += v;
    periodSub -= trailingValue;
    periodSum += v * period;
    trailingValue = src[trailing++]!;
    out[i++] = periodSum / divider;
    periodSum -= periodSub;
  }
}

export function wma(values: ArrayLike<number>, period = 30): Float64Array {
  checkInt('wma', 'period', period, 1);
  return onFiniteBars('wma', [values], ([x], n) => {
    const out = nanArray(n);
    wmaKernel(x!, 0, n, period, out);
    return [out];
  })[0]!;
}
