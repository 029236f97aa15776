// 3D charts' render core on real WebGPU in Node (Dawn, the `webgpu` package), no browser: the
// ChartModel's 3D scene (axes box, surface / point cloud) drawn by WebGpuRenderer into an offscreen
// 1920×1080 target with 4× MSAA and the depth pass. Rotation frames (the camera turns 3° per frame;
// only the camera uniform changes) for an empty 3D chart, a SURFACE² surface at lod 'auto' and 'off'
// (every vertex), and POINTS points; wall time to GPU done and GPU pass time (timestamp queries).
//
//   npm run bench:gpu:build                                   # → bench/out/gpu/core.mjs
//   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json node bench/three-d-gpu.mjs   # here (SURFACE 1000, POINTS 1M)
//   SURFACE=4096 POINTS=10000000 node bench/three-d-gpu.mjs                                 # on the GPU machine
//
// Environment: SURFACE (1000), POINTS (1000000), FRAMES (30), WIDTH/HEIGHT (1920/1080), SAMPLE_COUNT (4), LODS (auto,off).
import { create, globals } from 'webgpu';
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ChartModel, DeviceManager, WebGpuRenderer, loadSeriesType, parseGrid3d, parsePoints3d } from './out/gpu/core.mjs';

// The 3D types are lazy (core/three-d-lazy.ts; inlined in this build): registered before the models go 3D.
await loadSeriesType('surface');

Object.assign(globalThis, globals);
const SURFACE = Number(process.env.SURFACE ?? 1000);
const POINTS = Number(process.env.POINTS ?? 1_000_000);
const FRAMES = Number(process.env.FRAMES ?? 30);
const WIDTH = Number(process.env.WIDTH ?? 1920);
const HEIGHT = Number(process.env.HEIGHT ?? 1080);
const SAMPLE_COUNT = Number(process.env.SAMPLE_COUNT ?? 4);
/** Surface levels of detail to measure: 'auto' (bounded by the pane's pixels) and 'off' (every vertex). */
const LODS = String(process.env.LODS ?? 'auto,off').split(',');
const f = (x) => (x === null || x === undefined ? '—' : x.toFixed(2));
const log = (...parts) => console.error('[three-d-gpu]', ...parts);

const gpu = create(['enable-dawn-features=allow_unsafe_apis', 'disable-dawn-features=timestamp_quantization']);
globalThis.__threeDKeepAlive = gpu; // dropping it while the device lives aborts the process
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) {
  console.error('three-d-gpu: no WebGPU adapter (without a GPU set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)');
  process.exit(2);
}
const timestamps = adapter.features.has('timestamp-query');
const device = await adapter.requestDevice({
  requiredFeatures: timestamps ? ['timestamp-query'] : [],
  requiredLimits: { maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize },
});
const info = adapter.info ?? {};
log(`adapter ${[info.vendor, info.architecture, info.description].filter(Boolean).join(' / ')}; timestamps ${timestamps}`);
const manager = DeviceManager.shared();
manager.injectDevice(device);

function stats(xs) {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return { median: s[s.length >> 1], p95: s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)], min: s[0], max: s.at(-1), n: s.length };
}

/** A renderer and a 3D model of `type` at lod `lod`. */
function setup(type, lod) {
  const model = new ChartModel();
  model.setSize({ width: WIDTH, height: HEIGHT, pixelRatio: 1 });
  model.setOptions({ defaultType: type, lod });
  model.setSeriesOptions(type === 'points3d' ? [{ column: 'z', id: 'p', markerSize: 2 }] : null);
  const renderer = new WebGpuRenderer({ device, pipelines: manager.pipelines(device), allocations: manager.allocations.owner(), target: { kind: 'offscreen', format: 'rgba8unorm', width: WIDTH, height: HEIGHT }, sampleCount: SAMPLE_COUNT });
  return { model, renderer };
}

async function rotate({ model, renderer }) {
  await renderer.ready;
  const wall = [];
  const gpuMs = [];
  const cpu = [];
  for (let i = 0; i < FRAMES + 3; i++) {
    model.three.camera = { ...model.three.camera, azimuth: model.three.camera.azimuth + 3 };
    const t0 = performance.now();
    const scene = model.frame().scene;
    const result = renderer.render(scene);
    const t1 = performance.now();
    await device.queue.onSubmittedWorkDone();
    const t2 = performance.now();
    const g = await result.gpuMs;
    if (i < 3) continue;
    cpu.push(t1 - t0);
    wall.push(t2 - t0);
    gpuMs.push(g);
  }
  return { cpu: stats(cpu), wall: stats(wall), gpu: stats(gpuMs), gpuBytes: renderer.memoryBytes };
}

function surfaceGrid(n) {
  const x = Float64Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const z = new Float32Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) z[r * n + c] = Math.exp(-2 * (x[c] ** 2 + x[r] ** 2)) * Math.cos(9 * x[c]) * Math.sin(7 * x[r]);
  return parseGrid3d({ x, y: x, z });
}

function pointCloud(n) {
  let s = 7;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const z = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const t = rand() * 20;
    x[i] = Math.cos(t) * (1 + rand() * 0.3);
    y[i] = Math.sin(t) * (1 + rand() * 0.3);
    z[i] = t + rand();
  }
  return parsePoints3d({ x, y, z });
}

const results = {};
const empty = setup('surface', 'auto');
results.empty = await rotate(empty);
empty.renderer.dispose();
log(`empty 3D chart: wall median ${f(results.empty.wall.median)} ms, GPU ${f(results.empty.gpu?.median)} ms`);
const grid = surfaceGrid(SURFACE);
for (const lod of LODS) {
  const chart = setup('surface', lod);
  chart.model.three.setGrid(grid);
  const r = await rotate(chart);
  r.stride = chart.model.frame().scene.layers.find((l) => l.kind === 'surface3d').stride;
  results[`surface-${lod}`] = r;
  chart.renderer.dispose();
  log(`${SURFACE}² surface lod ${lod} (stride ${r.stride}): wall median ${f(r.wall.median)} ms (${f(r.wall.median / results.empty.wall.median)}× empty), GPU ${f(r.gpu?.median)} ms`);
}
const cloud = setup('points3d', 'auto');
cloud.model.three.setPoints(pointCloud(POINTS));
results.points = await rotate(cloud);
cloud.renderer.dispose();
log(`${POINTS} points: wall median ${f(results.points.wall.median)} ms (${f(results.points.wall.median / results.empty.wall.median)}× empty), GPU ${f(results.points.gpu?.median)} ms`);

const report = { date: new Date().toISOString(), adapter: info, cpus: cpus().length, loadAverage: loadavg(), settings: { SURFACE, POINTS, FRAMES, WIDTH, HEIGHT, SAMPLE_COUNT }, results };
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/three-d-gpu-${SURFACE}-${POINTS}.json`, JSON.stringify(report, null, 2));
const row = (name, r) => `| ${name} | ${f(r.cpu.median)} | ${f(r.wall.median)} | ${f(r.wall.p95)} | ${f(r.gpu?.median)} | ${f(r.wall.median / results.empty.wall.median)}× |`;
console.log(
  [
    `| scene (${WIDTH}×${HEIGHT}, ${SAMPLE_COUNT}× MSAA) | CPU median (ms) | to GPU done median (ms) | p95 | GPU pass median (ms) | ratio to empty |`,
    `|---|---:|---:|---:|---:|---:|`,
    row('empty 3D chart', results.empty),
    ...LODS.map((lod) => row(`${SURFACE}² surface, lod ${lod} (stride ${results[`surface-${lod}`].stride})`, results[`surface-${lod}`])),
    row(`${POINTS} points`, results.points),
  ].join('\n'),
);
process.exit(0);
