// Cost of custom WGSL hooks: frame time of an area + line series (LOD on 1M points) with no hook
// and with each curated colour hook, and the sandbox validator's own time. Headless Chromium with
// real WebGPU (SwiftShader here; on a GPU machine set CHROME_PATH and run the same command).
//   npm run build && node bench/shader-hooks.mjs      → bench/results/shader-hooks.{json,md}
// Frame time is "to GPU done": render() until queue.onSubmittedWorkDone(), median of FRAMES pans.
import { chromium } from './playwright.mjs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome, WEBGPU_FLAGS } from '../scripts/browser.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const FRAMES = Number(process.env.FRAMES ?? 30);
const POINTS = Number(process.env.POINTS ?? 1_000_000);
// Served by page.route (no server); localhost so that the page is a secure context (WebGPU needs one).
const ORIGIN = 'http://localhost:4999';
const HOOKS = [null, 'gradient-by-value', 'glow', 'dashed-by-distance', 'up-down'];

const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'] });
const results = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><body style="margin:0"><script type="module" src="/cdn/gpu-charts.js"></script></body>' });
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return route.fulfill({ status: 403 });
    try {
      return route.fulfill({ contentType: extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream', body: await readFile(file) });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => customElements.get('gpu-shader') && customElements.get('gpu-chart'));
  // The sandbox validator, in the page: each curated hook, and a source at the size cap.
  const validator = await page.evaluate(async () => {
    // A lazy chunk of the CDN file (loaded the first time a page needs it).
    const { validateHook, SHADER_LIBRARY } = await window.GpuCharts.loadShaderTools();
    const cap = 16 * 1024;
    const big = `fn color(p: PointInput) -> vec4f { return p.color; }\n${'// filler comment line of the hook source\n'.repeat(400)}`.slice(0, cap);
    const time = (fn, runs) => {
      const start = performance.now();
      for (let i = 0; i < runs; i++) fn();
      return (performance.now() - start) / runs;
    };
    if (!validateHook(big, 'color').ok) throw new Error('the cap-sized source should pass');
    return {
      libraryMs: time(() => SHADER_LIBRARY.forEach((h) => validateHook(h.wgsl, h.hook)), 200) / SHADER_LIBRARY.length,
      capSizedMs: time(() => validateHook(big, 'color'), 50),
      cap,
    };
  });
  await page.evaluate(async (points) => {
    const chart = document.createElement('gpu-chart');
    chart.style.cssText = 'display:block;width:1200px;height:700px';
    chart.setAttribute('renderer', 'webgpu');
    chart.config = { quality: { tier: 'high' } };
    const ready = new Promise((r) => chart.addEventListener('gpu-ready', r, { once: true }));
    document.body.append(chart);
    await ready;
    let seed = 1;
    const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const time = Float64Array.from({ length: points }, (_, i) => i * 1000);
    let v = 100;
    const value = Float64Array.from({ length: points }, () => (v += random() - 0.5));
    chart.data = { time, value };
    chart.series = [{ id: 'price', column: 'value', type: 'area', lineWidth: 2 }];
    await chart.nextFrame();
    window.benchChart = chart;
  }, POINTS);
  for (const library of HOOKS) {
    const result = await page.evaluate(async ({ library, frames }) => {
      const chart = window.benchChart;
      chart.querySelectorAll('gpu-shader').forEach((s) => s.remove());
      if (library) {
        const shader = document.createElement('gpu-shader');
        shader.setAttribute('for', 'price');
        shader.setAttribute('library', library);
        shader.setAttribute('budget-ms', '100000');
        const compiled = new Promise((resolve, reject) => {
          chart.addEventListener('gpu-shader-error', (e) => reject(new Error(e.detail.message)), { once: true });
          chart.addEventListener('gpu-shader-ready', function listener(e) {
            if (e.detail.kinds.includes('area') && e.detail.kinds.includes('line')) {
              chart.removeEventListener('gpu-shader-ready', listener);
              resolve();
            }
          });
        });
        chart.append(shader);
        chart.invalidate();
        await compiled;
      }
      await chart.nextFrame();
      const device = await window.GpuCharts.DeviceManager.shared().acquire();
      const times = [];
      const { start, end } = chart.getViewport();
      const span = end - start;
      for (let i = 0; i < frames; i++) {
        const shift = (i % 2 ? 1 : -1) * span * 0.01;
        chart.setViewport(start + shift, end + shift);
        const t0 = performance.now();
        chart.renderNow();
        await device.queue.onSubmittedWorkDone();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const drawnHooked = chart.shaderStatus.filter((s) => s.state === 'active').length;
      return { hook: library ?? '(none)', median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], active: drawnHooked };
    }, { library, frames: FRAMES });
    results.push(result);
    console.log(`${result.hook.padEnd(20)} median ${result.median.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms${library && result.active === 0 ? ' (NOT ACTIVE)' : ''}`);
  }
  const adapter = await page.evaluate(async () => {
    const a = await navigator.gpu?.requestAdapter();
    return a ? { vendor: a.info.vendor, architecture: a.info.architecture } : null;
  });
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, adapter, loadAverage: loadavg() }, points: POINTS, frames: FRAMES, validator, results };
  await mkdir(join(root, 'bench/results'), { recursive: true });
  await writeFile(join(root, 'bench/results/shader-hooks.json'), JSON.stringify(report, null, 2));
  const base = results[0];
  const table = [
    `# Custom shader hooks: frame cost`,
    ``,
    `${report.date}, ${report.machine.cpus} × ${report.machine.cpu}, adapter ${adapter?.vendor}/${adapter?.architecture}. Area + line series of ${POINTS.toLocaleString('en')} points (LOD), 1200×700 CSS px, tier high; ${FRAMES} pans per row, "to GPU done" (render until \`queue.onSubmittedWorkDone()\`). Command: \`npm run build && node bench/shader-hooks.mjs\`.`,
    ``,
    `Validator: ${validator.libraryMs.toFixed(3)} ms per curated hook, ${validator.capSizedMs.toFixed(3)} ms for a source at the ${validator.cap}-character cap (in the page).`,
    ``,
    `| hook | median (ms) | p95 (ms) | ratio to no hook |`,
    `|---|---:|---:|---:|`,
    ...results.map((r) => `| ${r.hook} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${(r.median / base.median).toFixed(2)}× |`),
  ].join('\n');
  await writeFile(join(root, 'bench/results/shader-hooks.md'), `${table}\n`);
  console.log(`\n${table}`);
} finally {
  await browser.close();
}
