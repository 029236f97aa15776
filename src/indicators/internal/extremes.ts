/**
 * Rolling highest / lowest over the last `period` values (current one
 * included), with the index of the extreme. Monotonic deque: O(n) even on
 * trending data, where TA-Lib's rescan-on-expiry degrades to O(n·period).
 * On ties the most recent index wins, which is what AROON needs (TA-Lib uses
 * >= / <= there); for the value-only users ties do not matter.
 */
export function rollingExtreme(
  src: ArrayLike<number>,
  n: number,
  period: number,
  wantMax: boolean,
  outValue: Float64Array | null,
  outIndex: Int32Array | null,
): void {
  // Indices whose values are still candidates, in window order; values
  // strictly decreasing (max) / increasing (min) from head to tail. One slot
  // per bar keeps the loop free of modulo arithmetic.
  const dq = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const v = src[i]!;
    // Drop dominated entries from the back (ties: keep the newer one).
    if (wantMax) while (tail > head && src[dq[tail - 1]!]! <= v) tail--;
    else while (tail > head && src[dq[tail - 1]!]! >= v) tail--;
    dq[tail++] = i;
    // Drop the front once it leaves the window.
    if (dq[head]! <= i - period) head++;
    const best = dq[head]!;
    if (outValue) outValue[i] = src[best]!;
    if (outIndex) outIndex[i] = best;
  }
}

/** Linear scan used by the streaming steppers (O(period), same results). */
export function scanExtreme(get: (age: number) => number, count: number, wantMax: boolean): { value: number; age: number } {
  let value = get(0);
  let age = 0;
  for (let a = 1; a < count; a++) {
    const v = get(a);
    if (wantMax ? v > value : v < value) {
      value = v;
      age = a;
    }
  }
  return { value, age };
}
