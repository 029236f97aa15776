// Where one <gpu-chart> frame's time goes beyond its CPU part: scene, renderer, GPU (or Canvas2D
// rasterization), the overlay's DOM work, presentation, and the flush a benchmark adds; for the
// renderer="auto" default, WebGPU at tier high (4× MSAA) and low (no MSAA, 75 % resolution),
// WebGPU with the overlay off, and Canvas2D. See bench/README.md.
//   npm run build && node bench/frame-profile.mjs
//   SIZES=1000000,10000000 FRAMES=30 SIZE=1600x900 node bench/frame-profile.mjs
//   HW_GPU=1 UNPACED=1 node bench/frame-profile.mjs        (the GPU machine; CHROME_PATH)
// Writes bench/results/frame-profile[-hw].{json,md}.
import { createRequire } from 'node:module';
// Playwright from the project, or on the GPU machine from ../shared/browser-kit ($BK).
const { chromium } = await import('@playwright/test').catch(() => {
  if (!process.env.BK) throw new Error('@playwright/test is not installed (and no browser kit: $BK)');
  return createRequire(`${process.env.BK}/`)('playwright-core');
});
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS, HW_GPU_FLAGS } from '../scripts/browser.mjs';

const env = process.env;
const SIZES = (env.SIZES ?? '1000000').split(',').map(Number);
const FRAMES = Number(env.FRAMES ?? 20);
const HW_GPU = env.HW_GPU === '1';
const [W, H] = (env.SIZE ?? '1200x700').split('x').map(Number);
const FLAGS = [...(HW_GPU ? HW_GPU_FLAGS : [...WEBGPU_FLAGS, '--disable-accelerated-2d-canvas', '--disable-gpu-rasterization']), ...(env.UNPACED === '1' ? ['--disable-gpu-vsync', '--disable-frame-rate-limit'] : [])];
const CONFIGS = [
  { name: 'defaults (renderer auto, tier auto)', renderer: 'auto', tier: 'auto', overlay: true },
  { name: 'WebGPU, tier high (4× MSAA)', renderer: 'webgpu', tier: 'high', overlay: true },
  { name: 'WebGPU, tier low (no MSAA, 75 % res.)', renderer: 'webgpu', tier: 'low', overlay: true },
  { name: 'WebGPU, tier high, overlay off', renderer: 'webgpu', tier: 'high', overlay: false },
  { name: 'Canvas2D', renderer: 'canvas2d', tier: 'auto', overlay: true },
];

if (!existsSync('cdn/gpu-charts.js')) {
  console.error('cdn/gpu-charts.js is missing: run `npm run build` first.');
  process.exit(1);
}
const port = 5400 + Math.floor(Math.random() * 400);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet'], { stdio: 'inherit' });
await new Promise((r) => setTimeout(r, 600));
const browser = await chromium.launch({ executablePath: findChrome(), args: FLAGS });
const results = [];
const loadStart = loadavg();
try {
  const page = await browser.newPage({ viewport: { width: W + 80, height: H + 100 } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  await page.goto(`http://127.0.0.1:${port}/bench/frame-profile.html?w=${W}&h=${H}`);
  await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
  const adapter = await page.evaluate(() => window.adapterInfo());
  for (const size of SIZES) {
    for (const config of CONFIGS) {
      const r = await page.evaluate((args) => window.profile(args), { size, frames: FRAMES, ...config });
      results.push({ size, config: config.name, ...r });
      const m = (k) => r[k]?.median?.toFixed(2) ?? '—';
      console.log(`${size.toLocaleString('en').padStart(10)} ${config.name.padEnd(40)} ${r.renderer}/${r.tier ?? '-'} cpu ${m('cpu')} (scene ${m('scene')}, render ${m('render')}) gpu ${m('gpu')} overlay ${m('overlay')} presented ${m('presented')} total ${m('total')} | flush ${m('flush')} ms`);
    }
  }
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, adapter, loadAverageAtStart: loadStart, loadAverageAtEnd: loadavg() }, flags: FLAGS, size: `${W}×${H}`, frames: FRAMES, results };
  await mkdir('bench/results', { recursive: true });
  const base = `bench/results/frame-profile${HW_GPU ? '-hw' : ''}`;
  await writeFile(`${base}.json`, JSON.stringify(report, null, 2));
  const f = (s) => (s?.median == null ? '—' : s.median.toFixed(2));
  const md = [
    `# Where a frame's time goes (\`node bench/frame-profile.mjs\`)`,
    '',
    `${report.date}; ${report.machine.cpus} × ${report.machine.cpu}; adapter ${adapter.vendor}/${adapter.architecture}${adapter.isFallbackAdapter ? ' (software)' : ''}; chart ${W}×${H} CSS px; ${FRAMES} frames per row (after 3 warm-up), medians in ms. Load average ${loadStart.map((x) => x.toFixed(1)).join(' / ')} at start, ${report.machine.loadAverageAtEnd.map((x) => x.toFixed(1)).join(' / ')} at end (the machine is shared: compare rows of one run). Flags: \`${FLAGS.join(' ')}\`.`,
    '',
    'Every frame: the whole series, y range widened. **cpu** = setViewport + renderNow() (scene: level of detail and ticks; render: encode and submit, or the Canvas2D calls); **gpu** = then until `onSubmittedWorkDone()` (WebGPU) or a 1×1 `getImageData` of the chart canvas (Canvas2D rasterization); **overlay** = then Lit `updateComplete` (axis labels, legend) + a forced layout; **presented** = then until the next animation frame + a task (presentation, compositing; includes waiting for vsync when paced); **flush** (separate frames) = what a benchmark harness adds to read a frame back: the canvas drawn into a 1×1 2D canvas and one pixel read.',
    '',
    '| points | configuration | renderer / tier | canvas px | cpu | scene | render | gpu | overlay | presented | total | flush |',
    '|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.size.toLocaleString('en')} | ${r.config} | ${r.renderer} / ${r.renderer === 'canvas2d' ? '—' : `${r.tier ?? '—'} (MSAA ${r.msaa})`}${r.switches?.length ? ` (auto: ${r.switches.join(', ')})` : ''} | ${r.pixels} | ${f(r.cpu)} | ${f(r.scene)} | ${f(r.render)} | ${f(r.gpu)} | ${f(r.overlay)} | ${f(r.presented)} | ${f(r.total)} | ${f(r.flush)} |`),
    '',
  ].join('\n');
  await writeFile(`${base}.md`, md);
  console.log(`\n${md}`);
} finally {
  await browser.close();
  server.kill();
}
