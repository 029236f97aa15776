// Configuration service speed, in headless Chromium: applying typical changes (median, p99),
// parsing a typical config per format, and the bundle sizes (core vs. with lazy parser chunks).
//   npm run bench:config  → bench/results/config.{json,md}
//   HW_GPU=1 node bench/config-apply.mjs  on a machine with a real GPU (NVIDIA flags; CHROME_PATH) → config-hw.{json,md}
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { brotliCompressSync } from 'node:zlib';
import { findChrome, HW_GPU_FLAGS, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const HW_GPU = process.env.HW_GPU === '1';

const ITERATIONS = Number(process.env.ITERATIONS ?? 400);
const port = 4900 + Math.floor(Math.random() * 300);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: HW_GPU ? HW_GPU_FLAGS : WEBGPU_FLAGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench/config-apply.html`);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
  const isolated = await page.evaluate(() => window.crossOriginIsolated);
  const loadStart = loadavg()[0];
  const result = await page.evaluate((n) => window.measure(n), ITERATIONS);
  const loadEnd = loadavg()[0];
  const size = async (path) => {
    const bytes = await readFile(path);
    return { min: bytes.length, brotli: brotliCompressSync(bytes).length };
  };
  const core = await size('cdn/gpu-charts.js');
  const chunks = await Promise.all((await readdir('cdn/chunks')).map((f) => size(`cdn/chunks/${f}`)));
  const full = chunks.reduce((t, c) => ({ min: t.min + c.min, brotli: t.brotli + c.brotli }), core);
  const version = browser.version();
  const report = { date: new Date().toISOString(), crossOriginIsolated: isolated, machine: { cpus: cpus().length, cpu: cpus()[0]?.model, browser: version, loadAverage: { start: loadStart, end: loadEnd } }, iterations: ITERATIONS, ...result, bundle: { core, full } };
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/config${HW_GPU ? '-hw' : ''}.json`, JSON.stringify(report, null, 2));
  const us = (ms) => `${(ms * 1000).toFixed(0)} µs`;
  const md = [
    '# Configuration service speed',
    '',
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, Chromium ${version}, ${ITERATIONS} iterations each (after 20 warm-up), timer resolution ${isolated ? '5 µs (cross-origin isolated)' : '100 µs'}, load average ${loadStart.toFixed(1)} at the start and ${loadEnd.toFixed(1)} at the end (the machine may be shared). Command: \`${HW_GPU ? 'HW_GPU=1 node bench/config-apply.mjs' : 'npm run bench:config'}\`.`,
    '',
    'Applying one change with `chart.updateConfig()` to a chart of 1M points, 900 × 500 px. Every change starts from a settled chart: the previous change drawn, the GPU idle, a new task.',
    '',
    '- **apply** (median, p99, max): the synchronous call, which is the whole configuration work: validate the patch, merge the layers, diff, apply to the model (theme colours resolved, series options), ask for a pipeline rebuild where needed, schedule the frame, fire `gpu-config-change`.',
    '- **+ DOM**: until Lit has also updated the DOM (axis labels, legend), a microtask later.',
    '- **until drawn**: until the frame showing the change has been drawn and submitted, at the next animation frame (includes waiting for it, up to 16.7 ms); for MSAA, the frame of the rebuilt renderer (its pipelines are created asynchronously).',
    '',
    '| change | apply median | apply p99 | apply max | + DOM median | + DOM p99 | until drawn, median |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(result.apply).map(([name, s]) => `| ${name} | ${us(s.median)} | ${us(s.p99)} | ${us(s.max)} | ${us(s.dom.median)} | ${us(s.dom.p99)} | ${(s.frame.median).toFixed(1)} ms |`),
    '',
    '"theme, first time": the theme colours are read from CSS (`getComputedStyle`, which forces a style recalculation after the theme attribute changed); the chart keeps what it read per theme and colour combination, so later switches (the "theme" row) read nothing. `refreshStyles()` forgets them.',
    '',
    '"line width, 2nd change in a task": the same change made twice in one task, the second timed: our code warm (CPU caches, clock) and the frame already scheduled. Against the "line width" row it shows how much of a first change after an idle frame is the machine waking up rather than the work.',
    '',
    '"line width, after 1 ms of other work": the timed change follows 1 ms of unrelated arithmetic in the same task (as a change made from an input handler or a data callback would be): the core is awake, none of our code has run, and the frame is not yet scheduled (so it pays `requestAnimationFrame`). Near the warm row plus the `requestAnimationFrame()` floor below: a settled page\'s first change pays the machine waking up; near the "line width" row: our code being cold.',
    '',
    'The same measurement around no configuration work (floors: the timer and the machine, and the browser\'s own cost of scheduling a frame, which every change that redraws pays):',
    '',
    '| measured | median | p99 | max |',
    '|---|---:|---:|---:|',
    ...Object.entries(result.floors).map(([name, s]) => `| ${name} | ${us(s.median)} | ${us(s.p99)} | ${us(s.max)} |`),
    '',
    'Parsing a typical config (~400 characters) with `parseConfigText` (the first call includes loading the lazy parser chunk):',
    '',
    '| format | median | p99 | first call |',
    '|---|---:|---:|---:|',
    ...Object.entries(result.parse).map(([format, s]) => `| ${format} | ${us(s.median)} | ${us(s.p99)} | ${s.firstMs.toFixed(1)} ms |`),
    '',
    '| bundle | minified | brotli |',
    '|---|---:|---:|',
    `| core (cdn/gpu-charts.js) | ${(core.min / 1024).toFixed(1)} KiB | ${(core.brotli / 1024).toFixed(1)} KiB |`,
    `| full (with the YAML and TOML chunks) | ${(full.min / 1024).toFixed(1)} KiB | ${(full.brotli / 1024).toFixed(1)} KiB |`,
  ].join('\n');
  await writeFile(`bench/results/config${HW_GPU ? '-hw' : ''}.md`, `${md}\n`);
  console.log(md);
} finally {
  await browser.close();
  server.kill();
}
