/** The data a drawing point may snap to: bar times and each bar's values (open, high, low, close; or one value). */
export interface SnapData {
  time: ArrayLike<number>;
  length: number;
  /** Columns whose values at a bar are candidates (OHLC, or the series' value column). */
  columns: readonly ArrayLike<number>[];
}

/** Index of the row whose time is nearest `time` (binary search; the rows are sorted by time). */
export function nearestRow(time: ArrayLike<number>, length: number, t: number): number {
  if (length <= 0) return -1;
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(time[lo - 1]! - t) <= Math.abs(time[lo]! - t)) return lo - 1;
  return lo;
}

/**
 * Snaps a pointer position to the nearest bar in time, and to that bar's value (open, high, low or
 * close) nearest on screen (`yToPixel`: the pane's value → pixel map, so a log scale picks what
 * looks nearest). Null without data.
 */
export function snapToBar(data: SnapData, time: number, pointerY: number, yToPixel: (value: number) => number): { time: number; price: number; row: number } | null {
  const row = nearestRow(data.time, data.length, time);
  if (row < 0) return null;
  let best = NaN;
  let bestDistance = Infinity;
  for (const column of data.columns) {
    const value = column[row];
    if (value === undefined || !Number.isFinite(value)) continue;
    const distance = Math.abs(yToPixel(value) - pointerY);
    if (distance < bestDistance) {
      best = value;
      bestDistance = distance;
    }
  }
  if (!Number.isFinite(best)) return null;
  return { time: data.time[row]!, price: best, row };
}

/** Rows with time in [t0, t1] (the bars a range spans, both ends included), or 0. */
export function rowsBetween(time: ArrayLike<number>, length: number, t0: number, t1: number): number {
  const lower = (t: number) => {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (time[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const first = lower(t0);
  let end = lower(t1);
  if (end < length && time[end] === t1) end++;
  return Math.max(0, end - first);
}
