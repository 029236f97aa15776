import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { loadUrl } from '../../build/node/data/index.js';
import { rejectsDataError } from './helpers.mjs';

const CSV = 'time,value\n1700000000000,1.5\n1700000060000,2.5\n1700000120000,3.5\n';
const JSON_BODY = JSON.stringify([{ time: '2024-03-05T00:00:00Z', value: 1 }, { time: '2024-03-06T00:00:00Z', value: null }]);

/** Routes: path → (req, res). Bodies that should show progress are written in several chunks. */
const routes = {
  '/data.csv': (req, res) => {
    const bytes = Buffer.from(CSV);
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': bytes.length });
    writeInChunks(res, bytes, 3);
  },
  '/api/series': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON_BODY);
  },
  '/plain': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`  \n${JSON.stringify({ data: { t: [1, 2], v: [3, 4] } })}`);
  },
  '/plain.json': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('{"time":[1],"v":[2]}');
  },
  '/untyped': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end('time;v\n1;2\n');
  },
  '/missing.csv': (req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not here');
  },
  '/broken.csv': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end('time,open,close\n1,2,3\n2,3,x4\n');
  },
  '/index.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>app</title>');
  },
  '/utf8.csv': (req, res) => {
    // "température" has a two-byte é; the split lands inside it.
    const bytes = Buffer.from('time,température\n1,2\n');
    const split = bytes.indexOf(0xc3) + 1;
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': bytes.length });
    res.write(bytes.subarray(0, split));
    setTimeout(() => res.end(bytes.subarray(split)), 10);
  },
  '/gzip.csv': (req, res) => {
    const body = gzipSync(CSV);
    res.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip', 'content-length': body.length });
    res.end(body);
  },
  '/slow.csv': (req, res) => {
    // Sends a first chunk, then never finishes: only an abort ends this load.
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 1_000_000 });
    res.write('time,value\n1,2\n');
  },
};

function writeInChunks(res, bytes, count) {
  const size = Math.ceil(bytes.length / count);
  let offset = 0;
  const next = () => {
    const chunk = bytes.subarray(offset, offset + size);
    offset += size;
    if (offset >= bytes.length) res.end(chunk);
    else {
      res.write(chunk);
      setTimeout(next, 10); // separate reads on the client
    }
  };
  next();
}

let server;
let base;

before(async () => {
  server = createServer((req, res) => {
    const route = routes[new URL(req.url, 'http://x').pathname];
    if (route) route(req, res);
    else {
      res.writeHead(500);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(/** @type {import('node:net').AddressInfo} */ (server.address())).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

test('CSV with content-length: progress per chunk, total known, values parsed', async () => {
  const progress = [];
  const result = await loadUrl(`${base}/data.csv`, { onProgress: (loaded, total) => progress.push([loaded, total]) });
  assert.deepEqual([...result.data.time], [1700000000000, 1700000060000, 1700000120000]);
  assert.deepEqual([...result.data.columns.value], [1.5, 2.5, 3.5]);
  const length = Buffer.byteLength(CSV);
  assert.ok(progress.length >= 2, `expected several progress calls, got ${JSON.stringify(progress)}`);
  assert.ok(progress.every(([, total]) => total === length));
  assert.ok(progress.every(([loaded], i) => i === 0 || loaded > progress[i - 1][0]), 'loaded grows');
  assert.deepEqual(progress.at(-1), [length, length]);
});

test('JSON chosen by content-type; nonFinite reported; total null without content-length', async () => {
  const progress = [];
  const result = await loadUrl(`${base}/api/series`, { onProgress: (loaded, total) => progress.push([loaded, total]) });
  assert.deepEqual([...result.data.time], [Date.UTC(2024, 2, 5), Date.UTC(2024, 2, 6)]);
  assert.deepEqual([...result.data.columns.value], [1, NaN]);
  assert.deepEqual(result.nonFinite, { count: 1, firstRow: 1, firstColumn: 'value' });
  assert.deepEqual(progress.at(-1), [Buffer.byteLength(JSON_BODY), null]);
});

test('format from the extension, then from the text; the option overrides both', async () => {
  assert.deepEqual([...(await loadUrl(`${base}/plain.json?x=1#y`)).data.columns.v], [2]);
  assert.deepEqual([...(await loadUrl(`${base}/plain`)).data.columns.v], [3, 4]); // text/plain, no extension: sniffed "{"
  assert.deepEqual([...(await loadUrl(`${base}/untyped`)).data.columns.v], [2]); // sniffed CSV, ";" detected
  await rejectsDataError(loadUrl(`${base}/plain.json`, { format: 'csv' }), { code: 'malformed-csv', line: 1 }); // JSON read as CSV
});

test('HTTP errors name the status and URL', async () => {
  const url = `${base}/missing.csv`;
  await rejectsDataError(loadUrl(url), { code: 'http', value: 404, source: url, message: `HTTP 404 Not Found loading ${url}` });
});

test('parse errors carry the URL as source and the CSV line', async () => {
  const url = `${base}/broken.csv`;
  await rejectsDataError(loadUrl(url), { code: 'invalid-number', source: url, row: 1, line: 3, column: 'close', value: 'x4', message: 'line 3, column "close": "x4" is not a number' });
});

test('an HTML page (a dev server fallback) is unsupported-format, not a CSV error', async () => {
  const url = `${base}/index.html`;
  await rejectsDataError(loadUrl(url), { code: 'unsupported-format', source: url, message: /returned an HTML page \(content-type text\/html\)/ });
});

test('UTF-8 split across chunks decodes correctly', async () => {
  const result = await loadUrl(`${base}/utf8.csv`);
  assert.deepEqual(Object.keys(result.data.columns), ['température']);
});

test('gzip: the decompressed body is parsed and no misleading total is reported', async () => {
  const progress = [];
  const result = await loadUrl(`${base}/gzip.csv`, { onProgress: (loaded, total) => progress.push([loaded, total]) });
  assert.deepEqual([...result.data.columns.value], [1.5, 2.5, 3.5]);
  assert.ok(progress.every(([, total]) => total === null));
  assert.equal(progress.at(-1)[0], Buffer.byteLength(CSV));
});

test('abort mid-stream rejects with code aborted', async () => {
  const controller = new AbortController();
  const progress = [];
  const url = `${base}/slow.csv`;
  const error = await rejectsDataError(
    loadUrl(url, {
      signal: controller.signal,
      onProgress: (loaded, total) => {
        progress.push([loaded, total]);
        controller.abort();
      },
    }),
    { code: 'aborted', source: url, message: `loading ${url} was aborted` },
  );
  assert.deepEqual(progress, [[Buffer.byteLength('time,value\n1,2\n'), 1_000_000]]);
  assert.ok(error.cause !== undefined);
});

test('an already aborted signal, and a timeout, reject with code aborted', async () => {
  let called = false;
  const fetchImpl = async () => {
    called = true;
    throw new Error('should not fetch');
  };
  await rejectsDataError(loadUrl(`${base}/data.csv`, { signal: AbortSignal.abort(), fetchImpl }), { code: 'aborted' });
  assert.equal(called, false);
  await rejectsDataError(loadUrl(`${base}/slow.csv`, { signal: AbortSignal.timeout(50) }), { code: 'aborted', message: /was aborted \(timed out\)$/ });
});

test('a refused connection is a network error', async () => {
  const closed = createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', /** @type {() => void} */ (resolve)));
  const url = `http://127.0.0.1:${(/** @type {import('node:net').AddressInfo} */ (closed.address())).port}/data.csv`;
  await /** @type {Promise<void>} */ (new Promise((resolve) => closed.close(() => resolve())));
  await rejectsDataError(loadUrl(url), { code: 'network', source: url, message: new RegExp(`^could not load ${url.replace(/[.]/g, '\\.')}: fetch failed \\(.*ECONNREFUSED`) });
});

test('fetchImpl is used instead of the global fetch', async () => {
  const seen = [];
  const fetchImpl = async (url, init) => {
    seen.push([url, init.signal]);
    return new Response('time,v\n1,2\n', { status: 200, headers: { 'content-type': 'text/csv' } });
  };
  const signal = new AbortController().signal;
  const result = await loadUrl('memory://series', { fetchImpl, signal });
  assert.deepEqual([...result.data.columns.v], [2]);
  assert.deepEqual(seen, [['memory://series', signal]]);
  await rejectsDataError(loadUrl('memory://x', { fetchImpl: async () => new Response('', { status: 503, statusText: 'Service Unavailable' }) }), {
    code: 'http',
    value: 503,
    message: 'HTTP 503 Service Unavailable loading memory://x',
  });
  await rejectsDataError(loadUrl('memory://x', { fetchImpl: async () => new Response('') }), { code: 'empty', source: 'memory://x' });
});
