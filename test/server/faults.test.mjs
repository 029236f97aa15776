// Faults: the engine down (closed, or a ClickHouse that does not answer), a query past its time
// limit, a client that drops the live stream, a huge range.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { buildApp } from '../../server/app.mjs';
import { DuckDbEngine } from '../../server/engines/duckdb.mjs';
import { ClickHouseEngine } from '../../server/engines/clickhouse.mjs';
import { fixtureRows, writeParquet } from './fixtures.mjs';

describe('faults', () => {
  let dir;
  let path;
  before(async () => {
    ({ dir, path } = await writeParquet(fixtureRows(5000)));
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const open = (options = {}) => new DuckDbEngine({ series: [{ name: 'A', files: [path], time: 'time', value: 'price', volume: 'volume', live: true }], ...options }).open();

  it('answers 503 engine-down when DuckDB is gone, and the health check says so', async () => {
    const engine = await open();
    const app = await buildApp({ engine, rateLimit: false });
    assert.equal((await app.inject({ url: '/v1/health' })).statusCode, 200);
    await engine.close();
    const response = await app.inject({ url: '/v1/series/A/window?from=0&to=100000000000000&pixels=10' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json().code, 'engine-down');
    assert.match(response.json().message, /duckdb is unavailable/);
    assert.equal((await app.inject({ url: '/v1/health' })).statusCode, 503);
    engine.close = async () => {};
    await app.close();
  });

  it('answers 503 engine-down when ClickHouse does not answer (nothing listening)', async () => {
    const engine = new ClickHouseEngine({ url: 'http://127.0.0.1:9', series: [] });
    engine.catalog.set('A', { name: 'A', table: 'ticks', time: 'time', value: 'price', volume: null, levels: [], rows: 1, first: 0, last: 10, immutableUntil: 10, live: false, version: 'v' });
    const app = await buildApp({ engine, rateLimit: false });
    const response = await app.inject({ url: '/v1/series/A/window?from=0&to=1000&pixels=10' });
    assert.equal(response.statusCode, 503, response.body);
    assert.equal(response.json().code, 'engine-down');
    assert.match(response.json().message, /clickhouse is unavailable/);
    await app.close();
  });

  it('stops a query past the time limit with 504 and advice', async () => {
    const engine = await open();
    engine.timeoutMs = 1;
    const slow = engine.query.bind(engine);
    // A query that cannot finish in 1 ms, through the same path as window queries.
    engine.query = (sql, values, signal) => (sql.startsWith('SELECT c,') ? slow('SELECT count(*) AS n FROM range(200000000)', undefined, signal) : slow(sql, values, signal));
    const app = await buildApp({ engine, rateLimit: false });
    const response = await app.inject({ url: '/v1/series/A/window?from=0&to=100000000000000&pixels=10' });
    assert.equal(response.statusCode, 504, response.body);
    assert.equal(response.json().code, 'timeout');
    assert.match(response.json().message, /longer than 1 ms \(ask for a tile-aligned window/);
    engine.timeoutMs = 30_000;
    await app.close();
  });

  it('stops polling the engine when a live-tail client drops the connection mid-stream', async () => {
    const engine = await open();
    let polls = 0;
    const query = engine.query.bind(engine);
    engine.query = (sql, values, signal) => {
      if (sql.includes(' > $since')) polls++;
      return query(sql, values, signal);
    };
    const app = await buildApp({ engine, rateLimit: false, tailPollMs: 20 });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${address}/v1/series/A/tail`, { signal: controller.signal });
    const reader = response.body.getReader();
    await reader.read();
    for (let waited = 0; polls < 2 && waited < 10_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
    assert.ok(polls >= 2, `polled while connected (${polls})`);
    controller.abort();
    await new Promise((r) => setTimeout(r, 300));
    const after = polls;
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(polls <= after + 1, `stopped polling after the client left (${after} → ${polls})`);
    await app.close();
  });

  it('sends engine failures on the live stream as error events and keeps the stream open', async () => {
    const engine = await open();
    const app = await buildApp({ engine, rateLimit: false, tailPollMs: 20 });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const query = engine.query.bind(engine);
    let fail = true;
    engine.query = (sql, values, signal) => (fail ? Promise.reject(new Error('disk on fire')) : query(sql, values, signal));
    const controller = new AbortController();
    const response = await fetch(`${address}/v1/series/A/tail?since=0`, { signal: controller.signal });
    const reader = response.body.getReader();
    let text = '';
    while (!text.includes('event: error')) text += new TextDecoder().decode((await reader.read()).value);
    assert.match(text, /event: error\ndata: \{"code":"internal","message":"disk on fire"\}/);
    fail = false;
    while (!text.includes('event: rows')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await app.close();
  });

  it('answers huge ranges with aggregates, never with all the rows', async () => {
    const engine = await open();
    const app = await buildApp({ engine, rateLimit: false, maxRawRows: 100 });
    const m4 = await app.inject({ url: '/v1/series/A/window?from=-100000000000000&to=100000000000000&pixels=50' });
    assert.equal(m4.statusCode, 200);
    assert.ok(m4.json().rows <= 4 * 50 + 2);
    const raw = await app.inject({ url: '/v1/series/A/window?from=-100000000000000&to=100000000000000&agg=raw' });
    assert.equal(raw.statusCode, 413);
    await app.close();
  });
});
