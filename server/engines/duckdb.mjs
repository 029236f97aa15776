// @ts-check
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { DUCKDB, Values } from '../query/dialect.mjs';
import { checkedIdentifier, isSeriesName } from '../query/identifiers.mjs';
import { LEVEL_EXPONENTS, rerollSelect, rollupSelect, splitFor } from '../query/levels.mjs';
import { EngineDown, QueryTimeout } from './errors.mjs';

/**
 * The embedded engine: DuckDB over Parquet or CSV files. Each series is a view over its files
 * (plus an in-memory table for rows appended live), with columns renamed to t (epoch ms, BIGINT),
 * v and volume; roll-up levels are tables in the engine's database (a file under the cache
 * directory, so that a restart does not rebuild them), rebuilt when the files change.
 *
 * Values are bound as parameters ($from, $to, …); file paths and identifiers come only from the
 * server's configuration and are checked (identifiers) or quoted (paths) here.
 *
 * @typedef {{ name: string, files: string[], time: string, value: string, volume?: string | null, live?: boolean }} DuckSeriesConfig
 * @typedef {import('../query/window.mjs').SeriesInfo} SeriesInfo
 */

/** @param {string} path */
function sqlString(path) {
  if (/[\0\n\r]/.test(path)) throw new Error(`tile server: file path ${JSON.stringify(path)} has control characters`);
  return `'${path.replaceAll("'", "''")}'`;
}

export class DuckDbEngine {
  dialect = DUCKDB;
  name = 'duckdb';

  /**
   * @param {{ database?: string, series: DuckSeriesConfig[], connections?: number, timeoutMs?: number, levels?: boolean }} options
   */
  constructor(options) {
    this.options = options;
    /** @type {Map<string, SeriesInfo>} */
    this.catalog = new Map();
    /** @type {import('@duckdb/node-api').DuckDBConnection[]} */
    this.pool = [];
    this.next = 0;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.closed = false;
    /** Queries DuckDB still runs (a timed-out one goes on until its interrupt lands): close waits for them. */
    /** @type {Set<Promise<unknown>>} */
    this.running = new Set();
  }

  async open() {
    this.instance = await DuckDBInstance.create(this.options.database ?? ':memory:');
    for (let i = 0; i < (this.options.connections ?? 4); i++) this.pool.push(await this.instance.connect());
    for (const config of this.options.series) await this.register(config);
    return this;
  }

  /** @param {DuckSeriesConfig} config */
  async register(config) {
    if (!isSeriesName(config.name)) throw new Error(`tile server: series name "${config.name}" is not allowed (letters, digits, _ . -)`);
    const id = `s_${createHash('sha1').update(config.name).digest('hex').slice(0, 12)}`;
    const time = this.dialect.ident(checkedIdentifier(config.time, 'time column'));
    const value = this.dialect.ident(checkedIdentifier(config.value, 'value column'));
    const volume = config.volume ? this.dialect.ident(checkedIdentifier(config.volume, 'volume column')) : 'CAST(NULL AS DOUBLE)';
    const csv = config.files.every((f) => /\.csv(\.gz)?$/i.test(f));
    const reader = `${csv ? 'read_csv_auto' : 'read_parquet'}([${config.files.map(sqlString).join(', ')}])`;
    const stats = await Promise.all(config.files.map((f) => stat(f)));
    const version = createHash('sha1').update(JSON.stringify(stats.map((s, i) => [config.files[i], s.size, s.mtimeMs]))).digest('hex').slice(0, 16);
    const run = (/** @type {string} */ sql) => this.pool[0].run(sql);
    // The time column as is when it already is BIGINT epoch ms: a cast would hide it from Parquet's
    // row-group statistics, and every window would scan the whole file.
    const [kind] = await this.rows(`SELECT typeof(${time}) AS type FROM ${reader} LIMIT 1`);
    const type = String(kind?.type ?? 'BIGINT');
    const timeExpr = type === 'BIGINT' ? time : /^TIMESTAMP/.test(type) ? `epoch_ms(${time})` : `CAST(${time} AS BIGINT)`;
    await run(`CREATE OR REPLACE VIEW ${id}_files AS SELECT ${timeExpr} AS t, CAST(${value} AS DOUBLE) AS v, CAST(${volume} AS DOUBLE) AS volume FROM ${reader}`);
    await run(`CREATE OR REPLACE TABLE ${id}_live (t BIGINT, v DOUBLE, volume DOUBLE)`);
    await run(`CREATE OR REPLACE VIEW ${id} AS SELECT * FROM ${id}_files UNION ALL SELECT * FROM ${id}_live`);

    const [summary] = await this.rows(`SELECT CAST(count(*) AS DOUBLE) AS n, CAST(min(t) AS DOUBLE) AS first, CAST(max(t) AS DOUBLE) AS last FROM ${id}_files`);
    const rows = Number(summary.n);
    const first = Number(summary.first ?? 0);
    const last = Number(summary.last ?? 0);
    /** @type {import('../query/levels.mjs').Level[]} */
    const levels = [];
    if (this.options.levels !== false && rows > 0) {
      await run(`CREATE TABLE IF NOT EXISTS tile_levels (series VARCHAR, version VARCHAR, exponent INTEGER)`);
      let previous = null;
      for (const exponent of LEVEL_EXPONENTS) {
        const bucketMs = 2 ** exponent;
        const splitMs = splitFor(last, bucketMs);
        const table = `${id}_l${exponent}`;
        const built = await this.rows(`SELECT 1 AS ok FROM tile_levels WHERE series = '${id}' AND version = '${version}' AND exponent = ${exponent}`);
        if (built.length === 0) {
          const select = previous ? rerollSelect(this.dialect, previous, bucketMs, splitMs) : rollupSelect(this.dialect, `${id}_files`, { time: 't', value: 'v', volume: 'volume' }, bucketMs, splitMs);
          await run(`CREATE OR REPLACE TABLE ${table} AS ${select} ORDER BY b`);
          await run(`DELETE FROM tile_levels WHERE series = '${id}' AND exponent = ${exponent}`);
          await run(`INSERT INTO tile_levels VALUES ('${id}', '${version}', ${exponent})`);
        }
        levels.push({ table, bucketMs, splitMs });
        previous = table;
      }
    }
    this.catalog.set(config.name, {
      name: config.name,
      table: id,
      time: 't',
      value: 'v',
      volume: config.volume ? 'volume' : null,
      levels,
      rows,
      first,
      last,
      immutableUntil: last,
      live: Boolean(config.live),
      version,
    });
  }

  /** @returns {SeriesInfo[]} */
  list() {
    return [...this.catalog.values()];
  }

  /** @param {string} name */
  get(name) {
    return this.catalog.get(name) ?? null;
  }

  /**
   * Appends live rows (times after the series' last) to its in-memory table.
   * @param {string} name
   * @param {{ time: ArrayLike<number>, value: ArrayLike<number>, volume?: ArrayLike<number> }} rows
   */
  async append(name, rows) {
    const s = this.catalog.get(name);
    if (!s) throw new Error(`tile server: no series ${name}`);
    const appender = await this.pool[0].createAppender(`${s.table}_live`);
    for (let i = 0; i < rows.time.length; i++) {
      if (!(rows.time[i] > s.last)) continue;
      appender.appendBigInt(BigInt(rows.time[i]));
      appender.appendDouble(rows.value[i]);
      appender.appendDouble(rows.volume ? rows.volume[i] : NaN);
      appender.endRow();
      s.last = rows.time[i];
      s.rows++;
    }
    appender.closeSync();
  }

  /**
   * @param {string} sql
   * @param {Values} [values]
   * @param {AbortSignal} [signal]
   */
  async query(sql, values, signal) {
    if (this.closed) throw new EngineDown('duckdb', 'the engine is closed');
    const connection = this.pool[this.next++ % this.pool.length];
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    // The answer is given up at the deadline or when the client leaves; interrupt() asks DuckDB to
    // stop the work too (best effort: it checks between pipeline tasks).
    const deadline = new Promise((_resolve, reject) => {
      timer = setTimeout(() => {
        connection.interrupt();
        reject(new QueryTimeout('duckdb', this.timeoutMs));
      }, this.timeoutMs);
    });
    const onAbort = () => connection.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const run = connection.runAndReadAll(sql, values?.bound ?? {});
      const settled = run.then(() => {}, () => {});
      this.running.add(settled);
      settled.then(() => this.running.delete(settled));
      const reader = /** @type {import('@duckdb/node-api').DuckDBResultReader} */ (await Promise.race([run, deadline]));
      return reader.getRowObjects().map(numbers);
    } catch (error) {
      if (error instanceof QueryTimeout) throw error;
      if (this.closed) throw new EngineDown('duckdb', 'the engine is closed');
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** @param {string} sql */
  async rows(sql) {
    return this.query(sql, new Values(this.dialect));
  }

  async ping() {
    await this.rows('SELECT 1 AS ok');
  }

  async close() {
    this.closed = true;
    // Closing a connection under a query still running on DuckDB's threads crashes the process
    // (SIGSEGV, seen after a timed-out query): interrupt them and wait until they have stopped.
    for (const c of this.pool) c.interrupt();
    await Promise.all(this.running);
    for (const c of this.pool) c.closeSync();
    this.pool = [];
    this.instance?.closeSync();
  }
}

/** @param {Record<string, unknown>} row */
function numbers(row) {
  /** @type {Record<string, number | null>} */
  const out = {};
  for (const key in row) {
    const value = row[key];
    out[key] = value === null || value === undefined ? null : typeof value === 'bigint' ? Number(value) : /** @type {number} */ (value);
  }
  return out;
}
