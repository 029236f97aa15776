/**
 * The chart's data contract. `time` holds epoch milliseconds, strictly ascending and finite; each
 * entry of `columns` is one value column (one series) of the same length, NaN marking a gap.
 */
export interface ColumnarData {
  time: Float64Array;
  columns: Record<string, Float64Array>;
  /**
   * Columns ('time' or value column names) that are the caller's own Float64Arrays, adopted
   * without a copy (copying 10M rows costs more than everything else of a first frame). They are
   * never written in place: a store copies such a column before its first in-place write.
   */
  borrowed?: readonly string[];
}

/** Non-finite values (NaN, ±Infinity, null, empty cells) that became gaps: accepted, but worth a warning. */
export interface NonFiniteReport {
  count: number;
  /** The earliest row holding one. */
  firstRow: number;
  /** The column of that first one (the first such column in column order when several share the row). */
  firstColumn: string;
}

export interface NormalizedData {
  data: ColumnarData;
  /** null when every value is finite. */
  nonFinite: NonFiniteReport | null;
}
