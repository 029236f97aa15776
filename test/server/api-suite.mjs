// The API tests, run unchanged against DuckDB (duckdb.test.mjs) and ClickHouse (clickhouse.test.mjs).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { M4Decimator, MinMaxPyramid, GAP } from '../../build/node/data/index.js';
import { decodeWindow } from '../../build/node/data/tiles/index.js';

/**
 * The client's M4 (src/data/lod/m4.ts) over the stored rows: what the server must answer.
 * @param {{ time: Float64Array, value: Float64Array }} rows
 */
export function referenceM4(rows, from, to, pixels) {
  const decimator = new M4Decimator();
  const result = decimator.decimate(rows.time, rows.value, rows.time.length, new MinMaxPyramid(rows.value), from, to, pixels);
  const time = [];
  const value = [];
  for (let k = 0; k < result.count; k++) {
    const i = result.indices[k];
    if (i === GAP) continue;
    time.push(rows.time[i]);
    value.push(rows.value[i]);
  }
  return { time, value, mode: result.mode };
}

/** Bars of whole buckets of `bucketMs` over [from, to], computed in JS from the rows. */
export function referenceOhlc(rows, from, to, bucketMs) {
  const start = Math.floor(from / bucketMs) * bucketMs;
  const end = (Math.floor(to / bucketMs) + 1) * bucketMs;
  const bars = new Map();
  for (let i = 0; i < rows.time.length; i++) {
    const t = rows.time[i];
    if (t < start || t >= end) continue;
    const b = Math.floor(t / bucketMs) * bucketMs;
    const v = rows.value[i];
    const bar = bars.get(b);
    if (!bar) bars.set(b, { time: b, open: v, high: v, low: v, close: v, volume: rows.volume[i] });
    else {
      bar.high = Math.max(bar.high, v);
      bar.low = Math.min(bar.low, v);
      bar.close = v;
      bar.volume += rows.volume[i];
    }
  }
  return [...bars.values()];
}

/**
 * @param {string} label
 * @param {() => Promise<{ app: import('fastify').FastifyInstance, series: string, append(rows: { time: number[], value: number[], volume: number[] }): Promise<void>, sql: string[], readAll(): Promise<Record<string, number>[]> }>} setup
 */
export function apiSuite(label, setup) {
  describe(`tile API over ${label}`, () => {
    /** @type {Awaited<ReturnType<typeof setup>>} */
    let ctx;
    /** Rows as the engine stores them (read back raw), the reference for every comparison. */
    let stored;
    let info;
    const get = (url, headers = {}) => ctx.app.inject({ method: 'GET', url, headers });
    const windowUrl = (params) => `/v1/series/${ctx.series}/window?${new URLSearchParams(params)}`;

    before(async () => {
      ctx = await setup();
      info = (await get(`/v1/series/${ctx.series}`)).json();
      const rows = await ctx.readAll();
      stored = { time: Float64Array.from(rows, (r) => r.t), value: Float64Array.from(rows, (r) => r.v), volume: Float64Array.from(rows, (r) => r.volume) };
    });
    after(async () => ctx?.app.close());

    it('publishes its OpenAPI 3.1 contract, generated from the route schemas, and a docs page', async () => {
      const doc = (await get('/openapi.json')).json();
      assert.equal(doc.openapi, '3.1.0');
      const window = doc.paths['/v1/series/{name}/window'].get;
      const names = window.parameters.map((p) => p.name).sort();
      assert.deepEqual(names, ['agg', 'format', 'from', 'name', 'pixels', 'timeframe', 'to']);
      assert.equal(window.parameters.find((p) => p.name === 'pixels').schema.maximum, 4096);
      assert.ok(doc.paths['/v1/series'].get && doc.paths['/v1/series/{name}/tail'].get);
      assert.ok(doc.components.schemas.Error || JSON.stringify(doc).includes('window-too-large'));
      const docs = await get('/docs/');
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger/i);
    });

    it('lists the series with columns, row count and time range', async () => {
      const response = await get('/v1/series');
      assert.equal(response.statusCode, 200);
      const [s] = response.json().series;
      assert.equal(s.name, ctx.series);
      assert.deepEqual(s.columns, ['time', 'value', 'volume']);
      assert.equal(s.rows, stored.time.length);
      assert.equal(s.from, stored.time[0]);
      assert.equal(s.to, stored.time[stored.time.length - 1]);
      assert.deepEqual(s.levels, [2 ** 14, 2 ** 18, 2 ** 22, 2 ** 26]);
    });

    it('answers M4 exactly as the chart computes it: aligned tiles (roll-ups), unaligned and small windows', async () => {
      const first = stored.time[0];
      const last = stored.time[stored.time.length - 1];
      const w18 = 2 ** 18;
      const alignedFrom = Math.floor(first / w18) * w18;
      const cases = [
        { from: first, to: last, pixels: 300 }, // whole series, unaligned: raw rows grouped in SQL
        { from: alignedFrom, to: alignedFrom + 256 * w18, pixels: 256 }, // a tile on the 2^18 grid: roll-up level
        { from: alignedFrom + 64 * 2 ** 14, to: alignedFrom + 64 * 2 ** 14 + 256 * 2 ** 14, pixels: 256 }, // 2^14 tile
        { from: first + 1_000_000, to: first + 1_000_000 + 5 * 3_600_000, pixels: 1000 }, // crosses a gap? not necessarily
        { from: first + 12_345, to: first + 40_000, pixels: 500 }, // ≤ 4 per column: raw mode
        { from: first + 2_000_000, to: first + 6_000_000, pixels: 900 }, // ~4 rows per column: columns of ≤ 4 keep every row
        { from: last - 600_000, to: last + 3_600_000, pixels: 97 }, // past the end: no neighbour after
        { from: first - 3_600_000, to: first + 300_000, pixels: 64 }, // before the start
        { from: 20_000 * 1000 + first - 3_000_000, to: 20_000 * 1000 + first + 12 * 3_600_000, pixels: 777 }, // across the 3-hour gap
      ];
      for (const c of cases) {
        ctx.sql.length = 0;
        const response = await get(windowUrl({ ...c, agg: 'm4' }));
        // Tiles on the power-of-two grid read a roll-up level, not the raw rows.
        if (c.pixels === 256) assert.match(ctx.sql.join('\n'), c.to - c.from === 256 * w18 ? /_l18\b/ : /_l14\b/, 'roll-up level used');
        assert.equal(response.statusCode, 200, `${JSON.stringify(c)}: ${response.body}`);
        const body = response.json();
        const expected = referenceM4(stored, c.from, c.to, c.pixels);
        assert.equal(body.mode, expected.mode, `mode of ${JSON.stringify(c)}`);
        assert.deepEqual(body.columns.time, expected.time, `times of ${JSON.stringify(c)}`);
        assert.deepEqual(body.columns.value, expected.value, `values of ${JSON.stringify(c)}`);
        assert.ok(body.rows <= 4 * c.pixels + 2, `at most 4 rows per column (+2 neighbours): ${body.rows}`);
      }
    });

    it('answers OHLC bars per timeframe and per pixel width, equal to bars computed from the rows', async () => {
      const first = stored.time[0];
      for (const [params, bucketMs] of /** @type {[Record<string, any>, number | null][]} */ ([
        [{ timeframe: '1m' }, 60_000],
        [{ timeframe: '1h' }, 3_600_000],
        [{ pixels: 200 }, null],
      ])) {
        const from = first + 777_777;
        const to = first + 30_000_000;
        const response = await get(windowUrl({ from, to, agg: 'ohlc', ...params }));
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        const bucket = bucketMs ?? body.bucketMs;
        if (!bucketMs) {
          assert.equal(Math.log2(bucket) % 1, 0, 'pixel-derived buckets are powers of two ms');
          assert.ok(((to - from) / bucket) * 3 <= 200 * 1.0001, 'at least 3 px per bar');
        }
        const expected = referenceOhlc(stored, from, to, bucket);
        assert.deepEqual(body.columns.time, expected.map((b) => b.time));
        for (const key of ['open', 'high', 'low', 'close']) assert.deepEqual(body.columns[key], expected.map((b) => b[key]), key);
        body.columns.volume.forEach((v, i) => assert.ok(Math.abs(v - expected[i].volume) < 1e-6, 'volume'));
      }
    });

    it('sends the same window as binary columns (by format or Accept) and as JSON', async () => {
      const params = { from: info.from, to: info.to, pixels: 123 };
      const json = (await get(windowUrl(params))).json();
      for (const response of [await get(windowUrl({ ...params, format: 'binary' })), await get(windowUrl(params), { accept: 'application/vnd.gpu-charts.columns' })]) {
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers['content-type'], 'application/vnd.gpu-charts.columns');
        const decoded = decodeWindow(new Uint8Array(response.rawPayload).slice().buffer);
        assert.equal(decoded.header.rows, json.rows);
        assert.equal(decoded.header.mode, json.mode);
        assert.deepEqual(Array.from(decoded.columns.time), json.columns.time);
        assert.deepEqual(Array.from(decoded.columns.value), json.columns.value);
        assert.ok(response.rawPayload.length < JSON.stringify(json).length, 'binary is smaller than JSON');
      }
    });

    it('marks windows before the newest row immutable (ETag, Cache-Control) and answers 304; later windows are not cached', async () => {
      const url = windowUrl({ from: info.from, to: info.from + 3_600_000, pixels: 100 });
      const first = await get(url);
      assert.match(first.headers['cache-control'], /immutable/);
      assert.ok(first.headers.etag);
      const again = await get(url, { 'if-none-match': first.headers.etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      const other = await get(url, { 'if-none-match': '"something-else"' });
      assert.equal(other.statusCode, 200);
      const live = await get(windowUrl({ from: info.to - 60_000, to: info.to + 60_000, pixels: 100 }));
      assert.equal(live.headers['cache-control'], 'no-store');
      assert.equal(live.headers.etag, undefined);
    });

    it('refuses bad parameters with 400 naming the parameter, and unknown series with 404', async () => {
      /** @type {[Record<string, any>, string, RegExp][]} */
      const cases = [
        [{ to: 10, pixels: 5 }, 'from', /missing parameter "from"/],
        [{ from: 10, to: 5, pixels: 5 }, 'to', /must be greater than "from"/],
        [{ from: 0, to: 5, pixels: 0 }, 'pixels', /pixels must be >= 1/],
        [{ from: 0, to: 5, pixels: 5000 }, 'pixels', /pixels must be <= 4096/],
        [{ from: 0.5, to: 5, pixels: 5 }, 'from', /from must be integer/],
        [{ from: 'abc', to: 5, pixels: 5 }, 'from', /from must be integer/],
        [{ from: 1e15, to: 2e15, pixels: 5 }, 'from', /from must be <= /],
        [{ from: 0, to: 5, pixels: 5, agg: 'sum' }, 'agg', /agg must be equal to one of the allowed values/],
        [{ from: 0, to: 5, agg: 'm4' }, 'pixels', /needs "pixels"/],
        [{ from: 0, to: 5, agg: 'ohlc' }, 'timeframe', /needs "timeframe"/],
        [{ from: 0, to: 5, agg: 'ohlc', timeframe: '1M' }, 'timeframe', /timeframe must match pattern/],
        [{ from: 0, to: 5, pixels: 5, format: 'xml' }, 'format', /format must be equal to one of/],
        [{ from: 0, to: 5, pixels: 5, limit: 5 }, 'limit', /unknown parameter "limit"/],
      ];
      for (const [params, param, message] of cases) {
        const response = await get(windowUrl(params));
        assert.equal(response.statusCode, 400, `${JSON.stringify(params)} → ${response.body}`);
        const body = response.json();
        assert.equal(body.code, 'invalid-parameter');
        assert.equal(body.param, param, JSON.stringify(params));
        assert.match(body.message, message);
      }
      const missing = await get('/v1/series/NOPE/window?from=0&to=5&pixels=5');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.json().message, /no series "NOPE"/);
      const badName = await get(`/v1/series/${encodeURIComponent("x'; DROP TABLE t; --")}/window?from=0&to=5&pixels=5`);
      assert.equal(badName.statusCode, 400);
      assert.equal(badName.json().param, 'name');
    });

    it('refuses windows too large for the aggregation asked (413) instead of shipping them', async () => {
      const raw = await get(windowUrl({ from: info.from, to: info.to, agg: 'raw' }));
      assert.equal(raw.statusCode, 413);
      assert.equal(raw.json().code, 'window-too-large');
      assert.match(raw.json().message, /more than 1000 rows: ask for agg=m4/);
      const bars = await get(windowUrl({ from: 0, to: 9e13, agg: 'ohlc', timeframe: '1s' }));
      assert.equal(bars.statusCode, 413);
      assert.match(bars.json().message, /bars of 1000 ms, more than 20000/);
    });

    it('streams the live tail as server-sent events, resuming after Last-Event-ID', async () => {
      const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
      const controller = new AbortController();
      const response = await fetch(`${address}/v1/series/${ctx.series}/tail?since=${info.to}`, { signal: controller.signal });
      assert.equal(response.headers.get('content-type'), 'text/event-stream');
      const reader = response.body.getReader();
      const next = info.to + 1000;
      await ctx.append({ time: [next, next + 1000], value: [1.5, 2.5], volume: [3, 4] });
      let text = '';
      while (!/event: rows[\s\S]*\n\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      controller.abort();
      const data = JSON.parse(/event: rows\nid: (\d+)\ndata: (.*)\n/.exec(text)[2]);
      assert.deepEqual(data, { time: [next, next + 1000], value: [1.5, 2.5], volume: [3, 4] });
      assert.match(text, new RegExp(`id: ${next + 1000}`));
      // Resuming: rows after the last id only.
      const resumed = new AbortController();
      const again = await fetch(`${address}/v1/series/${ctx.series}/tail`, { signal: resumed.signal, headers: { 'last-event-id': String(next) } });
      const r2 = again.body.getReader();
      let t2 = '';
      while (!/event: rows[\s\S]*\n\n/.test(t2)) t2 += new TextDecoder().decode((await r2.read()).value);
      resumed.abort();
      assert.deepEqual(JSON.parse(/data: (.*)\n/.exec(t2.slice(t2.indexOf('event: rows')))[1]).time, [next + 1000]);
    });

    it('puts nothing from a request into SQL but checked integers (hostile parameters never reach the engine)', async () => {
      const hostile = ["1; DROP TABLE x", "1' OR '1'='1", '1e3', '0x10', '1 UNION SELECT 1', "'; SELECT sleep(3); --", '9'.repeat(30), '-0', ' 5', '5 ', '1/**/', '\\', '%00'];
      ctx.sql.length = 0;
      for (const payload of hostile) {
        for (const param of ['from', 'to', 'pixels', 'timeframe', 'agg', 'format']) {
          const params = { from: 0, to: 100_000, pixels: 10, [param]: payload };
          const response = await get(`/v1/series/${ctx.series}/window?${new URLSearchParams(/** @type {any} */ (params))}`);
          const sent = ctx.sql.join('\n');
          if (response.statusCode === 200) {
            // Coerced to a number ("-0" → 0, " 5" → 5): fine, as long as no text got through.
            assert.ok(!sent.includes(payload.trim()) || /^-?\d+$/.test(payload.trim()), `${param}=${payload} reached SQL`);
          } else {
            assert.equal(response.statusCode, 400, `${param}=${payload}: ${response.body}`);
          }
          assert.ok(!/DROP|UNION|sleep|OR '1'/i.test(sent), `${param}=${payload} reached SQL: ${sent}`);
        }
      }
      // Every SQL text the server sent is made of keywords, identifiers, integers and operators.
      for (const sql of ctx.sql) assert.doesNotMatch(sql, /'|--|\/\*|;/, sql);
      // The data is still all there.
      assert.equal((await get('/v1/series')).json().series[0].rows >= stored.time.length, true);
    });
  });
}
