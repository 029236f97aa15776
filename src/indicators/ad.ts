import { onFiniteBars } from './internal/missing.js';

/** Chaikin Accumulation/Distribution line (TA_AD). No warm-up. */
export function adLookback(): number {
  return 0;
}

/**
 * Money-flow volume of one bar: ((close − low) − (high − close)) / (high − low) · volume,
 * 0 when the bar has no range (TA-Lib's guard and order of operations).
 */
export function adStep(high: number, low: number, close: number, volume: number): number {
  const range = high - low;
  return range > 0 ? ((close - low - (high - close)) / range) * volume : 0;
}

export function ad(high: ArrayLike<number>, low: ArrayLike<number>, close: ArrayLike<number>, volume: ArrayLike<number>): Float64Array {
  return onFiniteBars('ad', [high, low, close, volume], ([h, l, c, v], n) => {
    const out = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += adStep(h![i]!, l![i]!, c![i]!, v![i]!);
      out[i] = acc;
    }
    return [out];
  })[0]!;
}
