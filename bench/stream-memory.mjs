// Memory over a long stream: a <gpu-chart max-points> fed new rows at every animation frame for
// MINUTES minutes in headless Chromium; every SAMPLE_S seconds the JS heap after a full garbage
// collection (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage: V8 heap plus ArrayBuffer
// backing stores, where typed arrays live) and what the chart reports (rows kept, data bytes of
// its CPU store with pyramids, GPU / canvas bytes), plus DOM nodes and frames drawn.
// Defaults: renderer="auto", 100,000 points kept, 1,000 rows a frame, one line, 1200×700.
//   npm run bench:stream-memory                       (builds first; 10 minutes)
//   MINUTES=1 SAMPLE_S=5 node bench/stream-memory.mjs (shorter, without rebuilding)
//   MAX_POINTS=1000000 CHUNK=5000 SERIES=5 RENDERER=webgpu node bench/stream-memory.mjs
//   HW_GPU=1 node bench/stream-memory.mjs             (a machine with a real GPU; CHROME_PATH)
// Writes bench/results/stream-memory.json and .md (OUT=name changes the file name).
import { chromium } from './playwright.mjs';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { findChrome, WEBGPU_FLAGS, HW_GPU_FLAGS } from '../scripts/browser.mjs';

const env = process.env;
const MINUTES = Number(env.MINUTES ?? 10);
const SAMPLE_S = Number(env.SAMPLE_S ?? 10);
const MAX_POINTS = Number(env.MAX_POINTS ?? 100_000);
const CHUNK = Number(env.CHUNK ?? 1_000);
const SERIES = Number(env.SERIES ?? 1);
const RENDERER = env.RENDERER ?? 'auto';
const OUT = env.OUT ?? 'stream-memory';
const HW_GPU = env.HW_GPU === '1';
const FLAGS = HW_GPU ? HW_GPU_FLAGS : [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'];

if (!existsSync('cdn/gpu-charts.js')) {
  console.error('cdn/gpu-charts.js is missing: run `npm run build` first.');
  process.exit(1);
}
const port = 6000 + Math.floor(Math.random() * 300);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet'], { stdio: 'inherit' });
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/bench/stream-memory.html`)).ok) break;
  } catch {
    /* not up yet */
  }
  if (i > 100) throw new Error('demo/server.mjs did not start');
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await chromium.launch({ executablePath: findChrome(), args: FLAGS });
const started = Date.now();
const loadStart = loadavg();
const samples = [];
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`.slice(0, 300));
  });
  await page.goto(`http://127.0.0.1:${port}/bench/stream-memory.html?max=${MAX_POINTS}&chunk=${CHUNK}&series=${SERIES}&renderer=${RENDERER}`);
  await page.waitForFunction(() => window.streamReady === true, null, { timeout: 120_000 });
  const cdp = await page.context().newCDPSession(page);

  async function sample(elapsedS) {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const dom = await cdp.send('Memory.getDOMCounters').catch(() => null);
    const chart = await page.evaluate(() => window.stream.sample());
    const row = {
      s: elapsedS,
      heapMB: +((heap.usedSize + (heap.backingStorageSize ?? 0)) / 2 ** 20).toFixed(2),
      v8HeapMB: +(heap.usedSize / 2 ** 20).toFixed(2),
      dataMB: +(chart.dataBytes / 2 ** 20).toFixed(2),
      gpuMB: +(chart.gpuBytes / 2 ** 20).toFixed(2),
      rows: chart.rows,
      appended: chart.appended,
      frames: chart.frames,
      renderer: chart.renderer,
      domNodes: dom?.nodes ?? chart.domNodes,
      listeners: dom?.jsEventListeners ?? null,
    };
    samples.push(row);
    const previous = samples.at(-2);
    const fps = previous ? ((row.frames - previous.frames) / (row.s - previous.s)).toFixed(1) : '—';
    console.log(`${String(row.s).padStart(5)} s  heap ${row.heapMB} MB (V8 ${row.v8HeapMB})  data ${row.dataMB} MB  GPU ${row.gpuMB} MB  rows ${row.rows.toLocaleString('en')}  appended ${row.appended.toLocaleString('en')}  ${fps} fps  ${row.renderer}  DOM ${row.domNodes}`);
    return chart;
  }

  await sample(0);
  await page.evaluate(() => window.stream.start());
  const t0 = Date.now();
  const end = t0 + MINUTES * 60_000;
  let next = t0 + SAMPLE_S * 1000;
  let last = null;
  while (next <= end) {
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    last = await sample(Math.round((next - t0) / 1000));
    next += SAMPLE_S * 1000;
  }
  await page.evaluate(() => window.stream.stop());
  var rendererChanges = last?.rendererChanges ?? [];
} finally {
  await browser.close();
  server.kill();
}

// ——— summary ———
const afterWarmup = samples.filter((s) => s.s >= 60);
const body = afterWarmup.length >= 4 ? afterWarmup : samples.slice(1);
const quarter = Math.max(1, Math.floor(body.length / 4));
const mean = (list, key) => list.reduce((a, s) => a + s[key], 0) / list.length;
const range = (key) => [Math.min(...body.map((s) => s[key])), Math.max(...body.map((s) => s[key]))];
/** Least-squares slope of `key` against time, per minute. */
const slope = (key) => {
  const n = body.length;
  const mx = body.reduce((a, s) => a + s.s, 0) / n;
  const my = mean(body, key);
  let num = 0;
  let den = 0;
  for (const s of body) {
    num += (s.s - mx) * (s[key] - my);
    den += (s.s - mx) ** 2;
  }
  return den ? (num / den) * 60 : 0;
};
const summary = {};
for (const key of ['heapMB', 'v8HeapMB', 'dataMB', 'gpuMB', 'domNodes']) {
  const first = mean(body.slice(0, quarter), key);
  const lastQ = mean(body.slice(-quarter), key);
  summary[key] = { min: range(key)[0], max: range(key)[1], firstQuarterMean: +first.toFixed(2), lastQuarterMean: +lastQ.toFixed(2), changePercent: +((100 * (lastQ - first)) / (first || 1)).toFixed(1), slopePerMinute: +slope(key).toFixed(3) };
}
// Flat: the last quarter's mean within 5 % of the first's (after the first minute) and no steady climb.
const flat = (key) => Math.abs(summary[key].changePercent) <= 5;
const verdict = { heap: flat('heapMB') ? 'flat' : 'not flat', data: flat('dataMB') ? 'flat' : 'not flat', gpu: flat('gpuMB') ? 'flat' : 'not flat' };
const report = {
  date: new Date().toISOString(),
  wallSeconds: Math.round((Date.now() - started) / 1000),
  settings: { minutes: MINUTES, sampleSeconds: SAMPLE_S, maxPoints: MAX_POINTS, rowsPerFrame: CHUNK, series: SERIES, renderer: RENDERER, hwGpu: HW_GPU, flags: FLAGS },
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), loadAverageAtStart: loadStart.map((x) => +x.toFixed(2)), loadAverageAtEnd: loadavg().map((x) => +x.toFixed(2)) },
  rendererChanges,
  summary,
  verdict,
  errors: [...new Set(errors)].slice(0, 10),
  samples,
};
const md = [];
md.push(`# Memory over a ${MINUTES}-minute stream into \`<gpu-chart max-points="${MAX_POINTS}">\``, '');
md.push(`${report.date}. ${report.machine.cpus} × ${report.machine.cpuModel}; load average ${report.machine.loadAverageAtStart.join(' / ')} at start, ${report.machine.loadAverageAtEnd.join(' / ')} at end. Command: \`MINUTES=${MINUTES} SAMPLE_S=${SAMPLE_S} MAX_POINTS=${MAX_POINTS} CHUNK=${CHUNK} SERIES=${SERIES} RENDERER=${RENDERER} node bench/stream-memory.mjs\`${HW_GPU ? ' (HW_GPU=1)' : ''}.`, '');
md.push(`${SERIES} line series, ${CHUNK.toLocaleString('en')} new rows per animation frame (new Float64Arrays each time, as a page would hand them over), renderer \`${RENDERER}\`${rendererChanges.length ? ` (${rendererChanges.join(' / ')})` : ''}. Every ${SAMPLE_S} s: a full GC (CDP HeapProfiler.collectGarbage), then the JS heap (Runtime.getHeapUsage: V8 heap + ArrayBuffer backing stores), the chart's data bytes (its CPU store, pyramids included) and GPU / canvas bytes (\`chart.gpuMemoryBytes\`).`, '');
md.push(`**Verdict** (last quarter's mean against the first quarter's, after the first minute; flat = within 5 %): JS heap **${verdict.heap}**, data **${verdict.data}**, GPU/canvas **${verdict.gpu}**.`, '');
md.push('| measure | min | max | first quarter (mean) | last quarter (mean) | change | slope per minute |');
md.push('|---|---:|---:|---:|---:|---:|---:|');
for (const [key, label] of [['heapMB', 'JS heap (MB)'], ['v8HeapMB', 'V8 heap only (MB)'], ['dataMB', 'data, CPU store (MB)'], ['gpuMB', 'GPU / canvas (MB)'], ['domNodes', 'DOM nodes']]) {
  const s = summary[key];
  md.push(`| ${label} | ${s.min} | ${s.max} | ${s.firstQuarterMean} | ${s.lastQuarterMean} | ${s.changePercent} % | ${s.slopePerMinute} |`);
}
md.push('', '| t (s) | JS heap (MB) | V8 heap (MB) | data (MB) | GPU (MB) | rows kept | rows appended | fps since last | renderer |', '|---:|---:|---:|---:|---:|---:|---:|---:|---|');
samples.forEach((s, i) => {
  const p = samples[i - 1];
  const fps = p ? ((s.frames - p.frames) / (s.s - p.s)).toFixed(1) : '—';
  md.push(`| ${s.s} | ${s.heapMB} | ${s.v8HeapMB} | ${s.dataMB} | ${s.gpuMB} | ${s.rows.toLocaleString('en')} | ${s.appended.toLocaleString('en')} | ${fps} | ${s.renderer} |`);
});
if (report.errors.length) md.push('', `Page errors: ${report.errors.join('; ')}`);
await mkdir('bench/results', { recursive: true });
await writeFile(`bench/results/${OUT}.json`, JSON.stringify(report, null, 2));
await writeFile(`bench/results/${OUT}.md`, `${md.join('\n')}\n`);
console.log(`\n${md.slice(0, 12).join('\n')}\nbench/results/${OUT}.json, ${OUT}.md (${report.wallSeconds} s)`);
