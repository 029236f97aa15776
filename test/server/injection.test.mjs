// The SQL-building layer refuses everything but checked integers and allow-listed identifiers:
// ClickHouse 18.16 gets values as text, so this is what stands between a request and its SQL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLICKHOUSE, DUCKDB, Values } from '../../server/query/dialect.mjs';
import { checkedIdentifier, isSeriesName } from '../../server/query/identifiers.mjs';
import { m4Window, ohlcWindow, rawRows, tailRows } from '../../server/query/window.mjs';
import { rollupSelect } from '../../server/query/levels.mjs';

/** @type {any[]} */
const HOSTILE_NUMBERS = [NaN, Infinity, -Infinity, 1.5, 2 ** 53, -(2 ** 53), '1', '1; DROP TABLE t', null, undefined, {}, [], 1n, { valueOf: () => 1 }, { toString: () => '1 OR 1=1' }];
const HOSTILE_NAMES = ["t'", 't"', 't`', 't; DROP TABLE x', 't--', 't/*', '', ' t', 't ', 'a.b', '1t', 'ü', 'x'.repeat(64), 't\n', 'SELECT 1'];

/** A runner that records SQL instead of running it. */
function recorder(dialect) {
  const sql = [];
  return { sql, db: { dialect, query: async (text) => (sql.push(text), []) } };
}

const series = (over = {}) => ({ name: 'S', table: 'ticks', time: 'time', value: 'price', volume: 'volume', levels: [], rows: 10, first: 0, last: 1e6, immutableUntil: 1e6, live: false, version: 'v', ...over });

describe('SQL values and identifiers', () => {
  for (const dialect of [DUCKDB, CLICKHOUSE]) {
    it(`${dialect.name}: Values.int and Values.limit take safe integers only`, () => {
      for (const bad of HOSTILE_NUMBERS) {
        assert.throws(() => new Values(dialect).int('x', /** @type {any} */ (bad)), /must be a safe integer/, String(bad));
        assert.throws(() => new Values(dialect).limit('x', /** @type {any} */ (bad)), /must be a safe integer/, String(bad));
      }
      const values = new Values(dialect);
      assert.equal(values.int('from', -5), dialect.name === 'clickhouse' ? 'toInt64(-5)' : '$from');
      assert.equal(values.limit('lim', 7), dialect.name === 'clickhouse' ? '7' : '$lim');
      if (dialect.name === 'duckdb') assert.deepEqual(values.bound, { from: -5n, lim: 7n });
      assert.throws(() => new Values(DUCKDB).int('x; DROP', 1), /bad parameter name/);
    });

    it(`${dialect.name}: identifiers outside the allow-list pattern are refused, not escaped`, () => {
      for (const bad of HOSTILE_NAMES) assert.throws(() => dialect.ident(bad), /not a plain identifier/, JSON.stringify(bad));
      assert.equal(dialect.ident('price_1'), dialect.name === 'clickhouse' ? '`price_1`' : '"price_1"');
    });

    it(`${dialect.name}: every query builder refuses a series whose catalog names are not identifiers`, async () => {
      const { db } = recorder(dialect);
      for (const bad of HOSTILE_NAMES) {
        for (const field of ['table', 'time', 'value']) {
          const s = series({ [field]: bad });
          await assert.rejects(() => rawRows(db, s, 0, 10, 5), /not a plain identifier/);
          await assert.rejects(() => tailRows(db, s, 0, 5), /not a plain identifier/);
          await assert.rejects(() => m4Window(db, s, { from: 0, to: 10, pixels: 2 }), /not a plain identifier/);
          await assert.rejects(() => ohlcWindow(db, s, { from: 0, to: 10, bucketMs: 5, maxBars: 10 }), /not a plain identifier/);
        }
        assert.throws(() => rollupSelect(dialect, 'ticks', { time: bad, value: 'price', volume: null }, 16384, 0), /not a plain identifier/);
      }
    });

    it(`${dialect.name}: query builders refuse non-integer bounds before any SQL is sent`, async () => {
      const { db, sql } = recorder(dialect);
      for (const bad of [NaN, 0.5, Infinity, '5; DROP TABLE ticks']) {
        await assert.rejects(() => rawRows(db, series(), /** @type {any} */ (bad), 10, 5), /safe integer/);
        await assert.rejects(() => tailRows(db, series(), /** @type {any} */ (bad), 5), /safe integer/);
      }
      assert.deepEqual(sql, []);
    });
  }

  it('series names in URLs are letters, digits, _ . - only', () => {
    for (const good of ['BTC-USD', 'eur.usd', 'x_1']) assert.ok(isSeriesName(good));
    for (const bad of ["a'b", 'a b', '../x', '-x', '', 'a;b', 'x'.repeat(65)]) assert.ok(!isSeriesName(bad), bad);
    assert.throws(() => checkedIdentifier('a b', 'table'), /table "a b" is not a plain identifier/);
  });

  it('ClickHouse SQL for a window holds only the values given, as typed integer literals', async () => {
    const { db, sql } = recorder(CLICKHOUSE);
    await m4Window(db, series(), { from: 1000, to: 9000, pixels: 4 });
    const text = sql.join('\n');
    const literals = new Set([...text.matchAll(/toInt64\((-?\d+)\)/g)].map((m) => Number(m[1])));
    for (const n of [1000, 9000, 4, 8000]) assert.ok(literals.has(n), `from/to/pixels/span as typed literals (${n})`);
    // With the typed literals taken out, no digit is left outside identifiers and the constant 1.
    assert.doesNotMatch(text.replace(/toInt64\(-?\d+\)/g, 'N').replace(/`[A-Za-z_][A-Za-z0-9_]*`/g, 'I').replace(/toInt64|toFloat64|Float64/g, 'F'), /[02-9]|\d\d/);
    assert.doesNotMatch(text, /'|;|--|\/\*/);
  });
});
