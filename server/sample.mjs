// @ts-check
import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * The sample dataset `npm run serve` makes on first run: one-second ticks of a made-up price
 * (slow trends, cycles, noise) and volume, ending now, written by DuckDB straight to Parquet
 * (zstd, sorted by time, so that row-group statistics let window queries skip the rest).
 */

/**
 * The price at tick i (seconds since the sample's start) — also used by the live feed.
 * @param {number} i
 */
export function samplePrice(i) {
  return 30000 + 3000 * Math.sin(i / 2e6) + 800 * Math.sin(i / 170000 + 1) + 150 * Math.sin(i / 9000 + 2) + 20 * Math.sin(i / 500) + noise(i) * 8;
}

/** @param {number} i */
function noise(i) {
  // Deterministic, decorrelated (an integer hash), in [-0.5, 0.5).
  let x = (i * 2654435761) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 2246822507) >>> 0;
  x ^= x >>> 13;
  return x / 4294967296 - 0.5;
}

/**
 * Writes `rows` ticks ending at `endMs` to `path` unless it exists. Returns the path's facts.
 * @param {string} path
 * @param {number} rows
 * @param {{ endMs?: number, log?: (line: string) => void }} [options]
 */
export async function ensureSample(path, rows, options = {}) {
  const existing = await stat(path).catch(() => null);
  if (existing) return { path, created: false, bytes: existing.size };
  const log = options.log ?? (() => {});
  await mkdir(dirname(path), { recursive: true });
  const end = Math.floor((options.endMs ?? Date.now()) / 1000) * 1000;
  const start = end - (rows - 1) * 1000;
  const temp = `${path}.partial`;
  log(`tile server: generating the sample dataset: ${rows.toLocaleString('en')} one-second ticks → ${path} (once; takes a while for 100M rows)`);
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // The same formula as samplePrice, in SQL (hash noise differs from JS: the live feed continues the shape, not the exact noise).
  const sql = `COPY (SELECT CAST(${start} + i * 1000 AS BIGINT) AS time,
    30000 + 3000 * sin(i / 2e6) + 800 * sin(i / 170000 + 1) + 150 * sin(i / 9000 + 2) + 20 * sin(i / 500) + ((hash(i) % 1000003) / 1000003.0 - 0.5) * 8 AS price,
    CAST(1 + hash(i * 31 + 7) % 50 AS DOUBLE) AS volume
  FROM range(${rows}) r(i)) TO '${temp.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`;
  await connection.run(sql);
  connection.closeSync();
  instance.closeSync();
  await rename(temp, path);
  const bytes = (await stat(path)).size;
  log(`tile server: sample written in ${((performance.now() - started) / 1000).toFixed(1)} s (${(bytes / 1e6).toFixed(0)} MB)`);
  return { path, created: true, bytes, start, end };
}
