// Streaming surfaces in headless Chromium with real WebGPU (SwiftShader):
//   npm run bench:surface-stream      (builds first; writes bench/results/surface-stream.json and .md)
// A ROWS-row surface (default 256) streams into a ring of WINDOW columns (default 256): the window
// is filled, then TOTAL columns (default 1,000) are appended one append() call each, a frame drawn
// after every FRAME_EVERY (default 10) of them, once per renderer (RENDERERS, default
// "webgpu,canvas2d", both pinned); then TOTAL more back to back with no frame between (the append
// cost per column from the loop's time). Reported: the cost of one append() call (per column), the frame
// after appends (to GPU done / rasterised), bytes handed to queue.writeBuffer per such frame, the
// chart's GPU bytes, the page's allocation totals and the JS heap (after gc) every SAMPLE_EVERY
// columns (target: flat), and for comparison the same surface replaced whole (`data =`).
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const ROWS = Number(process.env.ROWS ?? 256);
const WINDOW = Number(process.env.WINDOW ?? 256);
const TOTAL = Number(process.env.TOTAL ?? 1000);
const FRAME_EVERY = Number(process.env.FRAME_EVERY ?? 10);
const SAMPLE_EVERY = Number(process.env.SAMPLE_EVERY ?? 100);
const RENDERERS = (process.env.RENDERERS ?? 'webgpu,canvas2d').split(',').filter(Boolean);
const OUT = process.env.OUT ?? 'bench/results/surface-stream';
const port = Number(process.env.PORT ?? 4400 + Math.floor(Math.random() * 500));
const f = (x, digits = 2) => (x === null || x === undefined ? '–' : x.toFixed(digits));
const mib = (bytes) => (bytes / 2 ** 20).toFixed(2);

const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated', '--allow-node-modules'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization', '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
try {
  const results = {};
  let adapter = null;
  for (const renderer of RENDERERS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => m.type() === 'error' && console.log(`page: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/bench/surface-stream.html`);
    await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
    page.setDefaultTimeout(0);
    const r = await page.evaluate((options) => window.stream(options), { renderer, rows: ROWS, window: WINDOW, total: TOTAL, frameEvery: FRAME_EVERY, sampleEvery: SAMPLE_EVERY });
    if (r.renderer === 'webgpu') adapter = await page.evaluate(() => window.adapterInfo());
    results[renderer] = r;
    const gpu = r.samples.map((s) => s.gpuBytes);
    const heaps = r.samples.map((s) => s.heap).filter((h) => h !== null);
    console.log(`[${renderer} → ${r.renderer}] ${ROWS} rows × ${WINDOW}-column window, ${TOTAL} columns appended: append() per column median ${f(r.append.median, 3)} ms (mean ${f(r.append.mean, 3)}, p95 ${f(r.append.p95, 3)}); frame after ${FRAME_EVERY} columns median ${f(r.frame.median)} ms (p95 ${f(r.frame.p95)}); writeBuffer per frame median ${r.frameBytes.median} B; chart GPU bytes min ${Math.min(...gpu)} max ${Math.max(...gpu)}; JS heap ${heaps.map((h) => (h / 1e6).toFixed(1)).join(' → ')} MB`);
    console.log(`[${r.renderer}] ${TOTAL} appends back to back: ${f(r.appendLoop.ms)} ms, ${f(r.appendLoop.perColumn, 4)} ms per column; the frame after them ${f(r.appendLoop.frame.ms)} ms, writeBuffer ${r.appendLoop.frame.bytes} B`);
    console.log(`[${r.renderer}] replaced whole instead (data =): set ${f(r.replace.set.median)} ms, frame ${f(r.replace.frame.median)} ms, writeBuffer ${r.replace.bytes.median} B`);
    await page.close();
  }
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, adapter, loadAverage: loadavg() }, options: { ROWS, WINDOW, TOTAL, FRAME_EVERY, SAMPLE_EVERY }, results };
  await mkdir('bench/results', { recursive: true });
  await writeFile(`${OUT}.json`, JSON.stringify(report, null, 2));
  const command = `${[['ROWS', ROWS, 256], ['WINDOW', WINDOW, 256], ['TOTAL', TOTAL, 1000], ['FRAME_EVERY', FRAME_EVERY, 10]].filter(([, v, d]) => v !== d).map(([k, v]) => `${k}=${v} `).join('')}npm run bench:surface-stream`;
  const lines = [
    `# Streaming surface benchmark`,
    ``,
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, adapter ${adapter?.vendor}/${adapter?.architecture}, chart 960×600 CSS px, tier high, Chromium flags: WebGPU on SwiftShader plus \`--disable-accelerated-2d-canvas --disable-gpu-rasterization\`. Command: \`${command}\`. Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (other work on the machine inflates and scatters the times).`,
    ``,
    `A ${ROWS}-row surface streaming into a ring of ${WINDOW} columns (\`maxColumns\`): the window filled first, then ${TOTAL} columns appended one \`append({ columns })\` call each, a settled frame drawn (\`renderNow()\`, then GPU done / a 1-px read for Canvas2D) after every ${FRAME_EVERY}.`,
    ``,
    `| renderer | append() per column: one call timed, median / mean / p95 / max ms | ${TOTAL} back to back: ms per column | frame after ${FRAME_EVERY} columns, median (p95) ms | bytes written to the GPU per such frame (median) | replaced whole instead: \`data =\` ms / frame ms / bytes written |`,
    `|---|---:|---:|---:|---:|---:|`,
    ...Object.entries(results).map(([name, r]) => `| ${name} (drew ${r.renderer}) | ${f(r.append.median, 3)} / ${f(r.append.mean, 3)} / ${f(r.append.p95, 3)} / ${f(r.append.max, 1)} | ${f(r.appendLoop.perColumn, 4)} | ${f(r.frame.median)} (${f(r.frame.p95)}) | ${r.frameBytes.median.toLocaleString('en')} | ${f(r.replace.set.median)} / ${f(r.replace.frame.median)} / ${r.replace.bytes.median.toLocaleString('en')} |`),
    ``,
    `One call timed: \`performance.now()\` is coarsened to 5 µs in Chromium, so the median is one tick; the mean carries the rare slow calls (the max: a single call; not investigated, a garbage collection or a task switch landing in it would explain it). The back-to-back loop divides one measured span by ${TOTAL}. After that loop the next frame writes the whole ring once (${Object.values(results).map((r) => `${r.renderer}: ${r.appendLoop.frame.bytes.toLocaleString('en')} B in ${f(r.appendLoop.frame.ms)} ms`).join('; ')}): more appends than the change log remembers (64).`,
    ``,
    `Memory every ${SAMPLE_EVERY} appended columns (chart GPU bytes: \`gpuMemoryBytes\`; page: the device manager's allocation totals, buffers / textures / bytes; JS heap: \`performance.memory.usedJSHeapSize\` after \`gc()\`):`,
    ``,
    `The row at ${2 * TOTAL} columns is after the back-to-back loop.`,
    ``,
    `| renderer | columns appended | chart GPU MiB | page buffers / textures / MiB | JS heap MB |`,
    `|---|---:|---:|---:|---:|`,
    ...Object.entries(results).flatMap(([name, r]) => r.samples.map((s) => `| ${name} | ${s.appended} | ${mib(s.gpuBytes)} | ${s.page.buffers} / ${s.page.textures} / ${mib(s.page.bytes)} | ${s.heap === null ? '–' : (s.heap / 1e6).toFixed(1)} |`)),
    ``,
  ];
  await writeFile(`${OUT}.md`, lines.join('\n'));
  console.log(`wrote ${OUT}.json and .md`);
} finally {
  await browser.close();
  server.kill();
}
