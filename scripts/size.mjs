// Bundle sizes, brotli-compressed the way a CDN serves them (node:zlib, quality 11): the CDN entry
// and its lazy chunks, the core entry as an app bundler pulls it in from dist/, and the standalone
// builds of lightweight-charts and uPlot for comparison. `node scripts/size.mjs` prints the table;
// test/node/size-budget.test.mjs holds the entries to their budgets.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Brotli size (bytes) at the highest quality, as CDNs precompress static files. */
export function brotliSize(bytes) {
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;
}

const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+)["']/g;

/**
 * The files of dist/ reachable from `entries` through static imports only (dynamic `import()` is
 * a lazy chunk for bundlers), in visiting order. Packages (lit) are left out: pages share them.
 */
export function staticGraph(entries, base = join(ROOT, 'dist')) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
      if (!spec.startsWith('.')) continue;
      visit(resolve(dirname(file), spec));
    }
  };
  for (const entry of entries) visit(join(base, entry));
  return [...seen];
}

/** The CDN entry and each chunk: raw and brotli bytes. */
export function cdnSizes() {
  const entry = join(ROOT, 'cdn', 'gpu-charts.js');
  if (!existsSync(entry)) throw new Error('cdn/gpu-charts.js is missing: run `npm run build` first');
  const files = [entry, ...readdirSync(join(ROOT, 'cdn', 'chunks')).map((name) => join(ROOT, 'cdn', 'chunks', name))];
  return files.map((file) => {
    const bytes = readFileSync(file);
    return { file: relative(ROOT, file), raw: bytes.length, brotli: brotliSize(bytes) };
  });
}

/** What `import 'gpu-charts/define'` pulls in statically from dist/ (lit excluded), as one text. */
export function coreEntry() {
  if (!existsSync(join(ROOT, 'dist', 'define', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const files = staticGraph(['define/index.js', 'index.js']);
  const text = Buffer.concat(files.map((file) => readFileSync(file)));
  return { files: files.map((file) => relative(join(ROOT, 'dist'), file)), raw: text.length, brotli: brotliSize(text) };
}

/** The peers' standalone builds from node_modules. */
export function peerSizes() {
  const peers = [
    ['lightweight-charts (standalone)', 'node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js'],
    ['uPlot (iife.min)', 'node_modules/uplot/dist/uPlot.iife.min.js'],
  ];
  return peers.filter(([, path]) => existsSync(join(ROOT, path))).map(([name, path]) => {
    const bytes = readFileSync(join(ROOT, path));
    return { name, raw: bytes.length, brotli: brotliSize(bytes) };
  });
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = [];
  for (const { file, raw, brotli } of cdnSizes()) rows.push([file, kb(raw), kb(brotli)]);
  const core = coreEntry();
  rows.push([`dist core entry (define + index, ${core.files.length} modules, unminified)`, kb(core.raw), kb(core.brotli)]);
  for (const { name, raw, brotli } of peerSizes()) rows.push([name, kb(raw), kb(brotli)]);
  console.log('| file | raw | brotli |\n|---|---:|---:|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
