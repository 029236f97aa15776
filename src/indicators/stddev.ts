import { checkInt, checkReal } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { rollingStdDev } from './internal/rolling-variance.js';

/** Population standard deviation × nbDev (TA_STDDEV). Warm-up: period − 1. */
export function stddevLookback(period = 5): number {
  return period - 1;
}

export function stddev(values: ArrayLike<number>, period = 5, nbDev = 1): Float64Array {
  checkInt('stddev', 'period', period, 2);
  checkReal('stddev', 'nbDev', nbDev, 0);
  return onFiniteBars('stddev', [values], ([x], n) => {
    const out = nanArray(n);
    rollingStdDev(x!, 0, n, period, out);
    if (nbDev !== 1) for (let i = period - 1; i < n; i++) out[i] = out[i]! * nbDev;
    return [out];
  })[0]!;
}
