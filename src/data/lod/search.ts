/** Binary searches over an ascending time column (only the first `length` entries are valid). */

/** First index whose time is ≥ t (length when none). */
export function lowerBound(time: ArrayLike<number>, length: number, t: number, from = 0): number {
  let lo = from;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose time is > t (length when none). */
export function upperBound(time: ArrayLike<number>, length: number, t: number, from = 0): number {
  let lo = from;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the point nearest in time to t, or -1 for an empty column. */
export function nearestIndex(time: ArrayLike<number>, length: number, t: number): number {
  if (length === 0) return -1;
  const i = lowerBound(time, length, t);
  if (i === 0) return 0;
  if (i === length) return length - 1;
  return t - time[i - 1]! <= time[i]! - t ? i - 1 : i;
}

/**
 * lowerBound for a t expected about `step` rows after `from` (consecutive pixel columns): gallops
 * from there, so that the search stays within a few cache lines of the answer instead of starting
 * over the whole column (a 100M-row column: 27 scattered reads per column otherwise).
 */
export function lowerBoundNear(time: ArrayLike<number>, length: number, t: number, from: number, step: number): number {
  let lo = from;
  let span = Math.max(1, Math.floor(step));
  let hi = lo + span;
  while (hi < length && time[hi]! < t) {
    lo = hi + 1;
    span *= 2;
    hi = lo + span;
  }
  return lowerBound(time, Math.min(hi, length), t, lo);
}
