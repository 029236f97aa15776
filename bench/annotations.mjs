// Frame time of a panned candlestick chart without annotations, and with 10,000 buy/sell markers
// and 1,000 trend lines (issue 13: "without a measurable frame-time increase beyond noise"), in
// headless Chromium with real WebGPU (SwiftShader here, a real GPU on the device machine).
//   npm run bench:annotations            (builds first; writes bench/results/annotations.json and .md)
// Env: BARS (100000), MARKERS (10000), LINES (1000), FRAMES per run (60), ROUNDS (4, alternating
// which mode runs first so drift hits both), RENDERERS (webgpu,canvas2d), TIER (high),
// CHROME_PATH (a Chromium to use).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const BARS = Number(process.env.BARS ?? 100_000);
const MARKERS = Number(process.env.MARKERS ?? 10_000);
const LINES = Number(process.env.LINES ?? 1_000);
const FRAMES = Number(process.env.FRAMES ?? 60);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const RENDERERS = (process.env.RENDERERS ?? 'webgpu,canvas2d').split(',');
const TIER = process.env.TIER ?? 'high';
const port = 4400 + Math.floor(Math.random() * 500);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
};

const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--isolated'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({ executablePath: findChrome(), args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'] });
const results = [];
try {
  for (const renderer of RENDERERS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`http://127.0.0.1:${port}/bench/annotations.html?tier=${TIER}&renderer=${renderer}&bars=${BARS}&markers=${MARKERS}&lines=${LINES}`);
    await page.waitForFunction(() => window.benchReady, null, { timeout: 180_000 });
    const setup = await page.evaluate(() => window.setup());
    const acc = { with: { cpu: [], scene: [], total: [], setMs: [], firstMs: [] }, without: { cpu: [], scene: [], total: [], setMs: [], firstMs: [] } };
    // Per-round medians: the noise between rounds is what an increase must stand out from.
    const roundMedians = { with: [], without: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const out = await page.evaluate(({ frames, first }) => window.round(frames, first), { frames: FRAMES, first: r % 2 === 1 });
      for (const mode of ['with', 'without']) {
        for (const key of ['cpu', 'scene', 'total']) acc[mode][key].push(...out[mode][key]);
        acc[mode].setMs.push(out[mode].setMs);
        acc[mode].firstMs.push(out[mode].firstMs);
        roundMedians[mode].push(median(out[mode].total));
      }
    }
    const summary = (m) => ({
      totalMedian: median(acc[m].total),
      totalP95: p95(acc[m].total),
      cpuMedian: median(acc[m].cpu),
      sceneMedian: median(acc[m].scene),
      setMsMedian: median(acc[m].setMs),
      firstFrameMedian: median(acc[m].firstMs),
      roundMedians: roundMedians[m],
    });
    const result = { renderer: setup.renderer, requested: renderer, bars: setup.bars, annotations: setup.annotations, without: summary('without'), with: summary('with') };
    // Noise: the spread of the per-round medians without annotations.
    const spread = Math.max(...roundMedians.without) - Math.min(...roundMedians.without);
    result.noiseMs = spread;
    result.increaseMs = result.with.totalMedian - result.without.totalMedian;
    results.push(result);
    console.log(
      `${renderer}: to-done median without ${result.without.totalMedian.toFixed(2)} ms, with ${result.with.totalMedian.toFixed(2)} ms ` +
        `(increase ${result.increaseMs.toFixed(2)} ms; round-to-round spread without: ${spread.toFixed(2)} ms); CPU ${result.without.cpuMedian.toFixed(2)} → ${result.with.cpuMedian.toFixed(2)} ms; ` +
        `scene ${result.without.sceneMedian.toFixed(2)} → ${result.with.sceneMedian.toFixed(2)} ms; set ${result.with.setMsMedian.toFixed(1)} ms, first frame ${result.with.firstFrameMedian.toFixed(1)} ms`,
    );
    await page.close();
  }
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadAverage: loadavg() }, flags: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'], bars: BARS, markers: MARKERS, lines: LINES, frames: FRAMES, rounds: ROUNDS, tier: TIER, results };
  await mkdir('bench/results', { recursive: true });
  await writeFile('bench/results/annotations.json', JSON.stringify(report, null, 2));
  const table = [
    `# Annotations: pan frame time without and with ${MARKERS.toLocaleString('en')} markers + ${LINES.toLocaleString('en')} trend lines`,
    ``,
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}. Candlestick chart of ${BARS.toLocaleString('en')} one-minute bars, 1200×700 CSS px, tier ${TIER}; the window shows half the data and pans 1 % per frame (so about half the annotations are on screen). ${ROUNDS} rounds × ${FRAMES} frames per mode, alternating which mode runs first. Frame: \`renderNow()\` then (WebGPU) \`queue.onSubmittedWorkDone()\`. Command: \`npm run bench:annotations\`.`,
    ``,
    `| renderer | to done, without (ms) | with (ms) | increase (ms) | round spread without (ms) | p95 without / with | CPU without / with | scene without / with | set 11k (ms) | first frame with (ms) |`,
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
    ...results.map(
      (r) =>
        `| ${r.renderer} | ${r.without.totalMedian.toFixed(2)} | ${r.with.totalMedian.toFixed(2)} | ${r.increaseMs.toFixed(2)} | ${r.noiseMs.toFixed(2)} | ${r.without.totalP95.toFixed(2)} / ${r.with.totalP95.toFixed(2)} | ${r.without.cpuMedian.toFixed(2)} / ${r.with.cpuMedian.toFixed(2)} | ${r.without.sceneMedian.toFixed(2)} / ${r.with.sceneMedian.toFixed(2)} | ${r.with.setMsMedian.toFixed(1)} | ${r.with.firstFrameMedian.toFixed(1)} |`,
    ),
  ].join('\n');
  await writeFile('bench/results/annotations.md', `${table}\n`);
  console.log(`\n${table}`);
} finally {
  await browser.close();
  server.kill();
}
