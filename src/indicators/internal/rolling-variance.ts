/**
 * Population variance over a sliding window, O(1) amortised per bar and
 * without the catastrophic cancellation of TA-Lib ≤ 0.7's E[x²] − E[x]²
 * running sums (which lose ~log10(mean²/variance) digits, e.g. 1e-8 relative
 * on BTC-like prices; TA-Lib issues #118, #243). Sums are kept of deviations
 * from an anchor K; every `period` bars the anchor moves to the current window
 * mean and the sums are recomputed exactly, so rounding never accumulates over
 * more than one window and a flat window gives exactly 0.
 *
 * The batch function and the streaming stepper share `reseed`, `slide` and
 * `variance` and run them on the same schedule, so they agree bit for bit.
 */
export interface VarianceState {
  anchor: number;
  s1: number;
  s2: number;
}

/** `window(j)` returns the j-th oldest value of the window, j = 0..period-1. */
export function reseed(state: VarianceState, window: (j: number) => number, period: number): void {
  let sum = 0;
  for (let j = 0; j < period; j++) sum += window(j);
  const k = sum / period;
  let s1 = 0;
  let s2 = 0;
  for (let j = 0; j < period; j++) {
    const d = window(j) - k;
    s1 += d;
    s2 += d * d;
  }
  state.anchor = k;
  state.s1 = s1;
  state.s2 = s2;
}

/** Slides the window: `entering` joins, `leaving` (the value `period` bars back) goes. */
export function slide(state: VarianceState, entering: number, leaving: number): void {
  const dIn = entering - state.anchor;
  const dOut = leaving - state.anchor;
  state.s1 = state.s1 + dIn - dOut;
  state.s2 = state.s2 + dIn * dIn - dOut * dOut;
}

export function variance(state: VarianceState, period: number): number {
  const m = state.s1 / period;
  const v = state.s2 / period - m * m;
  // Below the rounding noise of the sums (or negative from it): a flat window.
  return v > state.s2 * 1e-15 ? v : 0;
}

/** True when bar `i` (window complete since `firstOut`) re-anchors. */
export function isReseedBar(i: number, firstOut: number, period: number): boolean {
  return (i - firstOut) % period === 0;
}

/** Population standard deviation of src over [begin, end), into out[begin+period-1..). */
export function rollingStdDev(src: ArrayLike<number>, begin: number, end: number, period: number, out: Float64Array): void {
  const firstOut = begin + period - 1;
  const state: VarianceState = { anchor: 0, s1: 0, s2: 0 };
  for (let i = firstOut; i < end; i++) {
    if (isReseedBar(i, firstOut, period)) {
      const start = i - period + 1;
      reseed(state, (j) => src[start + j]!, period);
    } else {
      slide(state, src[i]!, src[i - period]!);
    }
    out[i] = Math.sqrt(variance(state, period));
  }
}
