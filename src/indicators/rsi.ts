import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { isZero } from './internal/epsilon.js';

/** Relative Strength Index (TA_RSI, Wilder). Warm-up: period bars. */
export function rsiLookback(period = 14): number {
  return period;
}

/**
 * 100 · avgGain / (avgGain + avgLoss). The averages are seeded with the plain
 * mean of the first `period` one-bar changes and then smoothed Wilder's way,
 * avg = (avg · (period − 1) + change) / period. When avgGain + avgLoss is
 * (TA-Lib-)zero — no movement at all — TA-Lib outputs 0, not 50; so do we.
 */
export function rsiValue(gain: number, loss: number): number {
  const total = gain + loss;
  return isZero(total) ? 0 : 100 * (gain / total);
}

export function rsi(values: ArrayLike<number>, period = 14): Float64Array {
  checkInt('rsi', 'period', period, 2);
  return onFiniteBars('rsi', [values], ([src], n) => {
    const x = src!;
    const out = nanArray(n);
    if (n <= period) return [out];
    let gain = 0;
    let loss = 0;
    let prev = x[0]!;
    for (let i = 1; i <= period; i++) {
      const d = x[i]! - prev;
      prev = x[i]!;
      if (d < 0) loss -= d;
      else gain += d;
    }
    loss /= period;
    gain /= period;
    out[period] = rsiValue(gain, loss);
    for (let i = period + 1; i < n; i++) {
      const d = x[i]! - prev;
      prev = x[i]!;
      loss *= period - 1;
      gain *= period - 1;
      if (d < 0) loss -= d;
      else gain += d;
      loss /= period;
      gain /= period;
      out[i] = rsiValue(gain, loss);
    }
    return [out];
  })[0]!;
}
