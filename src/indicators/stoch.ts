import { checkInt } from './internal/validate.js';
import { nanArray, onFiniteBars } from './internal/missing.js';
import { rollingExtreme } from './internal/extremes.js';
import { smaKernel } from './sma.js';

export interface StochResult {
  k: Float64Array;
  d: Float64Array;
}

/** Slow stochastic (TA_STOCH, SMA smoothing). Warm-up: (fastK−1)+(slowK−1)+(slowD−1). */
export function stochLookback(fastK = 5, slowK = 3, slowD = 3): number {
  return fastK - 1 + (slowK - 1) + (slowD - 1);
}

/**
 * Raw %K = 100 · (close − lowest low) / (highest high − lowest low) over fastK
 * bars; a zero range gives 0 (TA-Lib). Slow %K = SMA(slowK) of raw %K, slow %D
 * = SMA(slowD) of slow %K. Like TA-Lib, %K is emitted only from %D's first bar.
 */
export function fastKValue(close: number, lowest: number, highest: number): number {
  // TA-Lib divides by (range / 100) rather than multiplying by 100.
  const diff = (highest - lowest) / 100;
  return diff !== 0 ? (close - lowest) / diff : 0;
}

export function stoch(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  fastK = 5,
  slowK = 3,
  slowD = 3,
): StochResult {
  checkInt('stoch', 'fastK', fastK, 1);
  checkInt('stoch', 'slowK', slowK, 1);
  checkInt('stoch', 'slowD', slowD, 1);
  const lookback = stochLookback(fastK, slowK, slowD);
  const [k, d] = onFiniteBars('stoch', [high, low, close], ([h, l, c], n) => {
    const hh = new Float64Array(n);
    const ll = new Float64Array(n);
    rollingExtreme(h!, n, fastK, true, hh, null);
    rollingExtreme(l!, n, fastK, false, ll, null);
    const raw = nanArray(n);
    for (let i = fastK - 1; i < n; i++) raw[i] = fastKValue(c![i]!, ll[i]!, hh[i]!);
    const slowKLine = nanArray(n);
    const slowDLine = nanArray(n);
    smaKernel(raw, fastK - 1, n, slowK, slowKLine);
    smaKernel(slowKLine, fastK - 1 + slowK - 1, n, slowD, slowDLine);
    slowKLine.fill(NaN, 0, Math.min(lookback, n));
    return [slowKLine, slowDLine];
  });
  return { k: k!, d: d! };
}
