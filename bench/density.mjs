// Density maps and grid clusters of scatter points on real WebGPU in Node (Dawn, as bench/gpu/):
// for 1M and 10M points, the first frame (upload + compute + draw) and pan frames (a new
// transform only: compute + draw over the GPU-resident points), against the CPU binning the
// Canvas2D fallback does, and against instanced markers when the scatter module's `markers`
// primitive is there.
//
//   npm run bench:density                      (builds bench/out/gpu/core.mjs first)
//   SIZES=1M,10M FRAMES=20 npm run bench:density       (NO_MARKERS=1: skip the markers comparison)
//
// Output: a Markdown table on stdout; bench/results/density.json.
import { create, globals } from 'webgpu';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { binDensity, clusterCells, DeviceManager, WebGpuRenderer } from './out/gpu/core.mjs';
import * as core from './out/gpu/core.mjs';

Object.assign(globalThis, globals);

const parseCount = (text) => {
  const m = /^\s*([\d.]+(?:e\d+)?)\s*([kKmM]?)\s*$/.exec(text);
  return Math.round(Number(m[1]) * ({ '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]));
};
const SIZES = (process.env.SIZES ?? '1M,10M').split(',').map(parseCount);
const FRAMES = Number(process.env.FRAMES ?? 10);
const WIDTH = Number(process.env.WIDTH ?? 1200);
const HEIGHT = Number(process.env.HEIGHT ?? 700);
const log = (...parts) => console.error('[bench:density]', ...parts);

const gpu = create(['enable-dawn-features=allow_unsafe_apis']);
globalThis.__densityBenchKeepAlive = gpu;
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) {
  console.error('bench:density: no WebGPU adapter (set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json on a machine without a GPU)');
  process.exit(2);
}
const device = await adapter.requestDevice({
  label: 'density bench',
  requiredLimits: { maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize },
});
const errors = [];
device.addEventListener('uncapturederror', (event) => errors.push(event.error?.message ?? String(event.error)));
const manager = DeviceManager.shared();
manager.injectDevice(device);

const renderer = new WebGpuRenderer({
  device,
  pipelines: manager.pipelines(device),
  allocations: manager.allocations.owner(),
  target: { kind: 'offscreen', format: 'rgba8unorm', width: WIDTH, height: HEIGHT },
  sampleCount: 4,
  timeGpu: false,
});
const health = await renderer.ready;
if (health.failed.length > 0) {
  console.error('pipelines failed', JSON.stringify(health.failed));
  process.exit(1);
}

/** A seeded generator. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** N points in data space [0, 1)²: four Gaussian-ish blobs and 20 % uniform noise. */
function points(n) {
  const random = rng(1);
  const out = new Float32Array(n * 2);
  const blobs = [[0.2, 0.3, 0.05], [0.6, 0.5, 0.12], [0.8, 0.2, 0.03], [0.4, 0.8, 0.08]];
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    if (k === 4) {
      out[i * 2] = random();
      out[i * 2 + 1] = random();
      continue;
    }
    const [cx, cy, r] = blobs[k];
    out[i * 2] = cx + (random() + random() + random() - 1.5) * r;
    out[i * 2 + 1] = cy + (random() + random() + random() - 1.5) * r;
  }
  return out;
}

const PLOT = { x: 40, y: 10, width: WIDTH - 100, height: HEIGHT - 50 };
const lut = new Uint8Array(1024);
for (let i = 0; i < 256; i++) lut.set([i, 255 - i, 128, 255], i * 4);

/** The pane transform of a view window [x0, x0 + w] × [y0, y0 + h] of the unit square. */
const view = (x0, y0, w, h) => [PLOT.width / w, (-x0 * PLOT.width) / w, -PLOT.height / h, PLOT.height + (y0 * PLOT.height) / h];

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[s.length >> 1], p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)], min: s[0], max: s.at(-1) };
};

async function timeFrames(makeScene, frames) {
  const t0 = performance.now();
  renderer.render(makeScene(0));
  await device.queue.onSubmittedWorkDone();
  const first = performance.now() - t0;
  const times = [];
  for (let f = 1; f <= frames; f++) {
    const t = performance.now();
    renderer.render(makeScene(f));
    await device.queue.onSubmittedWorkDone();
    times.push(performance.now() - t);
  }
  return { firstMs: first, frame: stats(times) };
}

/** Pan/zoom frames: a window that drifts and zooms, so that every frame bins anew. */
const windowAt = (f) => {
  const w = 0.4 + 0.6 * Math.abs(Math.cos(f * 0.3));
  return view(0.05 * Math.sin(f) + (1 - w) / 2, 0.05 * Math.cos(f) + (1 - w) / 2, w, w);
};

const results = [];
/** The same points as a markers layer (the scatter's primitive): x, y, 3-px diameter, colour bits. */
function markersData(data, n) {
  const out = new Float32Array(n * 4);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < n; i++) {
    out[i * 4] = data[i * 2];
    out[i * 4 + 1] = data[i * 2 + 1];
    out[i * 4 + 2] = 3;
    bits[i * 4 + 3] = 0xff_e0_63_25;
  }
  return out;
}
for (const n of SIZES) {
  log(`${n} points: generating`);
  const data = points(n);
  let version = n;
  const scene = (layer) => ({ width: WIDTH, height: HEIGHT, background: [1, 1, 1, 1], plot: PLOT, layers: [layer] });
  const density = (f) => scene({ kind: 'density', id: 'd', points: data, count: n, version, transform: windowAt(f), cellSize: 1, colormap: lut, scale: 'log' });
  const cluster = (f) => scene({ kind: 'cluster', id: 'c', points: data, count: n, version, transform: windowAt(f), cellSize: 40, color: [0.2, 0.4, 0.9, 0.8], pointRadius: 3, minRadius: 5, radiusStep: 2 });
  log(`${n} points: density`);
  const d = await timeFrames(density, FRAMES);
  const uploadsBefore = renderer.residentUploads;
  await timeFrames(density, 3);
  const uploadsDuringPans = renderer.residentUploads - uploadsBefore;
  version++;
  log(`${n} points: clusters`);
  const c = await timeFrames(cluster, FRAMES);
  version++;
  log(`${n} points: CPU binning (the Canvas2D path)`);
  const cpu = [];
  for (let f = 0; f < Math.min(5, FRAMES); f++) {
    const t = performance.now();
    binDensity({ points: data, count: n, transform: windowAt(f), cellSize: 1 }, PLOT.width, PLOT.height);
    cpu.push(performance.now() - t);
  }
  const cpuCluster = [];
  for (let f = 0; f < Math.min(5, FRAMES); f++) {
    const t = performance.now();
    clusterCells({ points: data, count: n, transform: windowAt(f), cellSize: 40 }, PLOT.width, PLOT.height);
    cpuCluster.push(performance.now() - t);
  }
  let markers = null;
  if (process.env.NO_MARKERS !== '1') {
  log(`${n} points: markers (the scatter's instanced markers primitive, data space, uploaded once)`);
  const markerData = markersData(data, n);
  const dataKey = core.nextMarkersKey();
  // On SwiftShader a 10M-marker frame takes minutes: one timed frame past 2M points.
  markers = await timeFrames((f) => scene({ kind: 'markers', id: 'm', data: markerData, count: n, shape: 'circle', transform: windowAt(f), dataKey }), n > 2_000_000 ? 1 : Math.min(FRAMES, 3)).catch((error) => ({ error: String(error) }));
  }
  results.push({ points: n, density: d, uploadsDuringPans, cluster: c, cpuBinning: stats(cpu), cpuClusters: stats(cpuCluster), markers });
  log(`${n} points: ${JSON.stringify(results.at(-1))}`);
}

const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, adapter: adapter.info?.description ?? adapter.info?.vendor ?? '?', loadAverage: loadavg() }, canvas: [WIDTH, HEIGHT], frames: FRAMES, results, errors };
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/density.json', JSON.stringify(report, null, 2));
const ms = (v) => (v === undefined || v === null ? '–' : v.toFixed(1));
console.log(
  [
    `# Density maps and clusters (${report.date})`,
    ``,
    `${report.machine.cpus} × ${report.machine.cpu}; adapter ${report.machine.adapter}; ${WIDTH}×${HEIGHT} offscreen, 4× MSAA; ${FRAMES} pan/zoom frames per size (median, to \`onSubmittedWorkDone\`). Load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`,
    ``,
    `| points | density first frame (upload + bin + draw) | density pan frame | uploads during pans | clusters pan frame | CPU binning (Canvas2D path) | CPU clusters | markers frame |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|`,
    ...results.map((r) => `| ${r.points.toLocaleString('en')} | ${ms(r.density.firstMs)} ms | ${ms(r.density.frame.median)} ms (p95 ${ms(r.density.frame.p95)}) | ${r.uploadsDuringPans} | ${ms(r.cluster.frame.median)} ms | ${ms(r.cpuBinning.median)} ms | ${ms(r.cpuClusters.median)} ms | ${r.markers && !r.markers.error ? `${ms(r.markers.frame.median)} ms` : 'n/a'} |`),
    errors.length ? `\nGPU errors: ${errors.join('; ')}` : '',
  ].join('\n'),
);
renderer.dispose();
process.exit(0);
