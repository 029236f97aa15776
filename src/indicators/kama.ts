import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { isZero } from './internal/epsilon.js';

/**
 * Kaufman adaptive moving average (TA_KAMA). Warm-up: period bars (the
 * efficiency ratio needs `period` one-bar changes); period 1 is the identity,
 * as in TA-Lib ≥ 0.7.
 */
export function kamaLookback(period = 30): number {
  return period === 1 ? 0 : period;
}

/** TA-Lib hard-codes the fast (2) and slow (30) smoothing constants. */
const CONST_MAX = 2 / (30 + 1);
const CONST_DIFF = 2 / (2 + 1) - CONST_MAX;

/** Smoothing constant from the change over the window and the path length. */
export function kamaConstant(periodROC: number, sumROC1: number): number {
  // TA-Lib compares sumROC1 with the signed change (not its absolute value);
  // both branches give 1 whenever they trigger, so this is only a guard.
  const er = sumROC1 <= periodROC || isZero(sumROC1) ? 1 : Math.abs(periodROC / sumROC1);
  const sc = er * CONST_DIFF + CONST_MAX;
  return sc * sc;
}

export function kama(values: ArrayLike<number>, period = 30): Float64Array {
  checkInt('kama', 'period', period, 1);
  return onFiniteBars('kama', [values], ([src], n) => {
    const x = src!;
    const out = nanArray(n);
    if (period === 1) {
      for (let i = 0; i < n; i++) out[i] = x[i]!;
      return [out];
    }
    if (n <= period) return [out];
    // Path length: sum of |one-bar change| over the window.
    let sumROC1 = 0;
    let today = 0;
    for (let i = 0; i < period; i++) {
      const d = x[today]! - x[today + 1]!;
      today++;
      sumROC1 += Math.abs(d);
    }
    // The first KAMA uses the previous price as the previous KAMA.
    let prevKama = x[today - 1]!;
    let trailing = 0;
    let trailingValue = x[trailing++]!;
    let sc = kamaConstant(x[today]! - trailingValue, sumROC1);
    prevKama = (x[today]! - prevKama) * sc + prevKama;
    out[today++] = prevKama;
    while (today < n) {
      const v = x[today]!;
      const t2 = x[trailing++]!;
      sumROC1 -= Math.abs(trailingValue - t2);
      sumROC1 += Math.abs(v - x[today - 1]!);
      trailingValue = t2;
      sc = kamaConstant(v - t2, sumROC1);
      prevKama = (v - prevKama) * sc + prevKama;
      out[today++] = prevKama;
    }
    return [out];
  })[0]!;
}
