// Heatmaps in headless Chromium with real WebGPU (SwiftShader):
//   npm run bench:heatmap      (builds first; writes bench/results/heatmap.json and .md)
// 1. Pan/zoom frame cost of a 4096 × 4096 grid (r32float texture, interpolation in the shader)
//    against an empty chart of the same size and tier (target: within 1.5×), per interpolation.
// 2. Streaming spectrogram: columns appended at 1,000 per second into a ring of fixed capacity;
//    JS heap (performance.memory, precise) and GPU bytes sampled (target: no growth).
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const SIZE = Number(process.env.SIZE ?? 4096);
const FRAMES = Number(process.env.FRAMES ?? 30);
const RATE = Number(process.env.RATE ?? 1000);
const SECONDS = Number(process.env.SECONDS ?? 8);
const ROWS = Number(process.env.ROWS ?? 256);
const CAPACITY = Number(process.env.CAPACITY ?? 2048);
const port = 4400 + Math.floor(Math.random() * 500);

const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated', '--allow-node-modules'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization', '--enable-precise-memory-info', '--js-flags=--expose-gc'] });
const f = (x) => x.toFixed(2);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Defaults unless TIER / RENDERER pin one (extra rows, not the headline).
  const tier = process.env.TIER ?? 'auto';
  const renderer = process.env.RENDERER ?? 'auto';
  const query = new URLSearchParams({ ...(process.env.TIER ? { tier } : {}), ...(process.env.RENDERER ? { renderer } : {}) });
  await page.goto(`http://127.0.0.1:${port}/bench/heatmap.html?${query}`);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
  await page.evaluate((frames) => window.emptyFrame(frames), 5);
  const empty = await page.evaluate((frames) => window.emptyFrame(frames), FRAMES);
  console.log(`empty chart frame (${empty.renderer}): median ${f(empty.total.median)} ms (p95 ${f(empty.total.p95)})`);
  const fill = await page.evaluate((frames) => window.fillFloor(frames), FRAMES);
  console.log(`fill floor (a constant-colour quad over the plot, same pipeline): median ${f(fill.total.median)} ms (p95 ${f(fill.total.p95)})`);
  const big = await page.evaluate(({ size, frames }) => window.bigGrid(size, frames), { size: SIZE, frames: FRAMES });
  console.log(`${SIZE}² grid: data = ${f(big.setDataMs)} ms, first frame (incl. upload) ${f(big.firstFrameMs)} ms, GPU bytes ${big.gpuBytes}`);
  for (const [name, r] of Object.entries(big.byInterpolation)) {
    console.log(`  ${name} (${r.renderer}): frame CPU median ${f(r.cpu.median)} ms, to GPU done median ${f(r.total.median)} ms (p95 ${f(r.total.p95)}), ${f(r.total.median / empty.total.median)}× empty, ${f(r.total.median / fill.total.median)}× fill floor`);
  }
  const stream = await page.evaluate(({ rows, capacity, rate, seconds }) => window.stream(rows, capacity, rate, seconds), { rows: ROWS, capacity: CAPACITY, rate: RATE, seconds: SECONDS });
  const heaps = stream.samples.map((s) => s.heap).filter((h) => h !== null);
  const gpu = stream.samples.map((s) => s.gpuBytes);
  const half = Math.floor(heaps.length / 2);
  const heapFirst = heaps.slice(0, half);
  const heapSecond = heaps.slice(half);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(`stream ${ROWS} rows × ${CAPACITY} columns at ${RATE}/s for ${f(stream.seconds)} s: ${stream.appended} columns (${f(stream.achievedRate)}/s), append median ${f(stream.append.median)} ms (p95 ${f(stream.append.p95)}), frame interval median ${f(stream.frameInterval.median)} ms; GPU bytes min ${Math.min(...gpu)} max ${Math.max(...gpu)}; JS heap mean first half ${(mean(heapFirst) / 1e6).toFixed(1)} MB, second half ${(mean(heapSecond) / 1e6).toFixed(1)} MB (min ${(Math.min(...heaps) / 1e6).toFixed(1)}, max ${(Math.max(...heaps) / 1e6).toFixed(1)})`);
  const adapter = await page.evaluate(() => window.adapterInfo());
  // Peer: ChartGPU's heatmap series on the same grid and view sequence (PEER=0 skips it).
  let peer = null;
  if (process.env.PEER !== '0') {
    try {
      const peerPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await peerPage.goto(`http://127.0.0.1:${port}/bench/peers/chartgpu-heatmap.html`);
      await peerPage.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
      peer = await peerPage.evaluate(({ size, frames }) => window.measure(size, frames), { size: SIZE, frames: FRAMES });
      console.log(`ChartGPU ${peer.version} heatmap ${SIZE}²: first frame ${f(peer.firstFrameMs)} ms; empty frame median ${f(peer.empty.total.median)} ms; pan/zoom to GPU done median ${f(peer.panZoom.total.median)} ms (p95 ${f(peer.panZoom.total.p95)}), ${f(peer.panZoom.total.median / peer.empty.total.median)}× its empty frame`);
      await peerPage.close();
    } catch (error) {
      console.log(`ChartGPU heatmap peer failed: ${error.message}`);
      peer = { error: error.message };
    }
  }
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, adapter, loadAverage: loadavg() }, tier, frames: FRAMES, empty, fill, big, stream, peer };
  await mkdir('bench/results', { recursive: true });
  const suffix = process.env.TIER || process.env.RENDERER ? `-${renderer}-${tier}` : '';
  await writeFile(`bench/results/heatmap${suffix}.json`, JSON.stringify(report, null, 2));
  const rows = Object.entries(big.byInterpolation).map(([name, r]) => `| ${name} | ${f(r.cpu.median)} | ${f(r.total.median)} | ${f(r.total.p95)} | ${f(r.total.median / empty.total.median)}× | ${f(r.total.median / fill.total.median)}× |`);
  const table = [
    `# Heatmap benchmark`,
    ``,
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, adapter ${adapter.vendor}/${adapter.architecture}, canvas 1200×700 CSS px, renderer ${renderer} (drew with ${empty.renderer}), tier ${tier}. Command: \`${suffix ? `TIER=${tier} RENDERER=${renderer} ` : ''}npm run bench:heatmap\` (SIZE=${SIZE} FRAMES=${FRAMES} RATE=${RATE} SECONDS=${SECONDS} ROWS=${ROWS} CAPACITY=${CAPACITY}).`,
    ``,
    `Empty chart (same size and tier) frame to GPU done: median ${f(empty.total.median)} ms (p95 ${f(empty.total.p95)}). Fill floor (${empty.renderer === 'webgpu' ? 'the grid pipeline with a fragment shader returning a constant colour, one quad over the whole plot, no texture reads' : 'a 2×2 grid stretched over the whole plot'}): median ${f(fill.total.median)} ms (p95 ${f(fill.total.p95)}): what covering the plot costs on this rasterizer. Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (other work on the machine inflates and scatters every figure).`,
    ``,
    `${SIZE}×${SIZE} grid: \`data =\` ${f(big.setDataMs)} ms (validation, per-column statistics), first frame including the ${(SIZE * SIZE * 4 / 2 ** 20).toFixed(0)} MiB texture upload ${f(big.firstFrameMs)} ms; GPU memory ${(big.gpuBytes / 2 ** 20).toFixed(1)} MiB.`,
    ``,
    `| interpolation | frame CPU median (ms) | to GPU done median (ms) | p95 | ratio to empty | ratio to fill floor |`,
    `|---|---:|---:|---:|---:|---:|`,
    ...rows,
    ``,
    peer && !peer.error
      ? `ChartGPU ${peer.version} (its \`heatmap\` series, same grid and views, bench/peers/chartgpu-heatmap.html; its empty frame re-sets an empty option each frame to force a render): first frame ${f(peer.firstFrameMs)} ms, empty frame median ${f(peer.empty.total.median)} ms, pan/zoom frame median ${f(peer.panZoom.total.median)} ms (p95 ${f(peer.panZoom.total.p95)}), ${f(peer.panZoom.total.median / peer.empty.total.median)}× its empty frame.`
      : `ChartGPU peer: ${peer?.error ?? 'skipped (PEER=0)'}.`,
    ``,
    `Streaming: ${ROWS} rows, ring of ${CAPACITY} columns, ${RATE} columns/s requested for ${f(stream.seconds)} s: ${stream.appended} appended (${f(stream.achievedRate)}/s) in batches per animation frame; \`append\` median ${f(stream.append.median)} ms (p95 ${f(stream.append.p95)}); frame interval median ${f(stream.frameInterval.median)} ms. GPU bytes over the run: min ${Math.min(...gpu)}, max ${Math.max(...gpu)}. JS heap (performance.memory, precise): mean ${(mean(heapFirst) / 1e6).toFixed(1)} MB in the first half, ${(mean(heapSecond) / 1e6).toFixed(1)} MB in the second (min ${(Math.min(...heaps) / 1e6).toFixed(1)}, max ${(Math.max(...heaps) / 1e6).toFixed(1)}).`,
  ].join('\n');
  await writeFile(`bench/results/heatmap${suffix}.md`, `${table}\n`);
  console.log(`\n${table}`);
} finally {
  await browser.close();
  server.kill();
}
