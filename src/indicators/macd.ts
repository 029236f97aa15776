import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { emaKernel } from './ema.js';

export interface MacdResult {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/** TA-Lib swaps fast and slow when given in the wrong order. */
function ordered(fast: number, slow: number): [number, number] {
  return slow < fast ? [slow, fast] : [fast, slow];
}

/** MACD (TA_MACD). Warm-up: (slow − 1) + (signal − 1) bars, for all three outputs. */
export function macdLookback(fast = 12, slow = 26, signal = 9): number {
  const [, s] = ordered(fast, slow);
  return s - 1 + (signal - 1);
}

/**
 * macd = EMA(fast) − EMA(slow); signal = EMA(signal) of macd; histogram = macd − signal.
 * TA-Lib's alignment trap: the *fast* EMA is not started at bar 0 but at bar
 * (slow − fast), so that its SMA seed ends on the same bar as the slow EMA's
 * (bar slow − 1). The signal EMA is seeded with the SMA of the first `signal`
 * macd values. All three outputs start together at the signal's first value.
 */
export function macd(values: ArrayLike<number>, fast = 12, slow = 26, signal = 9): MacdResult {
  checkInt('macd', 'fast', fast, 2);
  checkInt('macd', 'slow', slow, 2);
  checkInt('macd', 'signal', signal, 1);
  const [f, s] = ordered(fast, slow);
  const lookback = macdLookback(f, s, signal);
  const [m, sig, hist] = onFiniteBars('macd', [values], ([x], n) => {
    const slowEma = nanArray(n);
    const fastEma = nanArray(n);
    const line = nanArray(n);
    const sigLine = nanArray(n);
    const histogram = nanArray(n);
    emaKernel(x!, 0, n, s, slowEma);
    emaKernel(x!, s - f, n, f, fastEma);
    for (let i = s - 1; i < n; i++) line[i] = fastEma[i]! - slowEma[i]!;
    emaKernel(line, s - 1, n, signal, sigLine);
    for (let i = lookback; i < n; i++) histogram[i] = line[i]! - sigLine[i]!;
    // TA-Lib emits the macd line only from the common start.
    line.fill(NaN, 0, Math.min(lookback, n));
    return [line, sigLine, histogram];
  });
  return { macd: m!, signal: sig!, histogram: hist! };
}
