import { checkInt, checkReal } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { emaKernel } from './ema.js';
import { atrKernel } from './atr.js';
import { typicalPrice } from './cci.js';

export interface KeltnerChannels {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/** All three lines start together: max(period − 1, atrPeriod) bars of warm-up. */
export function keltnerLookback(period = 20, _multiplier = 2, atrPeriod = 10): number {
  return Math.max(period - 1, atrPeriod);
}

/**
 * Not in TA-Lib. middle = EMA(period) of the typical price (high+low+close)/3,
 * with TA-Lib's EMA (SMA seed); upper/lower = middle ± multiplier · ATR(atrPeriod),
 * TA-Lib's Wilder ATR.
 */
export function keltner(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 20,
  multiplier = 2,
  atrPeriod = 10,
): KeltnerChannels {
  checkInt('keltner', 'period', period, 1);
  checkReal('keltner', 'multiplier', multiplier, 0);
  checkInt('keltner', 'atrPeriod', atrPeriod, 1);
  const lookback = keltnerLookback(period, multiplier, atrPeriod);
  const [upper, middle, lower] = onFiniteBars('keltner', [high, low, close], ([h, l, c], n) => {
    const tp = new Float64Array(n);
    for (let i = 0; i < n; i++) tp[i] = typicalPrice(h![i]!, l![i]!, c![i]!);
    const mid = nanArray(n);
    const range = nanArray(n);
    emaKernel(tp, 0, n, period, mid);
    atrKernel(h!, l!, c!, n, atrPeriod, range);
    const up = nanArray(n);
    const lo = nanArray(n);
    for (let i = lookback; i < n; i++) {
      up[i] = mid[i]! + multiplier * range[i]!;
      lo[i] = mid[i]! - multiplier * range[i]!;
    }
    mid.fill(NaN, 0, Math.min(lookback, n));
    return [up, mid, lo];
  });
  return { upper: upper!, middle: middle!, lower: lower! };
}
