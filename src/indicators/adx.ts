import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { isZero } from './internal/epsilon.js';
import { trueRange } from './trange.js';

/** Average Directional Index (TA_ADX, Wilder). Warm-up: 2 · period − 1 bars. */
export function adxLookback(period = 14): number {
  return 2 * period - 1;
}

/**
 * One-bar directional movement, TA-Lib's rules: +DM = up-move when it is
 * positive and larger than the down-move, −DM symmetrically, both 0 on a tie.
 * Returns +DM − −DM packed as a sign: >0 means +DM, <0 means −DM.
 */
export function directionalMove(high: number, prevHigh: number, low: number, prevLow: number): number {
  const diffP = high - prevHigh;
  const diffM = prevLow - low;
  if (diffM > 0 && diffP < diffM) return -diffM;
  if (diffP > 0 && diffP > diffM) return diffP;
  return 0;
}

/** DX from the smoothed sums, or NaN where TA-Lib skips the bar (zero TR or zero DI sum). */
export function dxValue(plusDM: number, minusDM: number, tr: number): number {
  if (isZero(tr)) return NaN;
  const minusDI = 100 * (minusDM / tr);
  const plusDI = 100 * (plusDM / tr);
  const sum = minusDI + plusDI;
  if (isZero(sum)) return NaN;
  return 100 * (Math.abs(minusDI - plusDI) / sum);
}

/**
 * TA-Lib's bootstrap (which differs from Wilder's book): the sums of +DM, −DM
 * and TR over the first period − 1 one-bar moves seed the Wilder smoothing
 * sum = sum − sum/period + today; the first ADX is the mean of the next
 * `period` DX values, later ADX = (prev · (period − 1) + DX) / period. A bar
 * whose DX is undefined (no range) leaves the ADX unchanged.
 */
export function adx(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, period = 14): Float64Array {
  checkInt('adx', 'period', period, 2);
  const lookback = adxLookback(period);
  return onFiniteBars('adx', [high, low, close], ([h, l, c], n) => {
    const out = nanArray(n);
    if (n <= lookback) return [out];
    let plusDM = 0;
    let minusDM = 0;
    let tr = 0;
    let i = 1;
    for (; i < period; i++) {
      const dm = directionalMove(h![i]!, h![i - 1]!, l![i]!, l![i - 1]!);
      if (dm < 0) minusDM -= dm;
      else if (dm > 0) plusDM += dm;
      tr += trueRange(h![i]!, l![i]!, c![i - 1]!);
    }
    let sumDX = 0;
    for (; i < 2 * period; i++) {
      const dm = directionalMove(h![i]!, h![i - 1]!, l![i]!, l![i - 1]!);
      minusDM -= minusDM / period;
      plusDM -= plusDM / period;
      if (dm < 0) minusDM -= dm;
      else if (dm > 0) plusDM += dm;
      tr = tr - tr / period + trueRange(h![i]!, l![i]!, c![i - 1]!);
      const dx = dxValue(plusDM, minusDM, tr);
      if (dx === dx) sumDX += dx;
    }
    let prevAdx = sumDX / period;
    out[lookback] = prevAdx;
    for (; i < n; i++) {
      const dm = directionalMove(h![i]!, h![i - 1]!, l![i]!, l![i - 1]!);
      minusDM -= minusDM / period;
      plusDM -= plusDM / period;
      if (dm < 0) minusDM -= dm;
      else if (dm > 0) plusDM += dm;
      tr = tr - tr / period + trueRange(h![i]!, l![i]!, c![i - 1]!);
      const dx = dxValue(plusDM, minusDM, tr);
      if (dx === dx) prevAdx = (prevAdx * (period - 1) + dx) / period;
      out[i] = prevAdx;
    }
    return [out];
  })[0]!;
}
