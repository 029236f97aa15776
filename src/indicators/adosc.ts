import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { adStep } from './ad.js';

/** Chaikin A/D Oscillator (TA_ADOSC). Warm-up: max(fast, slow) − 1 bars. */
export function adoscLookback(fast = 3, slow = 10): number {
  return Math.max(fast, slow) - 1;
}

/**
 * EMA(fast) − EMA(slow) of the A/D line. Unlike TA_EMA (SMA seed), TA-Lib seeds
 * *both* EMAs here with the first A/D value (bar 0) and runs them from bar 1,
 * as ema = k · ad + (1 − k) · ema. The result is always "fast − slow" in the
 * order given, even if fast > slow.
 */
export function adosc(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  volume: ArrayLike<number>,
  fast = 3,
  slow = 10,
): Float64Array {
  checkInt('adosc', 'fast', fast, 2);
  checkInt('adosc', 'slow', slow, 2);
  const lookback = adoscLookback(fast, slow);
  return onFiniteBars('adosc', [high, low, close, volume], ([h, l, c, v], n) => {
    const out = nanArray(n);
    if (n <= lookback) return [out];
    const fastK = 2 / (fast + 1);
    const slowK = 2 / (slow + 1);
    const oneMinusFast = 1 - fastK;
    const oneMinusSlow = 1 - slowK;
    let acc = adStep(h![0]!, l![0]!, c![0]!, v![0]!);
    let fastEma = acc;
    let slowEma = acc;
    for (let i = 1; i < n; i++) {
      acc += adStep(h![i]!, l![i]!, c![i]!, v![i]!);
      fastEma = fastK * acc + oneMinusFast * fastEma;
      slowEma = slowK * acc + oneMinusSlow * slowEma;
      if (i >= lookback) out[i] = fastEma - slowEma;
    }
    return [out];
  })[0]!;
}
