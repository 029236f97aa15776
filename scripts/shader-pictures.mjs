// Pictures of the curated shader hooks for docs/shaders.md, drawn by the real library in headless
// Chromium with WebGPU (SwiftShader here; any Chrome with CHROME_PATH). Needs `npm run build`.
//   node scripts/shader-pictures.mjs            → docs/images/shaders/<hook>.png (+ default-*.png)
// Each picture is one <gpu-chart> with a <gpu-shader library="…">, captured once the hook has
// compiled for every layer kind it colours (gpu-shader-ready), so a picture cannot silently show
// the default colours: the script fails instead.
import { chromium } from '@playwright/test';
import { mkdir, readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChrome, WEBGPU_FLAGS } from './browser.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = join(root, 'docs/images/shaders');
// Served by page.route (no server); localhost so that the page is a secure context (WebGPU needs one).
const ORIGIN = 'http://localhost:4999';
const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.json': 'application/json' };

/** What each picture draws: the series, the data and the kinds the hook must have compiled for. */
const PICTURES = [
  { file: 'default-area', library: null, type: 'area', data: 'walk', kinds: [] },
  { file: 'gradient-by-value', library: 'gradient-by-value', type: 'area', data: 'walk', kinds: ['area', 'line'] },
  { file: 'glow', library: 'glow', type: 'area', data: 'walk', kinds: ['area', 'line'] },
  { file: 'dashed-by-distance', library: 'dashed-by-distance', type: 'line', data: 'walk', kinds: ['line'] },
  { file: 'up-down', library: 'up-down', type: 'line', data: 'walk', kinds: ['line'] },
  { file: 'default-density', library: null, type: 'density', data: 'cloud', kinds: [] },
  { file: 'heat-by-density', library: 'heat-by-density', type: 'density', data: 'cloud', kinds: ['density'] },
];

const browser = await chromium.launch({ executablePath: findChrome(), headless: true, args: WEBGPU_FLAGS });
try {
  const page = await browser.newPage({ viewport: { width: 720, height: 320 }, deviceScaleFactor: 1 });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><body style="margin:0;background:#fff"><script type="module" src="/cdn/gpu-charts.js"></script></body>' });
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return route.fulfill({ status: 403 });
    try {
      return route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => customElements.get('gpu-shader') && customElements.get('gpu-chart'));
  await mkdir(out, { recursive: true });
  for (const picture of PICTURES) {
    const drawn = await page.evaluate(async ({ library, type, data, kinds }) => {
      document.querySelectorAll('gpu-chart').forEach((c) => c.remove());
      const chart = document.createElement('gpu-chart');
      chart.style.cssText = 'display:block;width:720px;height:320px';
      chart.setAttribute('renderer', 'webgpu');
      chart.config = { quality: { tier: 'high' } };
      const ready = new Promise((resolve, reject) => {
        chart.addEventListener('gpu-ready', (e) => (e.detail.renderer === 'webgpu' ? resolve() : reject(new Error('no WebGPU here'))), { once: true });
        setTimeout(() => reject(new Error('no gpu-ready within 30 s')), 30_000);
      });
      document.body.append(chart);
      await ready;
      // Deterministic data: a random walk (LCG), or a cloud of 200k points in three clusters.
      let seed = 7;
      const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
      if (data === 'walk') {
        const n = 400;
        const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
        let v = 100;
        const value = Float64Array.from({ length: n }, () => (v += (random() - 0.48) * 2));
        chart.data = { time, value };
        chart.series = [{ id: 'price', column: 'value', type, color: '#2563eb', lineWidth: 3 }];
      } else {
        chart.setAttribute('x-axis', 'linear');
        const n = 200_000;
        const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
        const x = new Float64Array(n);
        const y = new Float64Array(n);
        const centres = [[0, 0, 1], [3, 2, 0.6], [-2, 3, 0.8]];
        for (let i = 0; i < n; i++) {
          const [cx, cy, s] = centres[i % 3];
          x[i] = cx + gauss() * s;
          y[i] = cy + gauss() * s * 0.8;
        }
        chart.data = { time: Float64Array.from({ length: n }, (_, i) => i), x, y };
        chart.series = [{ id: 'price', column: 'y', x: 'x', type: 'scatter', density: 'on' }];
      }
      if (library) {
        const shader = document.createElement('gpu-shader');
        shader.setAttribute('for', 'price');
        shader.setAttribute('library', library);
        if (library === 'heat-by-density') shader.setAttribute('hook', 'colormap');
        const compiled = new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${library}: not compiled within 60 s`)), 60_000);
          chart.addEventListener('gpu-shader-error', (e) => reject(new Error(`${library}: ${e.detail.message}`)));
          chart.addEventListener('gpu-shader-ready', (e) => {
            if (kinds.every((k) => e.detail.kinds.includes(k))) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        chart.append(shader);
        chart.invalidate();
        await compiled;
      }
      chart.invalidate();
      await chart.nextFrame();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return chart.shaderStatus.map((s) => `${s.id}: ${s.state}`).join(', ');
    }, picture);
    await page.locator('gpu-chart').screenshot({ path: join(out, `${picture.file}.png`) });
    console.log(`${picture.file}.png${drawn ? ` (${drawn})` : ''}`);
  }
} finally {
  await browser.close();
}
