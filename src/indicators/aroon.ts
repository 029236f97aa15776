import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { rollingExtreme } from './internal/extremes.js';

export interface AroonResult {
  down: Float64Array;
  up: Float64Array;
}

/** Aroon (TA_AROON). Warm-up: period bars (the window holds period + 1 bars). */
export function aroonLookback(period = 14): number {
  return period;
}

/**
 * up = 100/period · (period − bars since the highest high), down likewise with
 * the lowest low, over the last period + 1 bars. On ties the most recent
 * extreme counts (TA-Lib).
 */
export function aroonValue(period: number, barsSince: number): number {
  return (100 / period) * (period - barsSince);
}

export function aroon(high: ArrayLike<number>, low: ArrayLike<number>, period = 14): AroonResult {
  checkInt('aroon', 'period', period, 2);
  const [down, up] = onFiniteBars('aroon', [high, low], ([h, l], n) => {
    const hiIdx = new Int32Array(n);
    const loIdx = new Int32Array(n);
    rollingExtreme(h!, n, period + 1, true, null, hiIdx);
    rollingExtreme(l!, n, period + 1, false, null, loIdx);
    const dn = nanArray(n);
    const upOut = nanArray(n);
    for (let i = period; i < n; i++) {
      upOut[i] = aroonValue(period, i - hiIdx[i]!);
      dn[i] = aroonValue(period, i - loIdx[i]!);
    }
    return [dn, upOut];
  });
  return { down: down!, up: up! };
}
