#!/usr/bin/env node
// Tile server benchmark (issue 15). Starts the server (and ClickHouse) as child processes on
// loopback, then measures with the chart's own tile client (src/data/tiles via build/node):
//   1. pan/zoom: a scripted session of viewport changes; per change the time until every tile of
//      the view is held and merged (the data of the exact picture; GPU drawing is measured by the
//      other benchmarks), p50/p95, cold (empty LRU) and warm; bytes per viewport vs shipping the
//      raw rows of the view (16 bytes per row: time + value as float64).
//   2. load: C concurrent clients asking random tiles for D seconds: throughput, p50/p99,
//      errors, server RSS at start and end (flat = no leak).
// Writes bench/out/tiles.json and prints a Markdown table.
//
//   npm run bench:tiles -- [--engine duckdb|clickhouse|both] [--rows 100000000] [--ch-rows 1000000000]
//                          [--clients 16] [--seconds 20]
// DuckDB uses server/data/sample-<rows>.parquet (made on first run, as `npm run serve` does).
// ClickHouse: a clickhouse-server with its data under server/data/clickhouse-<rows>/ (kept between
// runs), filled by INSERT … SELECT from numbers() with the same price formula.
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from 'node:net';
import { TileSource, LruCache, tilesFor, cover, mergePieces, prefetchFor, tileWindow } from '../build/node/data/index.js';
import { startClickHouse } from '../test/server/clickhouse-process.mjs';
import { ClickHouseEngine } from '../server/engines/clickhouse.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    rows: { type: 'string', default: '100000000' },
    'ch-rows': { type: 'string', default: '1000000000' },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '20' },
    width: { type: 'string', default: '1200' },
  },
});
const WIDTH = Number(args.width);

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function rssOf(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}

/** Starts `node server/main.mjs …` and resolves when it listens. */
async function startServer(extra) {
  const port = await freePort();
  const child = spawn(process.execPath, [resolve(root, 'server/main.mjs'), '--port', String(port), '--no-live', '--rate', '100000000', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise((ok, fail) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stderr.write(chunk);
      if (out.includes(' on http://')) ok();
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, stop: () => new Promise((ok) => (child.once('exit', ok), child.kill('SIGTERM'))) };
}

/** A user session: zoom in step by step towards a point, pan, zoom out again. */
function session(info) {
  const views = [];
  let start = info.from;
  let end = info.to;
  const focus = info.from + (info.to - info.from) * 0.61;
  for (let k = 0; k < 14; k++) {
    views.push([start, end]);
    const span = (end - start) / 3;
    start = Math.max(info.from, focus - span / 2);
    end = Math.min(info.to, start + span);
  }
  const span = end - start;
  for (let k = 0; k < 10; k++) views.push([start + k * span * 0.2, end + k * span * 0.2]);
  for (let k = views.length - 1; k >= 0 && views.length < 40; k -= 3) views.push(views[k]);
  return views;
}

async function panZoom(url, series) {
  const source = new TileSource({ url: `${url}/v1/series/${series}`, cache: new LruCache(512, 256 * 1024 * 1024) });
  const info = await source.info();
  const views = session(info);
  let results = [];
  for (const [start, end] of views) {
    const keys = tilesFor(start, end, WIDTH, info.from, info.to);
    const bytesBefore = source.stats.bytes;
    const t0 = performance.now();
    const coarse = cover(keys, (id) => source.cache.peek(id));
    if (coarse.pieces.length) mergePieces(coarse.pieces);
    const tCoarse = performance.now() - t0;
    try {
      await Promise.all(keys.map((k) => source.load(k)));
    } catch (error) {
      // Counted, not fatal: a loaded machine can push a query past the server's time limit.
      results.push({ spanMs: end - start, tiles: keys.length, error: String(error.message ?? error) });
      continue;
    }
    const merged = mergePieces(cover(keys, (id) => source.cache.peek(id)).pieces);
    const ms = performance.now() - t0;
    const viewBytes = keys.reduce((sum, k) => sum + 8 * 2 * source.held(k).header.rows + 64, 0);
    // Raw rows of the view, as the server counted them per tile (visibleRows; the tiles span a
    // little more than the view): the naive alternative ships all of them.
    const rawRows = keys.reduce((sum, k) => sum + (source.held(k).header.visibleRows ?? 0), 0);
    results.push({ spanMs: end - start, tiles: keys.length, ms, coarseMs: tCoarse, cold: source.stats.bytes > bytesBefore, newBytes: source.stats.bytes - bytesBefore, viewBytes, rawRows, rawBytes: rawRows * 16, mergedRows: merged.time.length });
    // What the chart prefetches after settling (not timed: it happens while the user looks).
    await Promise.all(prefetchFor(keys, info.from, info.to).map((k) => source.load(k).catch(() => {})));
  }
  const failed = results.filter((r) => r.error);
  results = results.filter((r) => !r.error);
  const all = results.map((r) => r.ms);
  const cold = results.filter((r) => r.cold).map((r) => r.ms);
  const warm = results.filter((r) => !r.cold).map((r) => r.ms);
  return {
    rows: info.rows,
    viewports: results.length,
    failedViewports: failed.length,
    failures: failed,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    coldP50: percentile(cold, 50),
    coldP95: percentile(cold, 95),
    warmP50: percentile(warm, 50),
    warmP95: percentile(warm, 95),
    bytesPerViewport: results.reduce((s, r) => s + r.viewBytes, 0) / results.length,
    rawBytesPerViewport: results.reduce((s, r) => s + r.rawBytes, 0) / results.length,
    newBytesPerViewport: results.reduce((s, r) => s + r.newBytes, 0) / results.length,
    maxRowsDrawn: Math.max(...results.map((r) => r.mergedRows)),
    details: results,
  };
}

async function load(url, series, child, clients, seconds) {
  const info = await (await fetch(`${url}/v1/series/${series}`)).json();
  const latencies = [];
  let errors = 0;
  let bytes = 0;
  const rssStart = await rssOf(child.pid);
  const rssSamples = [rssStart];
  const sampler = setInterval(async () => rssSamples.push(await rssOf(child.pid)), 1000);
  const deadline = performance.now() + seconds * 1000;
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const worker = async () => {
    while (performance.now() < deadline) {
      // A random view: span from a minute to everything, anywhere in the series, at WIDTH px.
      const span = 60_000 * ((info.to - info.from) / 60_000) ** random();
      const start = info.from + random() * Math.max(0, info.to - info.from - span);
      const keys = tilesFor(start, start + span, WIDTH, info.from, info.to);
      const key = keys[Math.floor(random() * keys.length)];
      const { from, to, pixels } = tileWindow(key);
      const t0 = performance.now();
      try {
        const response = await fetch(`${url}/v1/series/${series}/window?from=${from}&to=${to}&pixels=${pixels}&format=binary`);
        const body = await response.arrayBuffer();
        if (!response.ok) errors++;
        bytes += body.byteLength;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssEnd = await rssOf(child.pid);
  return { clients, seconds: elapsed, requests: latencies.length, throughput: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, bytes, rssStartMB: rssStart / 1e6, rssEndMB: rssEnd / 1e6, rssMaxMB: Math.max(...rssSamples) / 1e6 };
}

async function prepareClickHouse(rows) {
  const dir = resolve(root, `server/data/clickhouse-${rows}`);
  await mkdir(dir, { recursive: true });
  const server = await startClickHouse({ dir, memoryBytes: 8_000_000_000 });
  const engine = new ClickHouseEngine({ url: server.url, series: [], timeoutMs: 3_600_000 });
  const [{ n }] = await engine.rows("SELECT toFloat64(count()) AS n FROM system.tables WHERE name = 'ticks_l26'");
  if (!n) {
    const end = Math.floor(Date.now() / 1000) * 1000;
    const start = end - (rows - 1) * 1000;
    console.error(`bench: loading ${rows.toLocaleString('en')} rows into ClickHouse (once)…`);
    const t0 = performance.now();
    await engine.command('DROP TABLE IF EXISTS ticks');
    // Partitioned by ~1 year of data and filled in slices of 50M rows: one INSERT of 1B rows makes
    // ~1000 parts faster than 2 cores merge them ("too many parts").
    await engine.command('CREATE TABLE ticks (time Int64, price Float64, volume Float64) ENGINE = MergeTree PARTITION BY intDiv(time, 34359738368) ORDER BY time');
    const SLICE = 50_000_000;
    for (let offset = 0; offset < rows; offset += SLICE) {
      const n = Math.min(SLICE, rows - offset);
      const k = `(number + ${offset})`;
      await engine.command(`INSERT INTO ticks SELECT toInt64(${start} + ${k} * 1000) AS time,
        30000 + 3000 * sin(${k} / 2e6) + 800 * sin(${k} / 170000 + 1) + 150 * sin(${k} / 9000 + 2) + 20 * sin(${k} / 500) + ((cityHash64(${k}) % 1000003) / 1000003.0 - 0.5) * 8 AS price,
        toFloat64(1 + cityHash64(${k} * 31 + 7) % 50) AS volume FROM numbers(${n})`);
      console.error(`bench: ${(offset + n).toLocaleString('en')} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    await engine.buildLevels('ticks', { time: 'time', value: 'price', volume: 'volume' });
    console.error(`bench: loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  await engine.close();
  return server;
}

const report = { date: new Date().toISOString(), width: WIDTH, engines: {} };
const engines = args.engine === 'both' ? ['duckdb', 'clickhouse'] : [args.engine];
for (const name of engines) {
  let ch = null;
  let server;
  let rows;
  if (name === 'duckdb') {
    rows = Number(args.rows);
    server = await startServer(['--rows', String(rows)]);
  } else {
    rows = Number(args['ch-rows']);
    ch = await prepareClickHouse(rows);
    server = await startServer(['--engine', 'clickhouse', '--clickhouse', ch.url, '--table', 'ticks', '--name', 'BTC-USD', '--time', 'time', '--value', 'price', '--volume', 'volume']);
  }
  try {
    const pz = await panZoom(server.url, 'BTC-USD');
    const ld = await load(server.url, 'BTC-USD', server.child, Number(args.clients), Number(args.seconds));
    report.engines[name] = { rows, panZoom: pz, load: ld };
  } finally {
    await server.stop();
    await ch?.stop();
  }
}

await mkdir(resolve(root, 'bench/out'), { recursive: true });
await writeFile(resolve(root, 'bench/out/tiles.json'), JSON.stringify(report, null, 2));
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
console.log(`\n| engine | rows | viewports | picture data p50 / p95 ms (cold p50 / p95, warm p50 / p95) | bytes/viewport | raw bytes/viewport | load: clients | req/s | p50 / p99 ms | errors | server RSS start → end (max) MB |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const [name, r] of Object.entries(report.engines)) {
  const p = r.panZoom;
  const l = r.load;
  console.log(`| ${name} | ${r.rows.toLocaleString('en')} | ${p.viewports} | ${f(p.p50)} / ${f(p.p95)} (${f(p.coldP50)} / ${f(p.coldP95)}, ${f(p.warmP50, 2)} / ${f(p.warmP95, 2)}) | ${f(p.bytesPerViewport / 1e3)} kB | ${f(p.rawBytesPerViewport / 1e6)} MB | ${l.clients} | ${f(l.throughput)} | ${f(l.p50)} / ${f(l.p99)} | ${l.errors} | ${f(l.rssStartMB, 0)} → ${f(l.rssEndMB, 0)} (${f(l.rssMaxMB, 0)}) |`);
}
