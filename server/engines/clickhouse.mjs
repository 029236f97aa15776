// @ts-check
import { createClient } from '@clickhouse/client';
import { CLICKHOUSE, Values } from '../query/dialect.mjs';
import { checkedIdentifier, isSeriesName } from '../query/identifiers.mjs';
import { LEVEL_EXPONENTS, rerollSelect, rollupSelect, rollupSlices, splitFor } from '../query/levels.mjs';
import { EngineDown, QueryTimeout } from './errors.mjs';

/**
 * The engine at scale: ClickHouse through its official Node client (HTTP). Debian's ClickHouse
 * (18.16) has no server-side query parameters, so the SQL text carries the values: only integers
 * checked by Values.int (query/dialect.mjs) and identifiers from this server's configuration,
 * checked against the identifier pattern. Nothing from a request reaches SQL any other way
 * (test/server/injection.test.mjs tries).
 *
 * A series is a MergeTree table (time Int64 epoch ms, value Float64, volume Float64) ordered by
 * time; its roll-up levels are tables `<table>_l<k>` built by `buildLevels`.
 *
 * @typedef {{ name: string, table: string, time: string, value: string, volume?: string | null, live?: boolean }} ClickHouseSeriesConfig
 * @typedef {import('../query/window.mjs').SeriesInfo} SeriesInfo
 */

export class ClickHouseEngine {
  dialect = CLICKHOUSE;
  name = 'clickhouse';

  /**
   * @param {{ url: string, database?: string, username?: string, password?: string, series: ClickHouseSeriesConfig[], timeoutMs?: number, rollupSliceRows?: number }} options
   *   rollupSliceRows: raw rows grouped per statement when building the first roll-up level
   *   (bounded memory; 50M by default)
   */
  constructor(options) {
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.client = createClient({
      url: options.url,
      database: options.database ?? 'default',
      username: options.username ?? 'default',
      password: options.password ?? '',
      request_timeout: this.timeoutMs + 5000,
      // 18.16 answers plain queries; keep the client from sending settings it does not know.
      compression: { request: false, response: false },
    });
    /** @type {Map<string, SeriesInfo>} */
    this.catalog = new Map();
  }

  async open() {
    for (const config of this.options.series) await this.register(config);
    return this;
  }

  /** @param {ClickHouseSeriesConfig} config */
  async register(config) {
    if (!isSeriesName(config.name)) throw new Error(`tile server: series name "${config.name}" is not allowed (letters, digits, _ . -)`);
    const d = this.dialect;
    const table = checkedIdentifier(config.table, 'table');
    const t = d.ident(config.time);
    const [summary] = await this.rows(`SELECT toFloat64(count()) AS n, toFloat64(min(${t})) AS first, toFloat64(max(${t})) AS last FROM ${d.ident(table)}`);
    const existing = new Set((await this.rows(`SELECT name FROM system.tables WHERE database = currentDatabase()`)).map((r) => String(r.name)));
    /** @type {import('../query/levels.mjs').Level[]} */
    const levels = [];
    for (const exponent of LEVEL_EXPONENTS) {
      const name = `${table}_l${exponent}`;
      if (!existing.has(name)) continue;
      const bucketMs = 2 ** exponent;
      const [top] = await this.rows(`SELECT toFloat64(max(b)) AS b, toFloat64(count()) AS n FROM ${d.ident(name)}`);
      if (!top || !Number(top.n)) continue;
      levels.push({ table: name, bucketMs, splitMs: Number(top.b) + bucketMs });
    }
    const last = Number(summary.last ?? 0);
    this.catalog.set(config.name, {
      name: config.name,
      table,
      time: checkedIdentifier(config.time, 'time column'),
      value: checkedIdentifier(config.value, 'value column'),
      volume: config.volume ? checkedIdentifier(config.volume, 'volume column') : null,
      levels,
      rows: Number(summary.n),
      first: Number(summary.first ?? 0),
      last,
      immutableUntil: last,
      live: Boolean(config.live),
      version: `${Number(summary.n)}-${last}`,
    });
  }

  list() {
    return [...this.catalog.values()];
  }

  /** @param {string} name */
  get(name) {
    return this.catalog.get(name) ?? null;
  }

  /**
   * @param {string} sql
   * @param {Values} [_values]  already formatted into `sql` (ClickHouse 18.16 binds nothing)
   * @param {AbortSignal} [signal]
   */
  async query(sql, _values, signal) {
    try {
      const result = await this.client.query({
        query: sql,
        format: 'JSONEachRow',
        abort_signal: signal,
        clickhouse_settings: { max_execution_time: Math.ceil(this.timeoutMs / 1000) },
      });
      return /** @type {Record<string, number | null>[]} */ (await result.json());
    } catch (error) {
      throw translate(error, this.timeoutMs);
    }
  }

  /**
   * A statement without rows (CREATE, INSERT … SELECT).
   * @param {string} sql
   */
  async command(sql) {
    try {
      await this.client.command({ query: sql, clickhouse_settings: { max_execution_time: 3600 } });
    } catch (error) {
      throw translate(error, 3_600_000);
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
    await this.client.close();
  }

  /**
   * (Re)builds the roll-up levels of a table from its rows (whole buckets before the last one).
   * @param {string} table
   * @param {{ time: string, value: string, volume?: string | null }} cols
   */
  async buildLevels(table, cols) {
    const d = this.dialect;
    checkedIdentifier(table, 'table');
    const [summary] = await this.rows(`SELECT toFloat64(count()) AS n, toFloat64(min(${d.ident(cols.time)})) AS first, toFloat64(max(${d.ident(cols.time)})) AS last FROM ${d.ident(table)}`);
    const last = Number(summary.last ?? 0);
    const coarsest = 2 ** LEVEL_EXPONENTS[LEVEL_EXPONENTS.length - 1];
    let previous = null;
    for (const exponent of LEVEL_EXPONENTS) {
      const bucketMs = 2 ** exponent;
      const name = `${table}_l${exponent}`;
      await this.command(`DROP TABLE IF EXISTS ${d.ident(name)}`);
      await this.command(
        `CREATE TABLE ${d.ident(name)} (b Int64, n Int64, tf Int64, vf Float64, tl Int64, vl Float64, tmin Int64, vmin Float64, tmax Int64, vmax Float64, vol ${cols.volume ? 'Float64' : 'Nullable(Float64)'}) ENGINE = MergeTree ORDER BY b`,
      );
      if (previous) {
        await this.command(`INSERT INTO ${d.ident(name)} ${rerollSelect(d, previous, bucketMs, splitFor(last, bucketMs))}`);
      } else {
        // The first level groups the raw rows: one GROUP BY over a billion rows would hold ~61M
        // buckets in memory at once (past the server's limit), so it runs slice by slice.
        const split = splitFor(last, bucketMs);
        for (const [from, to] of rollupSlices(Number(summary.first ?? 0), split, Number(summary.n), this.options.rollupSliceRows ?? 50_000_000, coarsest)) {
          const select = rollupSelect(d, d.ident(table), { time: cols.time, value: cols.value, volume: cols.volume ?? null }, bucketMs, to, from);
          await this.command(`INSERT INTO ${d.ident(name)} ${select}`);
        }
      }
      previous = name;
    }
  }
}

/**
 * The client's errors, as the API reports them.
 * @param {unknown} error
 * @param {number} timeoutMs
 */
function translate(error, timeoutMs) {
  const e = /** @type {{ code?: string, message?: string, type?: string }} */ (error);
  const message = String(e?.message ?? error);
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET' || e?.code === 'EHOSTUNREACH' || /ECONNREFUSED|socket hang up|connect ECONN/.test(message)) {
    return new EngineDown('clickhouse', message);
  }
  if (e?.type === 'TIMEOUT_EXCEEDED' || /TIMEOUT_EXCEEDED|Timeout exceeded/i.test(message)) return new QueryTimeout('clickhouse', timeoutMs);
  return error;
}
