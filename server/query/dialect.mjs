// @ts-check
import { checkedIdentifier } from './identifiers.mjs';

/**
 * The two SQL dialects the tile queries are written in. Everything else about a query (its shape,
 * which table, which bounds) is shared, so DuckDB and ClickHouse answer the same window with the
 * same rows.
 *
 * Values: DuckDB binds them as parameters ($name). ClickHouse 18.16 has no server-side query
 * parameters, so values are formatted into the text — and the only values that exist in these
 * queries are integers (epoch milliseconds, column counts, bucket widths), each checked with
 * Number.isSafeInteger right here, at the one place a value becomes SQL text. Anything else throws.
 *
 * @typedef {{ name: 'duckdb' | 'clickhouse', ident(name: string): string, intDiv(a: string, b: string): string,
 *   float(expr: string): string, tuple(a: string, b: string): string, int64(expr: string): string, nullFloat: string }} Dialect
 */

/** @type {Dialect} */
export const DUCKDB = {
  name: 'duckdb',
  ident: (name) => `"${checkedIdentifier(name, 'identifier')}"`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  float: (expr) => `CAST(${expr} AS DOUBLE)`,
  tuple: (a, b) => `struct_pack(a := ${a}, b := ${b})`,
  int64: (expr) => `CAST(${expr} AS BIGINT)`,
  nullFloat: 'CAST(NULL AS DOUBLE)',
};

/** @type {Dialect} */
export const CLICKHOUSE = {
  name: 'clickhouse',
  ident: (name) => `\`${checkedIdentifier(name, 'identifier')}\``,
  intDiv: (a, b) => `intDiv(${a}, ${b})`,
  float: (expr) => `toFloat64(${expr})`,
  tuple: (a, b) => `tuple(${a}, ${b})`,
  int64: (expr) => `toInt64(${expr})`,
  nullFloat: 'CAST(NULL AS Nullable(Float64))',
};

/**
 * Collects the values of one query. `int(name, value)` returns what goes into the SQL text:
 * `$name` (bound later) for DuckDB, the checked integer literal for ClickHouse.
 */
export class Values {
  /** @param {Dialect} dialect */
  constructor(dialect) {
    this.dialect = dialect;
    /** @type {Record<string, bigint>} */
    this.bound = {};
  }

  /**
   * @param {string} name
   * @param {number} value
   */
  int(name, value) {
    if (!Number.isSafeInteger(value)) throw new TypeError(`tile server: SQL value ${name} must be a safe integer, got ${typeof value === 'number' ? value : typeof value}`);
    // Typed Int64: a bare literal would be UInt16/UInt32 in ClickHouse, and (x % 60000) + 60000 wraps there.
    if (this.dialect.name === 'clickhouse') return `toInt64(${value})`;
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new TypeError(`tile server: bad parameter name ${name}`);
    this.bound[name] = BigInt(value);
    return `$${name}`;
  }

  /**
   * A row count for LIMIT, which ClickHouse wants as a bare literal: checked the same way.
   * @param {string} name
   * @param {number} value
   */
  limit(name, value) {
    if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`tile server: SQL limit ${name} must be a safe integer ≥ 0, got ${value}`);
    return this.dialect.name === 'clickhouse' ? String(value) : this.int(name, value);
  }
}
