// Pan/zoom frame cost versus data size, in headless Chromium with real WebGPU.
//   npm run bench:frame            (builds first; writes bench/results/frame-cost.json and .md)
// For each size, one chart of N points; the script zooms to random windows and pans, and for
// every frame measures the CPU time of building the scene (LOD included) and submitting it, and
// the time until the GPU has finished (queue.onSubmittedWorkDone).
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const SIZES = (process.env.SIZES ?? '100000,1000000,10000000').split(',').map(Number);
const FRAMES = Number(process.env.FRAMES ?? 40);
const port = 4400 + Math.floor(Math.random() * 500);

const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'] });
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const tier = process.env.TIER ?? 'high';
  await page.goto(`http://127.0.0.1:${port}/bench/frame-cost.html?tier=${tier}`);
  await page.waitForFunction(() => window.benchReady, null, { timeout: 120_000 });
  // Warm-up (JIT, pipelines, first canvas configuration), discarded: otherwise the first size pays it.
  await page.evaluate(() => window.measure(100_000, 10));
  for (const size of SIZES) {
    const result = await page.evaluate(({ size, frames }) => window.measure(size, frames), { size, frames: FRAMES });
    result.uploadMs = await page.evaluate((size) => window.uploadBaseline(size), size);
    results.push(result);
    console.log(`${String(size).padStart(9)} points: setData ${result.setDataMs.toFixed(1)} ms, first frame ${result.firstFrameMs.toFixed(1)} ms; pan/zoom frame CPU median ${result.cpu.median.toFixed(2)} ms (p95 ${result.cpu.p95.toFixed(2)}), to GPU done median ${result.total.median.toFixed(2)} ms (p95 ${result.total.p95.toFixed(2)}), ${result.drawnPoints} points drawn`);
  }
  // The floors last: hiding and showing the chart for them recreates its canvas textures, which
  // the next frame would pay.
  const floor = await page.evaluate((frames) => window.emptyFrame(frames), FRAMES);
  console.log(`empty chart frame (the floor): median ${floor.median.toFixed(2)} ms (p95 ${floor.p95.toFixed(2)})`);
  const clear = await page.evaluate((frames) => window.clearFloor(frames), FRAMES);
  console.log(`one clear pass: on a bare WebGPU canvas ${clear.canvas.median.toFixed(2)} ms, on an offscreen texture ${clear.offscreen.median.toFixed(2)} ms (medians)`);
  const adapter = await page.evaluate(() => window.adapterInfo());
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, adapter, loadAverage: loadavg() }, flags: WEBGPU_FLAGS, frames: FRAMES, emptyFrame: floor, clearFloor: clear, results };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/frame-cost.json', JSON.stringify(report, null, 2));
  const base = results[0];
  const table = [
    `# Pan/zoom frame cost vs data size`,
    ``,
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, adapter ${adapter.vendor}/${adapter.architecture}. Canvas 1200×700 CSS px, quality tier pinned to ${process.env.TIER ?? 'high'} (\`TIER=\`; high = 4× MSAA, medium = no MSAA). ${FRAMES} frames per size (zooms to random windows alternating with pans). Flags: WebGPU on SwiftShader + \`--disable-accelerated-2d-canvas --disable-gpu-rasterization\`. Command: \`npm run bench:frame\`.`,
    ``,
    `"frame CPU": building the scene (level of detail, ticks) + encoding + submitting; "to GPU done": the same until \`queue.onSubmittedWorkDone()\` resolves. "first frame": \`data =\` (validation, store) + the first frame to GPU done. "upload": creating a buffer for the N points as (x, y) f32 pairs and \`writeBuffer\` until the queue is done (the yardstick of the first-frame target: within 2× of it). Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`,
    ``,
    `Floor: an empty chart of the same size and tier (background only) costs ${floor.median.toFixed(2)} ms a frame to GPU done (p95 ${floor.p95.toFixed(2)}); "above floor" is a frame's median minus that. Without any library code, one clear pass on a bare WebGPU canvas of that size costs ${clear.canvas.median.toFixed(2)} ms (median), on an offscreen texture ${clear.offscreen.median.toFixed(2)} ms: on this adapter the canvas itself (presenting it), not the drawing, sets the floor.`,
    ``,
    `| points | set data (ms) | first frame (ms) | upload (ms) | first frame / upload | frame CPU median (ms) | frame CPU p95 | to GPU done median (ms) | p95 | above floor (ms) | ratio to ${base.size.toLocaleString('en')} |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
    ...results.map((r) => `| ${r.size.toLocaleString('en')} | ${r.setDataMs.toFixed(1)} | ${r.firstFrameMs.toFixed(1)} | ${r.uploadMs.toFixed(1)} | ${(r.firstFrameMs / r.uploadMs).toFixed(2)}× | ${r.cpu.median.toFixed(2)} | ${r.cpu.p95.toFixed(2)} | ${r.total.median.toFixed(2)} | ${r.total.p95.toFixed(2)} | ${(r.total.median - floor.median).toFixed(2)} | ${(r.total.median / base.total.median).toFixed(2)}× |`),
  ].join('\n');
  await writeFile('bench/results/frame-cost.md', `${table}\n`);
  console.log(`\n${table}`);
} finally {
  await browser.close();
  server.kill();
}
