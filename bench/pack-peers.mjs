// Packs what `npm run bench` needs from node_modules for a machine that has none (the GPU machine,
// ../shared/browser-kit): the peers' browser files (uPlot, lightweight-charts, ChartGPU's .js
// chunks without their 100 MB of source maps) and package.json files, into bench/out/node_modules
// (ignored by git; ~35 MB, under one device call's 64 MiB carry with cdn/). There:
//   rm -rf node_modules && ln -s bench/out/node_modules node_modules
// Playwright comes from the kit (bench/run.mjs falls back to $BK's playwright-core).
import { cp, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const OUT = 'bench/out/node_modules';
const PACKAGES = { uplot: ['dist'], 'lightweight-charts': ['dist'], chartgpu: ['dist'] };
await rm(OUT, { recursive: true, force: true });
let bytes = 0;
for (const [name, dirs] of Object.entries(PACKAGES)) {
  const from = join('node_modules', name);
  const to = join(OUT, name);
  await mkdir(to, { recursive: true });
  await cp(join(from, 'package.json'), join(to, 'package.json'));
  for (const dir of dirs) {
    await cp(join(from, dir), join(to, dir), { recursive: true, filter: (src) => !src.endsWith('.map') && !src.endsWith('.d.ts') });
  }
  for (const file of await readdir(to, { recursive: true })) {
    const s = await stat(join(to, file));
    if (s.isFile()) bytes += s.size;
  }
}
console.log(`${OUT}: ${(bytes / 2 ** 20).toFixed(1)} MB`);
