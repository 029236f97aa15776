import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { trueRange } from './trange.js';

/** Average True Range (TA_ATR, Wilder). Warm-up: period bars (the first bar has no TR). */
export function atrLookback(period = 14): number {
  return period;
}

/**
 * TR exists from bar 1. The first ATR (bar `period`) is the plain mean of
 * TR[1..period]; later ones are Wilder-smoothed: (prev · (period − 1) + TR) / period,
 * in TA-Lib's order of operations. Writes out[period..n).
 */
export function atrKernel(h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>, n: number, period: number, out: Float64Array): void {
  if (n <= period) return;
  let total = 0;
  for (let i = 1; i <= period; i++) total += trueRange(h[i]!, l[i]!, c[i - 1]!);
  let prev = total / period;
  out[period] = prev;
  for (let i = period + 1; i < n; i++) {
    prev *= period - 1;
    prev += trueRange(h[i]!, l[i]!, c[i - 1]!);
    prev /= period;
    out[i] = prev;
  }
}

export function atr(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  checkInt('atr', 'period', period, 1);
  return onFiniteBars('atr', [high, low, close], ([h, l, c], n) => {
    const out = nanArray(n);
    atrKernel(h!, l!, c!, n, period, out);
    return [out];
  })[0]!;
}
