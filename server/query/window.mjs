// @ts-check
import { Values } from './dialect.mjs';
import { levelFor } from './levels.mjs';

/**
 * The window queries, written once for both engines. Every aggregation runs in SQL (GROUP BY
 * pixel column or bar bucket, min/max/argMin/argMax); Node only orders the ≤ 4 points of each
 * column and concatenates columns.
 *
 * @typedef {import('./levels.mjs').Level} Level
 * @typedef {{ name: string, table: string, time: string, value: string, volume: string | null, levels: Level[],
 *   rows: number, first: number, last: number, immutableUntil: number, live: boolean, version: string }} SeriesInfo
 * @typedef {{ dialect: import('./dialect.mjs').Dialect,
 *   query(sql: string, values: Values, signal?: AbortSignal): Promise<Record<string, number | null>[]> }} SqlRunner
 * @typedef {{ time: Float64Array, value: Float64Array, mode: 'm4' | 'raw', before: boolean, after: boolean, visibleRows: number }} LineWindow
 * @typedef {{ time: Float64Array, open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array,
 *   volume: Float64Array, bucketMs: number }} BarWindow
 */

/** Raised for a request the data cannot answer as asked (too many rows or bars): a 4xx. */
export class WindowTooLarge extends Error {
  /**
   * @param {string} message
   * @param {string} param
   */
  constructor(message, param) {
    super(message);
    this.param = param;
  }
}

/**
 * floor(a / b) for safe integers, b > 0.
 * @param {number} a
 * @param {number} b
 */
function floorDiv(a, b) {
  return Math.floor(a / b);
}

/**
 * Pixel column of time t: floor((t - from) · cols / span), exact in BigInt (the product may pass 2^53).
 * @param {number} t
 * @param {number} from
 * @param {number} span
 * @param {number} cols
 */
function columnOf(t, from, span, cols) {
  return Number((BigInt(t - from) * BigInt(cols)) / BigInt(span));
}

/**
 * First time of pixel column c of the window (integer ms): the smallest t with
 * floor((t - from) · cols / span) ≥ c, i.e. from + ceil(c · span / cols). BigInt: c · span may pass 2^53.
 * @param {number} from
 * @param {number} span
 * @param {number} cols
 * @param {number} c
 */
export function columnStart(from, span, cols, c) {
  const num = BigInt(c) * BigInt(span);
  const q = num / BigInt(cols);
  return from + Number(q * BigInt(cols) === num ? q : q + 1n);
}

/**
 * @param {SqlRunner} db
 * @param {SeriesInfo} s
 */
function names(db, s) {
  const d = db.dialect;
  return { d, raw: d.ident(s.table), t: d.ident(s.time), v: d.ident(s.value), vol: s.volume ? d.ident(s.volume) : d.nullFloat };
}

/**
 * The last point before `from` and the first after `to` (the lines' entries at the plot edges),
 * searched in growing ranges so that the engines can skip storage blocks by their min/max time.
 * @param {SqlRunner} db
 * @param {SeriesInfo} s
 * @param {number} from
 * @param {number} to
 * @param {AbortSignal} [signal]
 */
export async function neighbours(db, s, from, to, signal) {
  const { d, raw, t, v } = names(db, s);
  /** @param {'before' | 'after'} side */
  const find = async (side) => {
    if (side === 'before' ? from <= s.first : to >= s.last && !s.live) return null;
    // From a minute out, ×64 per try (a minute, an hour, 3 days, 6 months, 30 years): dense data
    // is found in the first range, which touches one storage block.
    let reach = 60_000;
    for (let attempt = 0; attempt < 5; attempt++) {
      const values = new Values(d);
      const bound = side === 'before' ? Math.max(from - reach, -1e15) : Math.min(to + reach, 1e15);
      const where = side === 'before' ? `${t} < ${values.int('edge', from)} AND ${t} >= ${values.int('bound', bound)}` : `${t} > ${values.int('edge', to)} AND ${t} <= ${values.int('bound', bound)}`;
      const order = side === 'before' ? 'DESC' : 'ASC';
      const rows = await db.query(`SELECT ${d.float(t)} AS t, ${d.float(v)} AS v FROM ${raw} WHERE ${where} ORDER BY ${t} ${order} LIMIT 1`, values, signal);
      if (rows.length > 0) return /** @type {{ t: number, v: number }} */ (rows[0]);
      if (side === 'before' ? from - reach <= s.first : to + reach >= s.last) return null;
      reach *= 64;
    }
    return null;
  };
  return { before: await find('before'), after: await find('after') };
}

/**
 * Raw rows of [from, to] in time order, at most `limit` (one more tells the caller there are more).
 * @param {SqlRunner} db
 * @param {SeriesInfo} s
 * @param {number} from
 * @param {number} to
 * @param {number} limit
 * @param {AbortSignal} [signal]
 */
export async function rawRows(db, s, from, to, limit, signal) {
  const { d, raw, t, v, vol } = names(db, s);
  const values = new Values(d);
  const sql = `SELECT ${d.float(t)} AS t, ${d.float(v)} AS v, ${s.volume ? d.float(vol) : vol} AS volume FROM ${raw}
WHERE ${t} >= ${values.int('from', from)} AND ${t} <= ${values.int('to', to)} ORDER BY ${t} LIMIT ${values.limit('lim', limit)}`;
  return db.query(sql, values, signal);
}

/**
 * M4 over `cols` pixel columns of [from, to] (integer ms; the last column is closed), exactly as
 * the chart's M4Decimator (src/data/lod/m4.ts) computes it over the same rows: per column the
 * first, minimum, maximum and last point in time order (ties: the earliest), all points of a
 * column of ≤ 4, the neighbour on each side, and the raw rows when the window holds ≤ 4 · cols.
 * @param {SqlRunner} db
 * @param {SeriesInfo} s
 * @param {{ from: number, to: number, pixels: number }} w
 * @param {AbortSignal} [signal]
 * @returns {Promise<LineWindow>}
 */
export async function m4Window(db, s, { from, to, pixels: cols }, signal) {
  const { d, raw, t, v } = names(db, s);
  const span = to - from;
  const { before, after } = await neighbours(db, s, from, to, signal);
  const level = span % cols === 0 ? levelFor(s.levels, from, span / cols) : null;

  const values = new Values(d);
  const F = values.int('from', from);
  const T = values.int('to', to);
  const C = values.int('cols', cols);
  const S = values.int('span', span);
  const parts = [];
  let rawFrom = F;
  if (level) {
    const end = Math.min(to, level.splitMs);
    parts.push(`SELECT ${d.int64(d.intDiv(`(b - ${F}) * ${C}`, S))} AS c, tf AS a_tf, vf AS a_vf, tl AS a_tl, vl AS a_vl, tmin AS a_tmin, vmin AS a_vmin, tmax AS a_tmax, vmax AS a_vmax, n AS a_n
  FROM ${d.ident(level.table)} WHERE b >= ${F} AND b < ${values.int('lend', end)}`);
    rawFrom = values.int('rfrom', to < level.splitMs ? to : Math.max(from, level.splitMs));
  }
  parts.push(`SELECT ${d.int64(`least(${C} - 1, ${d.intDiv(`(${t} - ${F}) * ${C}`, S)})`)} AS c, ${t} AS a_tf, ${v} AS a_vf, ${t} AS a_tl, ${v} AS a_vl,
  ${t} AS a_tmin, ${v} AS a_vmin, ${t} AS a_tmax, ${v} AS a_vmax, ${d.int64('1')} AS a_n FROM ${raw} WHERE ${t} >= ${rawFrom} AND ${t} <= ${T}`);
  // Output names differ from the inner ones: ClickHouse aliases are visible across the whole SELECT.
  const sql = `SELECT c, ${d.float('min(a_tf)')} AS tf, argMin(a_vf, a_tf) AS vf, ${d.float('max(a_tl)')} AS tl, argMax(a_vl, a_tl) AS vl,
  ${d.float(`argMin(a_tmin, ${d.tuple('a_vmin', 'a_tmin')})`)} AS tmin, min(a_vmin) AS vmin, ${d.float(`argMax(a_tmax, ${d.tuple('a_vmax', '-a_tmax')})`)} AS tmax, max(a_vmax) AS vmax,
  ${d.float('sum(a_n)')} AS n
FROM (${parts.join('\nUNION ALL\n')}) GROUP BY c ORDER BY c`;
  const columns = await db.query(sql, values, signal);

  let inside = 0;
  for (const row of columns) inside += /** @type {number} */ (row.n);
  const edges = (before ? 1 : 0) + (after ? 1 : 0);
  if (inside + edges <= 4 * cols) {
    const rows = await rawRows(db, s, from, to, inside + 1, signal);
    return assemble(before, rows, after, 'raw', inside);
  }

  // Columns of ≤ 4 rows keep every row (as the client does); first/min/max/last may name fewer.
  /** @type {Map<number, Record<string, number | null>[]>} */
  const fill = new Map();
  const sparse = columns.filter((row) => /** @type {number} */ (row.n) <= 4 && distinctTimes(row) < /** @type {number} */ (row.n));
  for (let k = 0; k < sparse.length; k += 256) {
    const chunk = sparse.slice(k, k + 256);
    const rangeValues = new Values(d);
    const ranges = chunk.map((row, i) => {
      const c = /** @type {number} */ (row.c);
      const a = columnStart(from, span, cols, Number(c));
      const b = c === cols - 1 ? to + 1 : columnStart(from, span, cols, Number(c) + 1);
      return `(${t} >= ${rangeValues.int(`a${i}`, a)} AND ${t} < ${rangeValues.int(`b${i}`, b)})`;
    });
    // The overall range first: engines prune storage blocks by it (an OR of ranges alone reads everything).
    const lo = columnStart(from, span, cols, Number(chunk[0].c));
    const lastC = Number(chunk[chunk.length - 1].c);
    const hi = lastC === cols - 1 ? to + 1 : columnStart(from, span, cols, lastC + 1);
    const bounds = `${t} >= ${rangeValues.int('lo', lo)} AND ${t} < ${rangeValues.int('hi', hi)}`;
    const rows = await db.query(`SELECT ${d.float(t)} AS t, ${d.float(v)} AS v FROM ${raw} WHERE ${bounds} AND (${ranges.join(' OR ')}) ORDER BY ${t}`, rangeValues, signal);
    for (const row of rows) {
      const c = Math.min(cols - 1, columnOf(/** @type {number} */ (row.t), from, span, cols));
      let list = fill.get(c);
      if (!list) fill.set(c, (list = []));
      list.push(row);
    }
  }

  /** @type {{ t: number, v: number }[]} */
  const points = [];
  for (const row of columns) {
    const own = fill.get(Number(row.c));
    if (own) {
      for (const p of own) points.push({ t: /** @type {number} */ (p.t), v: /** @type {number} */ (p.v) });
      continue;
    }
    const quad = [
      { t: /** @type {number} */ (row.tf), v: /** @type {number} */ (row.vf) },
      { t: /** @type {number} */ (row.tmin), v: /** @type {number} */ (row.vmin) },
      { t: /** @type {number} */ (row.tmax), v: /** @type {number} */ (row.vmax) },
      { t: /** @type {number} */ (row.tl), v: /** @type {number} */ (row.vl) },
    ].sort((a, b) => a.t - b.t);
    let previous = NaN;
    for (const p of quad) {
      if (p.t !== previous) points.push(p);
      previous = p.t;
    }
  }
  return assemble(before, points, after, 'm4', inside);
}

/** @param {Record<string, number | null>} row */
function distinctTimes(row) {
  return new Set([row.tf, row.tmin, row.tmax, row.tl]).size;
}

/**
 * @param {{ t: number, v: number } | null} before
 * @param {ArrayLike<Record<string, number | null> | { t: number, v: number }>} rows
 * @param {{ t: number, v: number } | null} after
 * @param {'m4' | 'raw'} mode
 * @param {number} visibleRows
 * @returns {LineWindow}
 */
function assemble(before, rows, after, mode, visibleRows) {
  const n = rows.length + (before ? 1 : 0) + (after ? 1 : 0);
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  let k = 0;
  if (before) {
    time[k] = before.t;
    value[k++] = before.v;
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    time[k] = /** @type {number} */ (row.t);
    value[k++] = /** @type {number} */ (row.v);
  }
  if (after) {
    time[k] = after.t;
    value[k++] = after.v;
  }
  return { time, value, mode, before: before !== null, after: after !== null, visibleRows };
}

/** Fixed-length timeframes the server cuts bars in (calendar months are the chart's job). */
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Bucket length of a timeframe such as 1s, 5m, 4h, 1d, 1w; null when not one.
 * @param {string} timeframe
 */
export function timeframeMs(timeframe) {
  const match = /^([1-9][0-9]{0,4})([smhdw])$/.exec(timeframe);
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[/** @type {keyof typeof UNIT_MS} */ (match[2])];
}

/**
 * Bars of [from, to]: whole buckets of `bucketMs` aligned on multiples since the epoch (the
 * chart's OhlcAggregator with bucketMs does the same), open = first, high = max, low = min,
 * close = last value of each bucket, volume summed.
 * @param {SqlRunner} db
 * @param {SeriesInfo} s
 * @param {{ from: number, to: number, bucketMs: number, maxBars: number }} w
 * @param {AbortSignal} [signal]
 * @returns {Promise<BarWindow>}
 */
export async function ohlcWindow(db, s, { from, to, bucketMs, maxBars }, signal) {
  const { d, raw, t, v, vol } = names(db, s);
  const start = floorDiv(from, bucketMs) * bucketMs;
  const end = (floorDiv(to, bucketMs) + 1) * bucketMs;
  const bars = (end - start) / bucketMs;
  if (bars > maxBars) throw new WindowTooLarge(`the window holds ${bars} bars of ${bucketMs} ms, more than ${maxBars}: ask for a larger timeframe or fewer pixels`, 'timeframe');
  const level = levelFor(s.levels, 0, bucketMs);
  const values = new Values(d);
  const B = values.int('bucket', bucketMs);
  const S = values.int('start', start);
  const E = values.int('end', end);
  /** @param {string} x */
  const bucketOf = (x) => `(${x} - ((${x} % ${B}) + ${B}) % ${B})`;
  const parts = [];
  let rawFrom = S;
  if (level) {
    parts.push(`SELECT ${bucketOf('b')} AS bb, tf, vf, tl, vl, vmin, vmax, vol, n FROM ${d.ident(level.table)} WHERE b >= ${S} AND b < ${values.int('lend', Math.min(end, level.splitMs))}`);
    rawFrom = values.int('rfrom', Math.max(start, level.splitMs));
  }
  parts.push(`SELECT ${bucketOf(t)} AS bb, ${t} AS tf, ${v} AS vf, ${t} AS tl, ${v} AS vl, ${v} AS vmin, ${v} AS vmax, ${vol} AS vol, ${d.int64('1')} AS n
  FROM ${raw} WHERE ${t} >= ${rawFrom} AND ${t} < ${E}`);
  const sql = `SELECT ${d.float('bb')} AS t, argMin(vf, tf) AS open, max(vmax) AS high, min(vmin) AS low, argMax(vl, tl) AS close, sum(vol) AS volume
FROM (${parts.join('\nUNION ALL\n')}) GROUP BY bb ORDER BY bb`;
  const rows = await db.query(sql, values, signal);
  const n = rows.length;
  const out = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n), bucketMs };
  rows.forEach((row, i) => {
    out.time[i] = /** @type {number} */ (row.t);
    out.open[i] = /** @type {number} */ (row.open);
    out.high[i] = /** @type {number} */ (row.high);
    out.low[i] = /** @type {number} */ (row.low);
    out.close[i] = /** @type {number} */ (row.close);
    out.volume[i] = row.volume == null ? NaN : Number(row.volume);
  });
  return out;
}

/**
 * Rows after `since` (the live tail), oldest first.
 * @param {SqlRunner} db
 * @param {SeriesInfo} s
 * @param {number} since
 * @param {number} limit
 * @param {AbortSignal} [signal]
 */
export async function tailRows(db, s, since, limit, signal) {
  const { d, raw, t, v, vol } = names(db, s);
  const values = new Values(d);
  return db.query(
    `SELECT ${d.float(t)} AS t, ${d.float(v)} AS v, ${s.volume ? d.float(vol) : vol} AS volume FROM ${raw} WHERE ${t} > ${values.int('since', since)} ORDER BY ${t} LIMIT ${values.limit('lim', limit)}`,
    values,
    signal,
  );
}
