// Frame time of a panned and zoomed candlestick chart without annotations, and with 10,000
// buy/sell markers and 1,000 trend lines (issue 13: "without a measurable frame-time increase
// beyond noise"), in headless Chromium: renderer="auto" (what a user gets: Canvas2D on a software
// adapter such as SwiftShader here, WebGPU on a real GPU) and renderer="webgpu" pinned.
//   npm run bench:annotations            (builds first; writes bench/results/annotations.json and .md; FLAGS=hw: annotations-hw.*)
// Env: BARS (100000), MARKERS (10000), LINES (1000), FRAMES per motion and round (40), ROUNDS (6,
// alternating which mode runs first so drift hits both), RENDERERS (auto,webgpu), TIER (high),
// CHROME_PATH (a Chromium to use), FLAGS=hw (scripts/browser.mjs HW_GPU_FLAGS, a machine with a GPU).
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, HW_GPU_FLAGS, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const BARS = Number(process.env.BARS ?? 100_000);
const MARKERS = Number(process.env.MARKERS ?? 10_000);
const LINES = Number(process.env.LINES ?? 1_000);
const FRAMES = Number(process.env.FRAMES ?? 40);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const RENDERERS = (process.env.RENDERERS ?? 'auto,webgpu').split(',');
const TIER = process.env.TIER ?? 'high';
const FLAGS = process.env.FLAGS === 'hw' ? HW_GPU_FLAGS : [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'];
const MOTIONS = ['pan', 'zoom'];
// On a GPU machine (FLAGS=hw) the results go beside this machine's, not over them.
const OUTPUT = process.env.FLAGS === 'hw' ? 'annotations-hw' : 'annotations';
const port = 4400 + Math.floor(Math.random() * 500);

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const f = (x, d = 2) => x.toFixed(d);

const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: FLAGS });
const results = [];
try {
  for (const renderer of RENDERERS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/bench/annotations.html?tier=${TIER}&renderer=${renderer}&bars=${BARS}&markers=${MARKERS}&lines=${LINES}`);
    await page.waitForFunction(() => window.benchReady, null, { timeout: 180_000 });
    const setup = await page.evaluate(() => window.setup());
    const acc = {};
    for (const motion of MOTIONS) for (const mode of ['with', 'without']) acc[`${motion}:${mode}`] = { cpu: [], scene: [], total: [], rounds: [] };
    const setMs = [];
    const firstMs = [];
    for (let r = 0; r < ROUNDS; r++) {
      const out = await page.evaluate(({ frames, first }) => window.round(frames, first), { frames: FRAMES, first: r % 2 === 1 });
      setMs.push(out.with.setMs);
      firstMs.push(out.with.firstMs);
      for (const motion of MOTIONS) {
        for (const mode of ['with', 'without']) {
          const a = acc[`${motion}:${mode}`];
          for (const key of ['cpu', 'scene', 'total']) a[key].push(...out[mode][motion][key]);
          a.rounds.push(median(out[mode][motion].total));
        }
      }
    }
    for (const motion of MOTIONS) {
      const w = acc[`${motion}:with`];
      const wo = acc[`${motion}:without`];
      // Noise: how far the per-round medians without annotations spread (max − min); the increase
      // is within noise when it is no larger than that spread.
      const noise = Math.max(...wo.rounds) - Math.min(...wo.rounds);
      const increase = median(w.total) - median(wo.total);
      const paired = w.rounds.map((m, i) => m - wo.rounds[i]);
      const result = {
        renderer: setup.renderer,
        requested: renderer,
        motion,
        bars: setup.bars,
        annotations: setup.annotations,
        without: { median: median(wo.total), p95: p95(wo.total), cpu: median(wo.cpu), scene: median(wo.scene), rounds: wo.rounds },
        with: { median: median(w.total), p95: p95(w.total), cpu: median(w.cpu), scene: median(w.scene), rounds: w.rounds },
        increaseMs: increase,
        noiseMs: noise,
        pairedIncrease: { min: Math.min(...paired), max: Math.max(...paired), median: median(paired) },
        withinNoise: Math.abs(increase) <= noise,
        setMs: median(setMs),
        firstFrameMs: median(firstMs),
      };
      results.push(result);
      console.log(`${renderer} (${setup.renderer}) ${motion}: median ${f(result.without.median)} → ${f(result.with.median)} ms (increase ${f(increase)}, noise ${f(noise)}: ${result.withinNoise ? 'within noise' : 'ABOVE noise'}); scene ${f(result.without.scene)} → ${f(result.with.scene)} ms`);
    }
    await page.close();
  }
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadAverage: loadavg() }, flags: FLAGS, bars: BARS, markers: MARKERS, lines: LINES, frames: FRAMES, rounds: ROUNDS, tier: TIER, results };
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/${OUTPUT}.json`, JSON.stringify(report, null, 2));
  const table = [
    `# Annotations: pan and zoom frame time without and with ${MARKERS.toLocaleString('en')} markers + ${LINES.toLocaleString('en')} trend lines`,
    ``,
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, load average ${report.machine.loadAverage.map((x) => f(x, 1)).join(' ')} at the end. Candlestick chart of ${BARS.toLocaleString('en')} one-minute bars, 1200×700 CSS px, tier ${TIER}; the window shows half the data (about half the annotations on screen) and pans 1 % a frame or zooms 2 % a frame. ${ROUNDS} rounds × ${FRAMES} frames per motion and mode, alternating which mode runs first; one page per renderer, modes switched by \`chart.annotations = …\` on the same chart and data. Frame: \`renderNow()\` then (WebGPU) \`queue.onSubmittedWorkDone()\`. Noise: max − min of the per-round medians without annotations. Command: \`npm run bench:annotations\`${process.env.FLAGS === 'hw' ? ' with FLAGS=hw' : ''}.`,
    ``,
    `| renderer (drawn with) | motion | without (ms) | with (ms) | increase (ms) | noise (ms) | within noise? | per-round increase min … max | p95 without / with | scene without / with (ms) | set 11k (ms) | first frame with (ms) |`,
    `|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|`,
    ...results.map(
      (r) =>
        `| ${r.requested} (${r.renderer}) | ${r.motion} | ${f(r.without.median)} | ${f(r.with.median)} | ${f(r.increaseMs)} | ${f(r.noiseMs)} | ${r.withinNoise ? 'yes' : '**no**'} | ${f(r.pairedIncrease.min)} … ${f(r.pairedIncrease.max)} | ${f(r.without.p95)} / ${f(r.with.p95)} | ${f(r.without.scene)} / ${f(r.with.scene)} | ${f(r.setMs, 1)} | ${f(r.firstFrameMs, 1)} |`,
    ),
  ].join('\n');
  await writeFile(`bench/results/${OUTPUT}.md`, `${table}\n`);
  console.log(`\n${table}`);
} finally {
  await browser.close();
  server.kill();
}
