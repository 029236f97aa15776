import { onFiniteBars } from './internal/missing.js';

/** On-Balance Volume (TA_OBV). No warm-up. */
export function obvLookback(): number {
  return 0;
}

/**
 * Starts at the first bar's *volume* (not 0, as many textbooks do), then adds
 * the volume on up closes and subtracts it on down closes.
 */
export function obv(values: ArrayLike<number>, volume: ArrayLike<number>): Float64Array {
  return onFiniteBars('obv', [values, volume], ([x, v], n) => {
    const out = new Float64Array(n);
    if (n === 0) return [out];
    let acc = v![0]!;
    let prev = x![0]!;
    for (let i = 0; i < n; i++) {
      const cur = x![i]!;
      if (cur > prev) acc += v![i]!;
      else if (cur < prev) acc -= v![i]!;
      out[i] = acc;
      prev = cur;
    }
    return [out];
  })[0]!;
}
