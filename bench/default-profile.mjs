// Where a frame of <gpu-chart> as a user gets it (renderer="auto": Canvas2D on a software
// adapter) goes, in the issue-16 cases of `npm run bench` (y range changing every frame at 100k,
// FIFO 5 × 100k): per frame, the synchronous part (renderNow: scene + LOD + draw calls), the
// rasterization of the 2D canvas (1×1 read-back), Lit's update of the overlay and the layout; and
// with PROFILE=1 a CPU profile of the page (Chromium's sampling profiler over CDP), summarised as
// self time per function. Same page, data and views as bench/run.mjs (bench/peers/).
//   npm run build && node bench/default-profile.mjs
//   CASES=line-100k-y,fifo-5x100k FRAMES=40 PROFILE=1 RENDERER=auto node bench/default-profile.mjs
// Prints a table; writes bench/results/default-profile.json.
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS, HW_GPU_FLAGS } from '../scripts/browser.mjs';

const env = process.env;
const HW_GPU = env.HW_GPU === '1';
const FLAGS = HW_GPU ? HW_GPU_FLAGS : [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'];
const FRAMES = Number(env.FRAMES ?? 40);
const RENDERER = env.RENDERER ?? 'auto';
const PROFILE = env.PROFILE === '1';
const CASES = (env.CASES ?? 'line-100k-y,fifo-5x100k').split(',');
const CASE_DEFS = {
  'line-100k-y': { id: 'line-100k-y', kind: 'yrange', size: 100_000, frames: FRAMES },
  'line-1M-y': { id: 'line-1M-y', kind: 'yrange', size: 1_000_000, frames: FRAMES },
  'fifo-5x100k': { id: 'fifo-5x100k', kind: 'fifo', size: 100_000, series: 5, chunk: 10_000, frames: FRAMES },
  'append-100k': { id: 'append-100k', kind: 'append', size: 1_000_000, chunk: 100_000, frames: Math.min(FRAMES, 20) },
};

const port = 5900 + Math.floor(Math.random() * 90);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--allow-node-modules'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: findChrome(), args: FLAGS });
const report = { date: new Date().toISOString(), renderer: RENDERER, frames: FRAMES, loadAverageAtStart: loadavg(), cases: [] };
try {
  for (const id of CASES) {
    const c = CASE_DEFS[id];
    if (!c) throw new Error(`unknown case ${id}: ${Object.keys(CASE_DEFS).join(', ')}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    await page.goto(`http://127.0.0.1:${port}/bench/peers/gpu-charts.html${RENDERER === 'auto' ? '' : `?renderer=${RENDERER}`}`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    await page.evaluate((caseDef) => window.bench.setup(caseDef), c);
    await page.evaluate(() => window.bench.firstFrame());
    const cdp = await context.newCDPSession(page);
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const result = await page.evaluate(async (c) => {
      const chart = document.querySelector('gpu-chart');
      const { caseData } = await import('/bench/peers/cases.js');
      const data = caseData(c);
      const raf = () => new Promise((r) => window.__raf.real(() => setTimeout(r, 0)));
      const parts = { change: [], render: [], raster: [], overlay: [], layout: [], total: [] };
      let loaded = c.kind === 'yrange' ? data.time.length : c.size;
      let lo = Infinity;
      let hi = -Infinity;
      if (c.kind === 'yrange') for (const v of data.value) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
      const columnsOf = (a, b) => Object.fromEntries([['time', data.time.subarray(a, b)], ...(data.columns ?? []).map((col, k) => [`s${k}`, col.subarray(a, b)])]);
      for (let f = 0; f < c.frames; f++) {
        const t0 = performance.now();
        if (c.kind === 'yrange') {
          const pad = (hi - lo) * 0.01 * (f + 1);
          chart.setViewport(data.time[0], data.time[loaded - 1], lo - pad, hi + pad);
        } else if (c.kind === 'fifo') {
          chart.appendData(columnsOf(loaded, loaded + c.chunk));
          loaded += c.chunk;
          chart.setViewport(data.time[loaded - c.size], data.time[loaded - 1]);
        } else {
          chart.appendData({ time: data.time.subarray(loaded, loaded + c.chunk), value: data.value.subarray(loaded, loaded + c.chunk) });
          loaded += c.chunk;
          chart.setViewport(data.time[0], data.time[loaded - 1]);
        }
        const t1 = performance.now();
        chart.renderNow();
        await Promise.resolve();
        const t2 = performance.now();
        for (const canvas of chart.shadowRoot.querySelectorAll('canvas')) if (canvas.width) canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
        const t3 = performance.now();
        await chart.updateComplete;
        const t4 = performance.now();
        chart.getBoundingClientRect();
        const t5 = performance.now();
        parts.change.push(t1 - t0);
        parts.render.push(t2 - t1);
        parts.raster.push(t3 - t2);
        parts.overlay.push(t4 - t3);
        parts.layout.push(t5 - t4);
        parts.total.push(t5 - t0);
        await raf();
      }
      const med = (a) => {
        const s = [...a].sort((x, y) => x - y);
        return +s[s.length >> 1].toFixed(2);
      };
      const stats = chart.lastFrameStats ?? null;
      return { renderer: chart.rendererKind, parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, med(v)])), lastStats: stats && { sceneMs: stats.sceneMs, renderMs: stats.renderMs, pointsDrawn: stats.pointsDrawn, lod: stats.lod } };
    }, c);
    let top = null;
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map();
      const dt = profile.timeDeltas;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const hits = new Map();
      profile.samples.forEach((id, i) => hits.set(id, (hits.get(id) ?? 0) + (dt[i + 1] ?? 0)));
      for (const [id, us] of hits) {
        const n = byId.get(id);
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + us);
      }
      const total = [...self.values()].reduce((a, b) => a + b, 0);
      top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => [k, +(us / 1000).toFixed(1), +((100 * us) / total).toFixed(1)]);
    }
    await context.close();
    report.cases.push({ case: id, ...result, top });
    console.log(`${id.padEnd(14)} ${result.renderer} medians (ms): ${Object.entries(result.parts).map(([k, v]) => `${k} ${v}`).join(', ')} | last frame ${JSON.stringify(result.lastStats)}`);
    if (top) for (const [k, ms, pct] of top) console.log(`   ${String(ms).padStart(8)} ms ${String(pct).padStart(5)} %  ${k}`);
  }
} finally {
  await browser.close();
  server.kill();
}
report.loadAverageAtEnd = loadavg();
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/default-profile.json', JSON.stringify(report, null, 2));
