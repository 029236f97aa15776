// A web-test-runner plugin that runs a real tile server (server/, DuckDB over a small Parquet
// fixture) on loopback for test/browser/tiles.test.js, with control routes on the test server:
//   GET /__tiles/info            → { url, series, from, to }
//   GET /__tiles/fault?status=N  → the tile server answers N to every /v1 request (0: off)
//   GET /__tiles/append?n=K      → K live rows appended after the last one
import { rm } from 'node:fs/promises';
import { buildApp } from '../../server/app.mjs';
import { DuckDbEngine } from '../../server/engines/duckdb.mjs';
import { fixtureRows, writeParquet } from '../server/fixtures.mjs';

export function tileServerPlugin() {
  let app = null;
  let engine = null;
  let dir = null;
  let url = null;
  let fault = 0;
  const requests = { count: 0 };
  return {
    name: 'tile-server',
    async serverStart() {
      const file = await writeParquet(fixtureRows(50_000));
      dir = file.dir;
      engine = await new DuckDbEngine({ series: [{ name: 'TEST', files: [file.path], time: 'time', value: 'price', volume: 'volume', live: true }] }).open();
      app = await buildApp({ engine, rateLimit: false, tailPollMs: 100 });
      app.addHook('onRequest', async (request, reply) => {
        if (!request.url.startsWith('/v1/')) return;
        requests.count++;
        if (fault) return reply.code(fault).send({ statusCode: fault, error: 'Fault', code: 'engine-down', message: `injected fault ${fault}` });
      });
      url = await app.listen({ port: 0, host: '127.0.0.1' });
    },
    async serverStop() {
      await app?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
    async serve(context) {
      if (!context.path.startsWith('/__tiles/')) return undefined;
      const params = new URL(context.request.href, 'http://x').searchParams;
      const s = engine.get('TEST');
      if (context.path === '/__tiles/fault') fault = Number(params.get('status') ?? 0);
      if (context.path === '/__tiles/append') {
        const n = Number(params.get('n') ?? 1);
        const time = Array.from({ length: n }, (_, i) => s.last + 1000 * (i + 1));
        await engine.append('TEST', { time, value: time.map((_, i) => 100 + i), volume: time.map(() => 1) });
      }
      return { body: JSON.stringify({ url, series: 'TEST', from: s.first, to: s.last, requests: requests.count, fault }), type: 'application/json' };
    },
  };
}
