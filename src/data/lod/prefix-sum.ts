/**
 * Prefix sums of one value column, so that the sum (and the number of finite values) of any index
 * range costs O(1): what per-pixel-column volume needs, where a frame sums thousands of ranges of
 * up to millions of points.
 *
 * Non-finite values (NaN gaps, ±Infinity) count as 0 and are not counted as values: one bad
 * point must not poison every later range.
 *
 * Precision: a plain float64 running sum loses ~log2(N) bits once the total dwarfs the values,
 * and a range sum taken as the difference of two large prefixes then cancels catastrophically
 * (10⁶ volumes of 1e9 with fractions: the prefix reaches 1e15 and keeps no fraction). Each prefix
 * is therefore kept as an unevaluated double-double `hi + lo` (error-free TwoSum at every step,
 * renormalized so |lo| ≤ ½ ulp(hi)), and a range sum subtracts both parts, the high parts again
 * with TwoSum. Error bound: |sum(a, b) − exact| ≤ ε·|exact| + about N·ε²·max|prefix| (ε = 2⁻⁵³),
 * i.e. the correctly rounded range sum give or take an ulp for any realistic column.
 *
 * Memory: 20 bytes per point (two float64 parts and a uint32 count).
 *
 * Bounded streams drop their oldest rows by moving an origin (`dropFront`): ranges are relative
 * to it, entries stay indexed from the buffer's start (SeriesStore rebuilds when it compacts).
 */
export class PrefixSum {
  /** hi[i] + lo[i] = sum of the finite values of [0, i). Entry 0 is 0. */
  private hi: Float64Array;
  private lo: Float64Array;
  /** counts[i] = number of finite values in [0, i). */
  private counts: Uint32Array;
  private length = 0;
  /** Buffer index of point 0. */
  private origin = 0;

  /** `origin`: buffer index of point 0; `length` counts from the buffer's start. */
  constructor(values: ArrayLike<number>, length = values.length, origin = 0) {
    this.origin = Math.max(0, Math.min(origin, length));
    const capacity = Math.max(length, 16) + 1;
    this.hi = new Float64Array(capacity);
    this.lo = new Float64Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.extend(values, length);
  }

  /** Points covered, from the origin. */
  get size(): number {
    return this.length - this.origin;
  }

  /** The first `count` points were dropped: point `count` becomes point 0. O(1). */
  dropFront(count: number): void {
    this.origin = Math.min(this.length, this.origin + Math.max(0, count));
  }

  /** Bytes held by the prefix arrays (spare capacity included). */
  get byteLength(): number {
    return this.hi.byteLength + this.lo.byteLength + this.counts.byteLength;
  }

  /** Takes the column after an append (it may have been reallocated) and sums the new points: O(new points). */
  extend(values: ArrayLike<number>, length: number): void {
    if (length < this.length) throw new RangeError(`PrefixSum.extend: length ${length} is below the current ${this.length}`);
    this.reserve(length + 1);
    for (let i = this.length; i < length; i++) this.computeEntry(values, i);
    this.length = length;
  }

  /** The last point changed in place (an "update last bar"): only its own prefix entry depends on it. */
  refreshLast(values: ArrayLike<number>): void {
    if (this.length > 0) this.computeEntry(values, this.length - 1);
  }

  /** Sum of the finite values in [start, end) (clamped to the covered points; 0 when empty). */
  sum(start: number, end: number): number {
    const a = Math.max(0, start) + this.origin;
    const b = Math.min(end + this.origin, this.length);
    if (b <= a) return 0;
    const hiB = this.hi[b]!;
    const hiA = this.hi[a]!;
    // TwoSum of hiB − hiA: d is the rounded difference, e its exact rounding error.
    const d = hiB - hiA;
    const bv = d - hiB;
    const e = (hiB - (d - bv)) + (-hiA - bv);
    return d + (e + (this.lo[b]! - this.lo[a]!));
  }

  /** Number of finite values in [start, end). */
  count(start: number, end: number): number {
    const a = Math.max(0, start) + this.origin;
    const b = Math.min(end + this.origin, this.length);
    return b <= a ? 0 : this.counts[b]! - this.counts[a]!;
  }

  /** Sets entry i + 1 from entry i and values[i]. */
  private computeEntry(values: ArrayLike<number>, i: number): void {
    const v = values[i]!;
    const hi = this.hi[i]!;
    const lo = this.lo[i]!;
    if (!Number.isFinite(v)) {
      this.hi[i + 1] = hi;
      this.lo[i + 1] = lo;
      this.counts[i + 1] = this.counts[i]!;
      return;
    }
    // TwoSum(hi, v) = s + e exactly; then fold e into lo and renormalize so lo stays below ½ ulp(hi).
    const s = hi + v;
    const bv = s - hi;
    const e = (hi - (s - bv)) + (v - bv);
    const t = lo + e;
    const h = s + t;
    const bt = h - s;
    this.hi[i + 1] = h;
    this.lo[i + 1] = (s - (h - bt)) + (t - bt);
    this.counts[i + 1] = this.counts[i]! + 1;
  }

  private reserve(entries: number): void {
    if (this.hi.length >= entries) return;
    const capacity = Math.max(entries, Math.ceil(this.hi.length * 1.5));
    const hi = new Float64Array(capacity);
    const lo = new Float64Array(capacity);
    const counts = new Uint32Array(capacity);
    hi.set(this.hi.subarray(0, this.length + 1));
    lo.set(this.lo.subarray(0, this.length + 1));
    counts.set(this.counts.subarray(0, this.length + 1));
    this.hi = hi;
    this.lo = lo;
    this.counts = counts;
  }
}
