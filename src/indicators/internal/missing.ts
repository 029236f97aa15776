import { IndicatorError } from '../errors.js';

/**
 * Missing-bar policy shared by every indicator (documented in docs/indicators.md):
 * a bar is *missing* when any of the indicator's input values at that bar is not
 * finite (NaN, ±Infinity). Missing bars get NaN in every output and are skipped:
 * the indicator runs over the remaining bars as if the missing ones were not
 * there. This differs from TA-Lib, where one NaN poisons every later value of a
 * recursive or running-sum indicator — unusable for charts with gaps.
 *
 * The dense kernels therefore only ever see finite numbers. The common case (no
 * missing bar) is a single scan and no copy.
 */
export type DenseKernel = (inputs: readonly ArrayLike<number>[], n: number) => Float64Array[];

export function seriesLength(fn: string, inputs: readonly ArrayLike<number>[]): number {
  const n = inputs[0]!.length;
  for (let j = 1; j < inputs.length; j++) {
    if (inputs[j]!.length !== n) {
      throw new IndicatorError('length-mismatch', `${fn}: input columns have different lengths (${n} and ${inputs[j]!.length})`);
    }
  }
  return n;
}

/** Indices of the bars whose inputs are all finite, or null when every bar is. */
function finiteRows(inputs: readonly ArrayLike<number>[], n: number): Int32Array | null {
  let keep: Int32Array | null = null;
  let m = 0;
  for (let i = 0; i < n; i++) {
    let ok = true;
    for (const col of inputs) {
      if (!Number.isFinite(col[i]!)) {
        ok = false;
        break;
      }
    }
    if (ok && keep) keep[m++] = i;
    if (!ok && !keep) {
      // First missing bar: start recording the kept indices (all before it were kept).
      keep = new Int32Array(n);
      for (let k = 0; k < i; k++) keep[k] = k;
      m = i;
    }
  }
  return keep ? keep.subarray(0, m) : null;
}

function compact(inputs: readonly ArrayLike<number>[], keep: Int32Array): Float64Array[] {
  return inputs.map((col) => Float64Array.from(keep, (i) => col[i]!));
}

export function onFiniteBars(fn: string, inputs: readonly ArrayLike<number>[], kernel: DenseKernel): Float64Array[] {
  const n = seriesLength(fn, inputs);
  const keep = finiteRows(inputs, n);
  if (!keep) return kernel(inputs, n);
  // Compact the finite bars, run the kernel, scatter the outputs back.
  return kernel(compact(inputs, keep), keep.length).map((out) => {
    const full = new Float64Array(n).fill(NaN);
    for (let k = 0; k < keep.length; k++) full[keep[k]!] = out[k]!;
    return full;
  });
}

/** The finite bars only, for results that are not aligned to the input (Ichimoku's projection). */
export function compactFinite(fn: string, inputs: readonly ArrayLike<number>[]): ArrayLike<number>[] {
  const keep = finiteRows(inputs, seriesLength(fn, inputs));
  return keep ? compact(inputs, keep) : [...inputs];
}

/** A NaN-filled output column; kernels overwrite from their lookback on. */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}
