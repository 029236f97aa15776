import { checkInt, checkReal } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { rollingStdDev } from './internal/rolling-variance.js';
import { smaKernel } from './sma.js';

export interface BollingerBands {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/** Bollinger Bands (TA_BBANDS with its default SMA middle). Warm-up: period − 1. */
export function bbandsLookback(period = 5): number {
  return period - 1;
}

/**
 * middle = SMA(period); upper/lower = middle ± nbDev · σ, σ the *population*
 * standard deviation (divide by N, not N − 1) of the same window, as TA-Lib and
 * Bollinger define it. Default period 5 is TA-Lib ≤ 0.7's default (0.8 moves to 20).
 */
export function bbands(values: ArrayLike<number>, period = 5, nbDevUp = 2, nbDevDn = 2): BollingerBands {
  checkInt('bbands', 'period', period, 2);
  checkReal('bbands', 'nbDevUp', nbDevUp, 0);
  checkReal('bbands', 'nbDevDn', nbDevDn, 0);
  const [upper, middle, lower] = onFiniteBars('bbands', [values], ([x], n) => {
    const mid = nanArray(n);
    const sd = nanArray(n);
    const up = nanArray(n);
    const lo = nanArray(n);
    smaKernel(x!, 0, n, period, mid);
    rollingStdDev(x!, 0, n, period, sd);
    for (let i = period - 1; i < n; i++) {
      up[i] = mid[i]! + sd[i]! * nbDevUp;
      lo[i] = mid[i]! - sd[i]! * nbDevDn;
    }
    return [up, mid, lo];
  });
  return { upper: upper!, middle: middle!, lower: lower! };
}
