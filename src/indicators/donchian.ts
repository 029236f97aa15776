import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { rollingExtreme } from './internal/extremes.js';

export interface DonchianChannels {
  upper: Float64Array;
  middle: Float64Array;
  lower: Float64Array;
}

/** Warm-up: period − 1 bars. */
export function donchianLookback(period = 20): number {
  return period - 1;
}

/**
 * Not in TA-Lib. upper = highest high and lower = lowest low of the last
 * `period` bars, the current bar included; middle = (upper + lower) / 2.
 * (Some platforms exclude the current bar, i.e. shift the channel one bar right.)
 */
export function donchian(high: ArrayLike<number>, low: ArrayLike<number>, period = 20): DonchianChannels {
  checkInt('donchian', 'period', period, 1);
  const [upper, middle, lower] = onFiniteBars('donchian', [high, low], ([h, l], n) => {
    const hh = new Float64Array(n);
    const ll = new Float64Array(n);
    rollingExtreme(h!, n, period, true, hh, null);
    rollingExtreme(l!, n, period, false, ll, null);
    const up = nanArray(n);
    const mid = nanArray(n);
    const lo = nanArray(n);
    for (let i = period - 1; i < n; i++) {
      up[i] = hh[i]!;
      lo[i] = ll[i]!;
      mid[i] = (hh[i]! + ll[i]!) / 2;
    }
    return [up, mid, lo];
  });
  return { upper: upper!, middle: middle!, lower: lower! };
}
