// Packs what `npm run bench` needs from node_modules for a machine that has none (the GPU machine,
// ../shared/browser-kit): the peers' browser files — uPlot's and lightweight-charts' dist/, and of
// ChartGPU only the modules its entry imports (its dist/ is 122 MB of chunks and source maps) — and
// their package.json files, into bench/out/node_modules (ignored by git; a few MB, so that it fits
// one device call's 64 MiB carry beside the kit's part B and cdn/). There:
//   rm -rf node_modules && ln -s bench/out/node_modules node_modules
// Playwright comes from the kit (bench/run.mjs falls back to $BK's playwright-core).
import { cp, mkdir, readFile, rm, stat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const OUT = 'bench/out/node_modules';
await rm(OUT, { recursive: true, force: true });

/** Every module reachable from `entry` through relative static or dynamic imports. */
async function closure(dir, entry) {
  const seen = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.\.?\/[^'"]+)['"]/g)) queue.push(join(dirname(file), m[1]));
  }
  return [...seen];
}

async function copy(name, files) {
  for (const file of ['package.json', ...files]) {
    await mkdir(dirname(join(OUT, name, file)), { recursive: true });
    await cp(join('node_modules', name, file), join(OUT, name, file), { recursive: true, filter: (src) => !src.endsWith('.map') });
  }
}

await copy('uplot', ['dist']);
await copy('lightweight-charts', ['dist']);
await copy('chartgpu', await closure('node_modules/chartgpu', 'dist/index.js'));

let bytes = 0;
for (const file of await readdir(OUT, { recursive: true })) {
  const s = await stat(join(OUT, file));
  if (s.isFile()) bytes += s.size;
}
console.log(`${OUT}: ${(bytes / 2 ** 20).toFixed(1)} MB`);
