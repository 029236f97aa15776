// Small deterministic datasets for the server tests, loaded the same way into both engines.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Start of the fixture: a multiple of 2^26 ms, so tile-aligned windows start on whole roll-up buckets. */
export const T0 = 2 ** 26 * 25_400;

/**
 * `n` rows: one per second with a few long gaps (sessions), a seeded random walk, volumes 1–50.
 * @param {number} n
 * @param {number} [seed]
 */
export function fixtureRows(n, seed = 7) {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const time = new Array(n);
  const value = new Array(n);
  const volume = new Array(n);
  let t = T0 + 1234;
  let v = 100;
  for (let i = 0; i < n; i++) {
    time[i] = t;
    v += random() - 0.5;
    value[i] = v;
    volume[i] = 1 + Math.floor(random() * 50);
    // Mostly 1 s apart; a 3-hour gap every 20 000 rows; some 1–4 s jitter.
    t += i % 20_000 === 19_999 ? 3 * 3_600_000 : 1000 * (1 + (random() < 0.05 ? Math.floor(random() * 4) : 0));
  }
  return { time, value, volume };
}

/**
 * Writes rows to a Parquet file (through DuckDB) and returns its path.
 * @param {{ time: number[], value: number[], volume: number[] }} rows
 */
export async function writeParquet(rows) {
  const dir = await mkdtemp(join(tmpdir(), 'tiles-duckdb-'));
  const path = join(dir, 'fixture.parquet');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run('CREATE TABLE rows (time BIGINT, price DOUBLE, volume DOUBLE)');
  const appender = await connection.createAppender('rows');
  for (let i = 0; i < rows.time.length; i++) {
    appender.appendBigInt(BigInt(rows.time[i]));
    appender.appendDouble(rows.value[i]);
    appender.appendDouble(rows.volume[i]);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(`COPY (SELECT * FROM rows ORDER BY time) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 8192)`);
  connection.closeSync();
  instance.closeSync();
  return { dir, path };
}

/**
 * Creates a MergeTree table and inserts rows (VALUES, in chunks: ClickHouse 18.16 takes plain SQL).
 * @param {import('../../server/engines/clickhouse.mjs').ClickHouseEngine} engine
 * @param {string} table
 * @param {{ time: number[], value: number[], volume: number[] }} rows
 */
export async function loadClickHouse(engine, table, rows) {
  await engine.command(`DROP TABLE IF EXISTS ${table}`);
  await engine.command(`CREATE TABLE ${table} (time Int64, price Float64, volume Float64) ENGINE = MergeTree ORDER BY time`);
  for (let start = 0; start < rows.time.length; start += 20_000) {
    const values = [];
    for (let i = start; i < Math.min(rows.time.length, start + 20_000); i++) values.push(`(${rows.time[i]},${rows.value[i]},${rows.volume[i]})`);
    await engine.command(`INSERT INTO ${table} VALUES ${values.join(',')}`);
  }
  await engine.buildLevels(table, { time: 'time', value: 'price', volume: 'volume' });
}
