// What the DevTools panel costs the inspected page: the time of one `__GPU_CHARTS__.snapshot()`
// (the panel calls it once a second) and the size of its JSON, for 1, 10 and 30 charts, each with
// a full ring of 60 recorded frames and its event log; plus the per-frame cost of recording.
//   npm run build && node bench/devtools-snapshot.mjs      → bench/results/devtools-snapshot.{json,md}
// CHROME_PATH picks the browser (scripts/browser.mjs); runs on a GPU machine unchanged.
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const port = 4300 + Math.floor(Math.random() * 500);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet'], { stdio: 'inherit' });
const browser = await chromium.launch({ executablePath: findChrome(), args: WEBGPU_FLAGS });
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/test/e2e/devtools-page.html`);
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  for (const count of [1, 10, 30]) {
    const row = await page.evaluate(async (count) => {
      document.querySelectorAll('gpu-chart').forEach((c) => c.remove());
      const time = Float64Array.from({ length: 100_000 }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000);
      const value = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 500) * 10 + Math.sin(i / 7));
      const charts = Array.from({ length: count }, () => {
        const chart = /** @type {any} */ (document.createElement('gpu-chart'));
        chart.style.cssText = 'display:block;width:300px;height:120px';
        document.body.append(chart);
        chart.data = { time, value };
        return chart;
      });
      await Promise.all(charts.map((c) => c.nextFrame()));
      const registry = /** @type {any} */ (globalThis).__GPU_CHARTS__;
      registry.snapshot(); // starts frame recording
      // Frames with recording on, timed against the same frames' own CPU cost.
      const chart = charts[0];
      const cpu = [];
      const off = chart.onFrame((s) => cpu.push(s.cpuMs));
      const { start, end } = chart.getViewport();
      for (let i = 0; i < 70; i++) {
        for (const c of charts) c.setViewport(start + (end - start) * 0.001 * (i % 10), end);
        await Promise.all(charts.map((c) => c.nextFrame()));
      }
      off();
      /** Median and p95 of `call()` (with its JSON encoding, as DevTools does) and the JSON size. */
      const measure = (call) => {
        const times = [];
        let bytes = 0;
        for (let i = 0; i < 40; i++) {
          const t0 = performance.now();
          bytes = JSON.stringify(call()).length;
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        return { median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)], kb: bytes / 1024 };
      };
      const shown = registry.snapshot()[0];
      const panel = measure(() => registry.snapshot(shown.id)); // what the panel polls
      const full = measure(() => registry.snapshot());
      cpu.sort((a, b) => a - b);
      return { charts: count, framesPerChart: shown.frames.length, panel, full, frameCpuMedianMs: cpu[cpu.length >> 1] };
    }, count);
    results.push(row);
    console.log(row);
  }
} finally {
  await browser.close();
  server.kill();
}

const machine = { cpus: cpus().length, model: cpus()[0]?.model, load: loadavg().map((l) => l.toFixed(1)).join(' '), browser: findChrome(), date: new Date().toISOString() };
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/devtools-snapshot.json', JSON.stringify({ machine, results }, null, 2));
const md = [
  '# DevTools registry: snapshot cost (bench/devtools-snapshot.mjs)',
  '',
  `${machine.date}, ${machine.cpus} × ${machine.model}, load ${machine.load}, ${machine.browser} (SwiftShader flags of scripts/browser.mjs).`,
  'One `globalThis.__GPU_CHARTS__.snapshot()` (the panel polls it once a second) over charts of 100k points, each with its ring of recorded frames; the chart frame CPU median is for reference.',
  '',
  'Times include the JSON encoding (what crossing into DevTools costs). "panel": `snapshot(id)`, details of the shown chart only (what the panel polls); "full": `snapshot()`, details of every chart.',
  '',
  '| charts | frames per chart | panel median / p95 | panel JSON | full median / p95 | full JSON | chart frame CPU median |',
  '|---|---|---|---|---|---|---|',
  ...results.map((r) => `| ${r.charts} | ${r.framesPerChart} | ${r.panel.median.toFixed(2)} / ${r.panel.p95.toFixed(2)} ms | ${r.panel.kb.toFixed(0)} KB | ${r.full.median.toFixed(2)} / ${r.full.p95.toFixed(2)} ms | ${r.full.kb.toFixed(0)} KB | ${r.frameCpuMedianMs.toFixed(2)} ms |`),
  '',
].join('\n');
await writeFile('bench/results/devtools-snapshot.md', md);
console.log(md);
