import { checkInt } from './internal/validate.js';
import { compactFinite, nanArray, onFiniteBars } from './internal/missing.js';
import { rollingExtreme } from './internal/extremes.js';

export interface IchimokuResult {
  tenkan: Float64Array;
  kijun: Float64Array;
  senkouA: Float64Array;
  senkouB: Float64Array;
  chikou: Float64Array;
}

/** Leading NaN count of each output; chikou instead has `displacement` trailing NaN. */
export function ichimokuLookbacks(tenkan = 9, kijun = 26, senkouB = 52, displacement = 26): Record<keyof IchimokuResult, number> {
  return {
    tenkan: tenkan - 1,
    kijun: kijun - 1,
    senkouA: Math.max(tenkan, kijun) - 1 + displacement,
    senkouB: senkouB - 1 + displacement,
    chikou: 0,
  };
}

/** The largest per-output warm-up: the first bar where the cloud is drawn. */
export function ichimokuLookback(tenkan = 9, kijun = 26, senkouB = 52, displacement = 26): number {
  const lb = ichimokuLookbacks(tenkan, kijun, senkouB, displacement);
  return Math.max(lb.tenkan, lb.kijun, lb.senkouA, lb.senkouB);
}

/** (highest high + lowest low) / 2 over `period` bars, unshifted. */
function midpoint(h: ArrayLike<number>, l: ArrayLike<number>, n: number, period: number): Float64Array {
  const hh = new Float64Array(n);
  const ll = new Float64Array(n);
  rollingExtreme(h, n, period, true, hh, null);
  rollingExtreme(l, n, period, false, ll, null);
  const out = nanArray(n);
  for (let i = period - 1; i < n; i++) out[i] = (hh[i]! + ll[i]!) / 2;
  return out;
}

function check(tenkan: number, kijun: number, senkouB: number, displacement: number): void {
  checkInt('ichimoku', 'tenkan', tenkan, 1);
  checkInt('ichimoku', 'kijun', kijun, 1);
  checkInt('ichimoku', 'senkouB', senkouB, 1);
  checkInt('ichimoku', 'displacement', displacement, 0);
}

/**
 * Not in TA-Lib. Outputs are aligned to the input, so the forward and backward
 * shifts are represented by *where the value is plotted*:
 * - senkouA[i] = (tenkan[i − d] + kijun[i − d]) / 2 and senkouB[i] = midpoint₅₂[i − d]:
 *   the cloud value drawn at bar i, computed d bars earlier. The d values
 *   projected beyond the last bar are returned by `ichimokuProjection`.
 * - chikou[i] = close[i + d]: the close drawn d bars back; the last d bars are NaN.
 * d is the full displacement (26). TradingView shifts by displacement − 1;
 * pass displacement 25 to reproduce its chart.
 */
export function ichimoku(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  tenkan = 9,
  kijun = 26,
  senkouB = 52,
  displacement = 26,
): IchimokuResult {
  check(tenkan, kijun, senkouB, displacement);
  const d = displacement;
  const [t, k, a, b, ch] = onFiniteBars('ichimoku', [high, low, close], ([h, l, c], n) => {
    const tk = midpoint(h!, l!, n, tenkan);
    const kj = midpoint(h!, l!, n, kijun);
    const sb = midpoint(h!, l!, n, senkouB);
    const spanA = nanArray(n);
    const spanB = nanArray(n);
    const lag = nanArray(n);
    for (let i = d; i < n; i++) {
      spanA[i] = (tk[i - d]! + kj[i - d]!) / 2;
      spanB[i] = sb[i - d]!;
    }
    for (let i = 0; i + d < n; i++) lag[i] = c![i + d]!;
    return [tk, kj, spanA, spanB, lag];
  });
  return { tenkan: t!, kijun: k!, senkouA: a!, senkouB: b!, chikou: ch! };
}

/**
 * The cloud beyond the last bar: element j (0-based) is the senkou value for
 * the (j + 1)-th bar after the last one. Missing bars are skipped as in `ichimoku`.
 */
export function ichimokuProjection(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  tenkan = 9,
  kijun = 26,
  senkouB = 52,
  displacement = 26,
): { senkouA: Float64Array; senkouB: Float64Array } {
  check(tenkan, kijun, senkouB, displacement);
  const [h, l] = compactFinite('ichimoku', [high, low]);
  const n = h!.length;
  const tk = midpoint(h!, l!, n, tenkan);
  const kj = midpoint(h!, l!, n, kijun);
  const sb = midpoint(h!, l!, n, senkouB);
  const spanA = nanArray(displacement);
  const spanB = nanArray(displacement);
  for (let j = 0; j < displacement; j++) {
    const src = n - displacement + j;
    if (src < 0) continue;
    spanA[j] = (tk[src]! + kj[src]!) / 2;
    spanB[j] = sb[src]!;
  }
  return { senkouA: spanA, senkouB: spanB };
}
