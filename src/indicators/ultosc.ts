import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { isZero } from './internal/epsilon.js';
import { trueRange } from './trange.js';

/** Ultimate Oscillator (TA_ULTOSC). Warm-up: the longest period. */
export function ultoscLookback(period1 = 7, period2 = 14, period3 = 28): number {
  return Math.max(period1, period2, period3);
}

/** TA-Lib sorts the periods: the shortest gets weight 4, the middle 2, the longest 1. */
export function ultoscPeriods(p1: number, p2: number, p3: number): [number, number, number] {
  const s = [p1, p2, p3].sort((a, b) => a - b);
  return [s[0]!, s[1]!, s[2]!];
}

/** Buying pressure close − min(low, prevClose) of one bar. */
export function buyingPressure(low: number, close: number, prevClose: number): number {
  return close - Math.min(low, prevClose);
}

/**
 * 100 · (4·A₁/B₁ + 2·A₂/B₂ + A₃/B₃) / 7 with A the sum of buying pressure and
 * B the sum of true range over each window; a term whose B is zero is left
 * out (TA-Lib). The window sums are running sums like TA-Lib's, except that a
 * window whose true ranges are all exactly 0 has its sums reset to exactly 0 —
 * otherwise add/subtract residue could be divided into a meaningless ratio.
 */
export function ultoscValue(a: readonly number[], b: readonly number[]): number {
  let output = 0;
  if (!isZero(b[0]!)) output += 4 * (a[0]! / b[0]!);
  if (!isZero(b[1]!)) output += 2 * (a[1]! / b[1]!);
  if (!isZero(b[2]!)) output += a[2]! / b[2]!;
  return 100 * (output / 7);
}

export function ultosc(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period1 = 7,
  period2 = 14,
  period3 = 28,
): Float64Array {
  checkInt('ultosc', 'period1', period1, 1);
  checkInt('ultosc', 'period2', period2, 1);
  checkInt('ultosc', 'period3', period3, 1);
  const periods = ultoscPeriods(period1, period2, period3);
  const lookback = periods[2];
  return onFiniteBars('ultosc', [high, low, close], ([h, l, c], n) => {
    const out = nanArray(n);
    if (n <= lookback) return [out];
    const bp = new Float64Array(n);
    const tr = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      bp[i] = buyingPressure(l![i]!, c![i]!, c![i - 1]!);
      tr[i] = trueRange(h![i]!, l![i]!, c![i - 1]!);
    }
    const a = [0, 0, 0];
    const b = [0, 0, 0];
    const nonZero = [0, 0, 0];
    // Prime each window with its first period − 1 terms ending before bar `lookback`.
    for (let w = 0; w < 3; w++) {
      for (let i = lookback - periods[w]! + 1; i < lookback; i++) {
        a[w] += bp[i]!;
        b[w] += tr[i]!;
        if (tr[i] !== 0) nonZero[w]++;
      }
    }
    for (let i = lookback; i < n; i++) {
      for (let w = 0; w < 3; w++) {
        a[w] += bp[i]!;
        b[w] += tr[i]!;
        if (tr[i] !== 0) nonZero[w]++;
      }
      out[i] = ultoscValue(a, b);
      for (let w = 0; w < 3; w++) {
        const t = i - periods[w]! + 1;
        a[w] -= bp[t]!;
        b[w] -= tr[t]!;
        if (tr[t] !== 0) nonZero[w]--;
        if (nonZero[w] === 0) {
          a[w] = 0;
          b[w] = 0;
        }
      }
    }
    return [out];
  })[0]!;
}
