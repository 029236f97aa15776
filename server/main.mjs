#!/usr/bin/env node
// @ts-check
/**
 * `npm run serve`: the tile server. With no arguments: DuckDB over a sample dataset (generated on
 * first run under server/data/, then reused), a live feed appending a tick per second, no
 * authentication, on http://127.0.0.1:8787 (docs at /docs, contract at /openapi.json).
 *
 *   --port 8787 --host 127.0.0.1
 *   --rows 100000000            sample size (first run only; delete the file to regenerate)
 *   --data server/data          where the sample and the DuckDB cache live
 *   --file a.parquet --name BTC-USD --time ts --value price [--volume qty]   serve your own file(s) (repeat --file)
 *   --engine clickhouse --clickhouse http://127.0.0.1:8123 --table ticks --name BTC-USD --time t --value v [--volume volume]
 *   --api-key KEY[:max-per-minute]  (repeatable) and/or --jwt-secret SECRET: authentication on
 *   --rate 600                   requests per minute per key (or address)
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from './app.mjs';
import { DuckDbEngine } from './engines/duckdb.mjs';
import { ClickHouseEngine } from './engines/clickhouse.mjs';
import { ensureSample, samplePrice } from './sample.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.TILES_PORT ?? '8787' },
    host: { type: 'string', default: process.env.TILES_HOST ?? '127.0.0.1' },
    rows: { type: 'string', default: process.env.TILES_SAMPLE_ROWS ?? '100000000' },
    data: { type: 'string', default: process.env.TILES_DATA ?? resolve(here, 'data') },
    engine: { type: 'string', default: 'duckdb' },
    file: { type: 'string', multiple: true },
    name: { type: 'string' },
    time: { type: 'string', default: 'time' },
    value: { type: 'string', default: 'price' },
    volume: { type: 'string' },
    table: { type: 'string' },
    clickhouse: { type: 'string', default: 'http://127.0.0.1:8123' },
    'api-key': { type: 'string', multiple: true },
    'jwt-secret': { type: 'string' },
    rate: { type: 'string', default: '600' },
    'no-live': { type: 'boolean', default: false },
  },
});

const log = (/** @type {string} */ line) => console.log(line);
const rateMax = Number(args.rate);
if (!Number.isInteger(rateMax) || rateMax < 1) throw new Error(`--rate must be a positive integer, got ${args.rate}`);

/** @type {import('./app.mjs').Engine & { open(): Promise<unknown> }} */
let engine;
let sampleName = null;
if (args.engine === 'clickhouse') {
  if (!args.table || !args.name) throw new Error('--engine clickhouse needs --table and --name (and --time/--value for its columns)');
  engine = new ClickHouseEngine({ url: args.clickhouse, series: [{ name: args.name, table: args.table, time: args.time, value: args.value, volume: args.volume ?? null }] });
} else if (args.engine === 'duckdb') {
  if (args.file?.length) {
    engine = new DuckDbEngine({ database: resolve(args.data, 'cache.duckdb'), series: [{ name: args.name ?? 'series', files: args.file.map((f) => resolve(f)), time: args.time, value: args.value, volume: args.volume ?? null }] });
  } else {
    const rows = Number(args.rows);
    if (!Number.isSafeInteger(rows) || rows < 10) throw new Error(`--rows must be an integer ≥ 10, got ${args.rows}`);
    const path = resolve(args.data, `sample-${rows}.parquet`);
    await ensureSample(path, rows, { log });
    sampleName = 'BTC-USD';
    engine = new DuckDbEngine({ database: resolve(args.data, 'cache.duckdb'), series: [{ name: sampleName, files: [path], time: 'time', value: 'price', volume: 'volume', live: !args['no-live'] }] });
  }
} else {
  throw new Error(`--engine must be duckdb or clickhouse, got ${args.engine}`);
}

const started = performance.now();
log(`tile server: opening ${args.engine} (roll-up levels are built once per dataset)…`);
await engine.open();
log(`tile server: ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

/** @type {Record<string, { name: string, max?: number }>} */
const apiKeys = {};
for (const entry of args['api-key'] ?? []) {
  const [key, max] = entry.split(':');
  apiKeys[key] = { name: `key:${key.slice(0, 4)}…`, ...(max ? { max: Number(max) } : {}) };
}
const app = await buildApp({
  engine,
  auth: { ...(Object.keys(apiKeys).length ? { apiKeys } : {}), ...(args['jwt-secret'] ? { jwtSecret: args['jwt-secret'] } : {}) },
  rateLimit: { max: rateMax, timeWindow: 60_000 },
  logger: false,
});

// The sample's live feed: one tick per second after the file's last row, continuing its shape.
if (sampleName && engine instanceof DuckDbEngine && !args['no-live']) {
  const s = /** @type {import('./query/window.mjs').SeriesInfo} */ (engine.get(sampleName));
  const origin = s.first;
  const feed = setInterval(() => {
    const now = Math.floor(Date.now() / 1000) * 1000;
    const time = [];
    const value = [];
    const volume = [];
    for (let t = s.last + 1000; t <= now && time.length < 3600; t += 1000) {
      time.push(t);
      value.push(samplePrice((t - origin) / 1000));
      volume.push(1 + ((t / 1000) % 50));
    }
    if (time.length) engine.append(sampleName, { time, value, volume }).catch((error) => log(`tile server: live feed: ${error.message}`));
  }, 1000);
  app.addHook('onClose', async () => clearInterval(feed));
}

const address = await app.listen({ port: Number(args.port), host: args.host });
log(`tile server: ${args.engine} on ${address}  ·  series: ${engine.list().map((s) => `${s.name} (${s.rows.toLocaleString('en')} rows)`).join(', ')}`);
log(`  GET ${address}/v1/series · ${address}/docs · ${address}/openapi.json`);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void app.close().then(() => process.exit(0)));
