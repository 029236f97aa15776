// Serves the repository root for the demo (demo/, cdn/, presets/) on localhost, no dependencies.
//   node demo/server.mjs [--port 4318] [--quiet] [--allow-node-modules]
// --allow-node-modules also serves /node_modules/ (the peer benchmark loads other libraries from it).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? 4318));
const quiet = args.includes('--quiet');
const allowNodeModules = args.includes('--allow-node-modules');

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
};

const server = createServer(async (request, response) => {
  try {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (path === '/') {
      response.writeHead(302, { location: '/demo/index.html' });
      response.end();
      return;
    }
    // Slow responses for the loading-state demo: /slow/demo/data/x.csv trickles the file out.
    const slow = path.startsWith('/slow/');
    if (slow) path = path.slice(5);
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || (!allowNodeModules && file.includes('node_modules'))) throw Object.assign(new Error('forbidden'), { status: 403 });
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw Object.assign(new Error('not found'), { status: 404 });
    const body = await readFile(file);
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-cache',
      'last-modified': info.mtime.toUTCString(),
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
  if (!quiet) console.log(`gpu-charts demo: http://localhost:${port}/demo/index.html`);
});
