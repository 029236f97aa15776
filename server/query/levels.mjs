// @ts-check
/**
 * Roll-up levels: per bucket of 2^k ms (aligned on multiples since the epoch), the first, last,
 * minimum and maximum point (with their times), the row count and the summed volume. A window whose
 * column width is a multiple of a level's bucket and whose start is aligned to it reads that level
 * instead of the raw rows: the same M4 and OHLC answer (first of firsts, min of mins, …), from
 * ~16× fewer rows per level. Window requests from the chart are tiles on a power-of-two grid
 * (src/data/tiles/), so they always align.
 */

/** log2 of each level's bucket in ms: 16.4 s, 4.4 min, 70 min, 18.6 h. */
export const LEVEL_EXPONENTS = [14, 18, 22, 26];

/**
 * @typedef {{ table: string, bucketMs: number, splitMs: number }} Level
 * `splitMs`: the level holds only whole buckets before this time (later rows, e.g. a live tail,
 * are read raw).
 */

/**
 * The coarsest level usable for columns `widthMs` wide starting at `from`, or null.
 * @param {Level[]} levels
 * @param {number} from
 * @param {number} widthMs
 */
export function levelFor(levels, from, widthMs) {
  let best = null;
  for (const level of levels) {
    // Four levels at most: a bucket of the level must fit the column a few times over, else
    // the level saves nothing over raw rows.
    if (widthMs % level.bucketMs === 0 && from % level.bucketMs === 0 && widthMs >= level.bucketMs) {
      if (!best || level.bucketMs > best.bucketMs) best = level;
    }
  }
  return best;
}

/**
 * SQL selecting the roll-up of `source` (time column t, value v, optional volume) into buckets
 * of `bucketMs`, whole buckets before `splitMs` only.
 * @param {import('./dialect.mjs').Dialect} d
 * @param {string} sourceSql  a FROM-able expression (table name or subquery), already safe
 * @param {{ time: string, value: string, volume: string | null }} cols
 * @param {number} bucketMs
 * @param {number} splitMs
 * @param {number} [fromMs]  rows from this time on only (a slice of a table too big to group at once)
 */
export function rollupSelect(d, sourceSql, cols, bucketMs, splitMs, fromMs) {
  if (!Number.isSafeInteger(bucketMs) || !Number.isSafeInteger(splitMs)) throw new TypeError('tile server: roll-up bounds must be integers');
  if (fromMs !== undefined && !Number.isSafeInteger(fromMs)) throw new TypeError('tile server: roll-up bounds must be integers');
  const t = d.ident(cols.time);
  const v = d.ident(cols.value);
  const vol = cols.volume ? d.ident(cols.volume) : d.nullFloat;
  const B = d.int64(String(bucketMs));
  // Inner names (r_*) differ from the outputs: ClickHouse aliases are visible across the whole SELECT.
  return `SELECT (r_t - ((r_t % ${B}) + ${B}) % ${B}) AS b, ${d.int64('count(*)')} AS n, min(r_t) AS tf, argMin(r_v, r_t) AS vf, max(r_t) AS tl, argMax(r_v, r_t) AS vl,
  argMin(r_t, ${d.tuple('r_v', 'r_t')}) AS tmin, min(r_v) AS vmin, argMax(r_t, ${d.tuple('r_v', '-r_t')}) AS tmax, max(r_v) AS vmax, sum(r_vol) AS vol
FROM (SELECT ${t} AS r_t, ${v} AS r_v, ${vol} AS r_vol FROM ${sourceSql} WHERE ${fromMs === undefined ? '' : `${t} >= ${d.int64(String(fromMs))} AND `}${t} < ${d.int64(String(splitMs))}) GROUP BY b`;
}

/**
 * SQL re-aggregating a finer level (same columns) into buckets of `bucketMs`: building the
 * coarse levels from the first one reads ~16× fewer rows than the raw data.
 * @param {import('./dialect.mjs').Dialect} d
 * @param {string} levelTable
 * @param {number} bucketMs
 * @param {number} splitMs
 */
export function rerollSelect(d, levelTable, bucketMs, splitMs) {
  if (!Number.isSafeInteger(bucketMs) || !Number.isSafeInteger(splitMs)) throw new TypeError('tile server: roll-up bounds must be integers');
  const B = d.int64(String(bucketMs));
  return `SELECT (a_b - ((a_b % ${B}) + ${B}) % ${B}) AS b, ${d.int64('sum(a_n)')} AS n, min(a_tf) AS tf, argMin(a_vf, a_tf) AS vf, max(a_tl) AS tl, argMax(a_vl, a_tl) AS vl,
  argMin(a_tmin, ${d.tuple('a_vmin', 'a_tmin')}) AS tmin, min(a_vmin) AS vmin, argMax(a_tmax, ${d.tuple('a_vmax', '-a_tmax')}) AS tmax, max(a_vmax) AS vmax, sum(a_vol) AS vol
FROM (SELECT b AS a_b, n AS a_n, tf AS a_tf, vf AS a_vf, tl AS a_tl, vl AS a_vl, tmin AS a_tmin, vmin AS a_vmin, tmax AS a_tmax, vmax AS a_vmax, vol AS a_vol
  FROM ${d.ident(levelTable)} WHERE b < ${d.int64(String(splitMs))}) GROUP BY b`;
}

/**
 * Time slices [from, to) covering [first, split) that each hold about `rowsPerSlice` rows (rows
 * spread evenly assumed), with inner edges on multiples of `alignMs`: a bucket of any level no
 * coarser than `alignMs` never straddles two slices, so rolling up slice by slice gives the same
 * rows as one GROUP BY over everything — with memory bounded by a slice's buckets, not the table's.
 * @param {number} firstMs
 * @param {number} splitMs
 * @param {number} rows
 * @param {number} rowsPerSlice
 * @param {number} alignMs
 * @returns {[number, number][]}
 */
export function rollupSlices(firstMs, splitMs, rows, rowsPerSlice, alignMs) {
  if (!(splitMs > firstMs) || !(rows > 0)) return [];
  const span = splitMs - firstMs;
  const slices = Math.max(1, Math.ceil(rows / rowsPerSlice));
  const width = Math.max(alignMs, Math.ceil(span / slices / alignMs) * alignMs);
  /** @type {[number, number][]} */
  const out = [];
  for (let from = Math.floor(firstMs / alignMs) * alignMs; from < splitMs; from += width) out.push([from, Math.min(from + width, splitMs)]);
  return out;
}

/**
 * Where a level's whole buckets end: the bucket holding the last row is left out (a live tail
 * may still add to it) — rows from there on are read raw.
 * @param {number} lastMs
 * @param {number} bucketMs
 */
export function splitFor(lastMs, bucketMs) {
  return Math.floor(lastMs / bucketMs) * bucketMs;
}
