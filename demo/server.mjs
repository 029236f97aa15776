// Serves the repository root for the demo (demo/, cdn/, presets/) on localhost, no dependencies.
//   node demo/server.mjs [--port 4318] [--quiet] [--allow-node-modules] [--isolated]
// --allow-node-modules also serves /node_modules/ (the peer benchmark loads other libraries from it).
import { createServer } from 'node:http';
import { watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? 4318));
const quiet = args.includes('--quiet');
const allowNodeModules = args.includes('--allow-node-modules');
// Cross-origin isolation gives benchmarks 5 µs timers instead of 100 µs (performance.now()).
const isolated = args.includes('--isolated');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.toml': 'application/toml; charset=utf-8',
  '.wgsl': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

// Server-sent events: config files changed on disk (presets/, demo/config/). Charts with
// `config-events="/__events"` refetch their config-src when told, so editing a file updates them.
const eventClients = new Set();
for (const dir of ['presets', 'demo/config']) {
  try {
    watch(join(root, dir), (_event, filename) => {
      const data = JSON.stringify({ path: `${dir}/${filename ?? ''}` });
      for (const client of eventClients) client.write(`event: change\ndata: ${data}\n\n`);
    });
  } catch {
    // A missing folder simply sends no events.
  }
}
const keepAlive = setInterval(() => {
  for (const client of eventClients) client.write(': keep-alive\n\n');
}, 15_000);
keepAlive.unref();

const server = createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path === '/__events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      response.write(': connected\n\n');
      eventClients.add(response);
      request.on('close', () => eventClients.delete(response));
      return;
    }
    if (path === '/') {
      response.writeHead(302, { location: '/demo/index.html' });
      response.end();
      return;
    }
    // Slow responses for the loading-state demo: /slow/demo/data/x.csv trickles the file out.
    const slow = path.startsWith('/slow/');
    if (slow) path = path.slice(5);
    // /docs/ is the built documentation site (npm run docs → build/docs/), not the Markdown sources.
    const docsSite = path === '/docs' || path.startsWith('/docs/');
    if (docsSite) {
      if (path === '/docs' || path.endsWith('/')) path = `${path.replace(/\/?$/, '/')}index.html`;
      path = `/build${path}`;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || (!allowNodeModules && file.includes('node_modules'))) throw Object.assign(new Error('forbidden'), { status: 403 });
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw Object.assign(new Error(docsSite ? 'not found (build the documentation site with `npm run docs`)' : 'not found'), { status: 404 });
    const body = await readFile(file);
    const etag = `"${info.size.toString(36)}-${info.mtimeMs.toString(36)}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'last-modified': info.mtime.toUTCString(),
      etag,
      ...(isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
    };
    response.writeHead(200, headers);
    if (!slow) {
      response.end(body);
      return;
    }
    const chunk = Math.ceil(body.length / 20);
    for (let offset = 0; offset < body.length; offset += chunk) {
      response.write(body.subarray(offset, offset + chunk));
      await new Promise((r) => setTimeout(r, 100));
    }
    response.end();
  } catch (error) {
    const status = error.status ?? 500;
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(`${status} ${error.message}`);
  }
});

server.listen(port, '127.0.0.1', () => {
  if (!quiet) console.log(`gpu-charts demo: http://localhost:${port}/demo/index.html (documentation: /docs/)`);
});
