// The render core on real WebGPU in Node (Dawn, the `webgpu` npm package): ChartModel +
// WebGpuRenderer into an offscreen 1920×1080 target, at 100k … 100M points, against a naive
// baseline that uploads every point and draws them all as one line strip.
// Runs unchanged on SwiftShader (no GPU) and on a real GPU. See bench/gpu/README.md.
//
//   npx rollup -c bench/gpu/rollup.config.mjs      # → bench/out/gpu/{core,gpu-bench}.mjs
//   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json node bench/gpu/gpu-bench.mjs --sizes 100k,1M,10M
//   node bench/out/gpu/gpu-bench.mjs --json --sizes 100k,1M,10M,100M > gpu.json   # on the GPU machine
//
// Options (or environment): --sizes (SIZES) comma list, suffixes k/M allowed; --frames (FRAMES, 50);
// --naive-frames (NAIVE_FRAMES, 5; fewer once they have taken --naive-budget-s, 30); --no-naive; --naive-chunk-mb (1024); --sample-count (4);
// --width/--height (1920/1080); --seed (1); --max-mem-gb (host memory the run may use; default:
// MemAvailable); --label (names the machine in the report); --json (JSON on stdout; progress on stderr).
import { create, globals } from 'webgpu';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, hostname, loadavg, totalmem, freemem } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ChartModel, DeviceManager, WebGpuRenderer } from '../out/gpu/core.mjs';
import { markdown } from './format.mjs';
import { rng } from '../../demo/sample-data.js';

Object.assign(globalThis, globals);

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [key, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) out[key] = inline;
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

function parseCount(text) {
  const m = /^\s*([\d.]+(?:e\d+)?)\s*([kKmMgG]?)\s*$/.exec(String(text));
  if (!m) throw new Error(`bad size "${text}" (use 100000, 100k, 1M or 1e7)`);
  const scale = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2].toLowerCase()];
  return Math.round(Number(m[1]) * scale);
}

const args = parseArgs(process.argv.slice(2));
const opt = (name, env, fallback) => args[name] ?? process.env[env] ?? fallback;
const SIZES = String(opt('sizes', 'SIZES', '100000,1000000,10000000')).split(',').filter(Boolean).map(parseCount);
const FRAMES = Number(opt('frames', 'FRAMES', 50));
const WARMUP_MS = Number(opt('warmup-ms', 'WARMUP_MS', 1000));
const NAIVE_FRAMES = Number(opt('naive-frames', 'NAIVE_FRAMES', 5));
const NAIVE = !args['no-naive'] && process.env.NAIVE !== '0';
const NAIVE_BUDGET_MS = Number(opt('naive-budget-s', 'NAIVE_BUDGET_S', 30)) * 1000;
const NAIVE_CHUNK_BYTES = Number(opt('naive-chunk-mb', 'NAIVE_CHUNK_MB', 1024)) * 2 ** 20;
const SAMPLE_COUNT = Number(opt('sample-count', 'SAMPLE_COUNT', 4));
const WIDTH = Number(opt('width', 'WIDTH', 1920));
const HEIGHT = Number(opt('height', 'HEIGHT', 1080));
const SEED = Number(opt('seed', 'SEED', 1));
const MAX_MEM_GB = opt('max-mem-gb', 'MAX_MEM_GB', null);
const LABEL = opt('label', 'LABEL', null);
const JSON_OUT = Boolean(args.json);
// GPU level of detail (quality.gpuLod): auto = what a chart does by default (on for a real GPU, off
// on a software adapter); on/off pin it. With it active, the CPU path is measured too, as an extra row.
const GPU_LOD = String(opt('gpu-lod', 'GPU_LOD', 'auto'));
if (!['auto', 'on', 'off'].includes(GPU_LOD)) throw new Error(`--gpu-lod must be auto, on or off (got "${GPU_LOD}")`);

const log = (...parts) => console.error('[gpu-bench]', ...parts);
/** Wall-clock marks of each phase (epoch ms), to line up with a GPU clock log (nvidia-smi -lms). */
const timeline = [];
const mark = (what) => timeline.push({ at: Date.now(), what });
const now = () => performance.now();

// ---------------------------------------------------------------------------------------------
// Helpers

/** Median and p95 (nearest rank) plus min, max, mean. */
function stats(xs) {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const rank = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const mid = s.length >> 1;
  return {
    n: s.length,
    median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2,
    p95: rank(0.95),
    min: s[0],
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}


/** demo/sample-data.js's random walk (1 point per second from 2024-01-01), Float64Array columns. */
function randomWalk(count, seed) {
  const random = rng(seed);
  const time = new Float64Array(count);
  const value = new Float64Array(count);
  const start = Date.UTC(2024, 0, 1);
  let v = 100;
  for (let i = 0; i < count; i++) {
    time[i] = start + i * 1000;
    const volatility = (i >> 16) % 7 === 3 ? 1.2 : 0.4;
    v += (random() - 0.5) * volatility + Math.sin(i / 400000) * 0.0008;
    value[i] = v;
  }
  return { time, value };
}

/** Bytes of host memory the run may still use: MemAvailable (Linux), else os.freemem(). */
function availableBytes() {
  if (MAX_MEM_GB !== null) return Number(MAX_MEM_GB) * 2 ** 30 - process.memoryUsage().rss;
  try {
    const m = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {}
  return freemem();
}

let gc = () => {};
try {
  v8.setFlagsFromString('--expose-gc');
  gc = vm.runInNewContext('gc');
} catch {}

const gib = (bytes) => `${(bytes / 2 ** 30).toFixed(1)} GiB`;

function webgpuVersion() {
  try {
    return JSON.parse(readFileSync(createRequire(import.meta.url).resolve('webgpu/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const LIMIT_NAMES = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxUniformBufferBindingSize',
  'maxTextureDimension2D',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
  'maxVertexBuffers',
  'maxBindGroups',
  'maxStorageBuffersPerShaderStage',
];
const limitsOf = (limits) => Object.fromEntries(LIMIT_NAMES.map((k) => [k, limits[k]]).filter(([, v]) => v !== undefined));

// ---------------------------------------------------------------------------------------------
// Device

const gpu = create(['enable-dawn-features=allow_unsafe_apis', 'disable-dawn-features=timestamp_quantization']);
globalThis.__gpuBenchKeepAlive = gpu; // Dropping this object while the device lives aborts the process.

const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
if (!adapter) {
  const hint = process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES ? '' : ' (no VK_ICD_FILENAMES: on a machine without a GPU, set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json)';
  console.error(`gpu-bench: no WebGPU adapter${hint}`);
  process.exit(2);
}
const timestampQuery = adapter.features.has('timestamp-query');
const device = await adapter.requestDevice({
  label: 'gpu-bench device',
  requiredFeatures: timestampQuery ? ['timestamp-query'] : [],
  // The naive baseline needs big buffers; the chart itself fits in the default limits.
  requiredLimits: { maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize },
});
const errors = [];
device.addEventListener('uncapturederror', (event) => {
  const message = event.error?.message ?? String(event.error);
  errors.push(message);
  log('GPU error:', message);
});
let lost = null;
void device.lost.then((info) => {
  lost = `${info.reason}: ${info.message}`;
});
const manager = DeviceManager.shared();
manager.injectDevice(device);

const info = adapter.info ?? {};
const report = {
  tool: 'bench/gpu/gpu-bench.mjs',
  label: LABEL,
  date: new Date().toISOString(),
  command: [process.env.VK_ICD_FILENAMES ? `VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES}` : null, 'node', ...process.argv.slice(1).map((a, i) => (i === 0 ? a.replace(/^.*?(bench\/)/, '$1') : /[^\w@%+=:,./-]/.test(a) ? `'${a.replace(/'/g, `'\\''`)}'` : a))].filter(Boolean).join(' '),
  node: process.version,
  webgpuVersion: webgpuVersion(),
  machine: {
    hostname: hostname(),
    platform: `${process.platform}-${process.arch}`,
    cpuModel: cpus()[0]?.model ?? '?',
    cpus: cpus().length,
    totalMemBytes: totalmem(),
    availableMemBytesAtStart: availableBytes(),
    // Other work on the machine skews CPU times (and SwiftShader's GPU times): 1, 5, 15 min load.
    loadAverageAtStart: loadavg(),
    vulkanIcd: process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES ?? null,
  },
  adapter: {
    info: { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description },
    isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter ?? null,
    features: [...adapter.features].sort(),
    limits: limitsOf(adapter.limits),
  },
  device: { features: [...device.features].sort(), limits: limitsOf(device.limits), timestampQuery },
  settings: { width: WIDTH, height: HEIGHT, pixelRatio: 1, sampleCount: SAMPLE_COUNT, frames: FRAMES, warmupMs: WARMUP_MS, naiveFrames: NAIVE ? NAIVE_FRAMES : 0, naiveBudgetMs: NAIVE_BUDGET_MS, naiveChunkBytes: NAIVE_CHUNK_BYTES, seed: SEED, sizes: SIZES },
  floors: {},
  results: [],
  notes: [],
  errors,
  timeline,
};
log(`adapter: ${[info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' / ')}; timestamp-query: ${timestampQuery}; maxBufferSize ${gib(device.limits.maxBufferSize)}`);
if (!timestampQuery) report.notes.push('The adapter has no timestamp-query: GPU times are absent (—); wall times still hold.');

// ---------------------------------------------------------------------------------------------
// The chart: one model and one renderer, reused across sizes (as a chart given new data)

const model = new ChartModel();
model.setSize({ width: WIDTH, height: HEIGHT, pixelRatio: 1 });
const renderer = new WebGpuRenderer({
  device,
  pipelines: manager.pipelines(device),
  allocations: manager.allocations.owner(),
  target: { kind: 'offscreen', format: 'rgba8unorm', width: WIDTH, height: HEIGHT },
  sampleCount: SAMPLE_COUNT,
});
// As the element's gpuLodFor: auto is on for a real GPU (from 1M rows), off on a software adapter.
const softwareAdapter = Boolean(adapter.isFallbackAdapter ?? info.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe|software|basic render/i.test(`${info.vendor} ${info.architecture} ${info.device} ${info.description}`);
const gpuLodOption = GPU_LOD === 'off' || (GPU_LOD === 'auto' && softwareAdapter) ? null : { maxRows: renderer.gpuLodMaxRows, minRows: GPU_LOD === 'on' ? 0 : 1_000_000 };
/** The level-of-detail paths measured per size: the default first (the headline), the CPU path after it. */
const LOD_PATHS = gpuLodOption ? ['gpu', 'cpu'] : ['cpu'];
report.settings.gpuLod = { setting: GPU_LOD, softwareAdapter, paths: LOD_PATHS, maxRows: renderer.gpuLodMaxRows };

const queue = device.queue;

/** One frame: scene, render/submit, GPU done, GPU time. */
async function frame() {
  const t0 = now();
  const result = model.frame();
  const t1 = now();
  const stats = renderer.render(result.scene);
  const t2 = now();
  await queue.onSubmittedWorkDone();
  const t3 = now();
  const gpuMs = stats.gpuMs ? await stats.gpuMs : null;
  return { sceneMs: t1 - t0, renderMs: t2 - t1, wallMs: t3 - t0, gpuMs, lod: result.lod, scene: result.scene, yRange: result.yRange };
}

// Floor of every wall time: an empty submit and its onSubmittedWorkDone (Dawn's event polling in Node).
{
  const rounds = [];
  for (let i = 0; i < 30; i++) {
    const t = now();
    queue.submit([device.createCommandEncoder().finish()]);
    await queue.onSubmittedWorkDone();
    rounds.push(now() - t);
  }
  report.floors.submitRoundTripMs = stats(rounds.slice(5));
}

// Warm-up: pipelines compiled and the frame path JIT-compiled before anything is measured.
{
  const { time, value } = randomWalk(20_000, SEED + 100);
  model.setData({ time, columns: { value } });
  for (let i = 0; i < 10; i++) {
    model.viewport.setX(time[0] + i * 1e6, time[time.length - 1]);
    await frame();
  }
}

// ---------------------------------------------------------------------------------------------
// Naive baseline: N f32 values in vertex buffers, one line strip

const NAIVE_WGSL = /* wgsl */ `
struct Params {
  plot: vec4f,       // x, y, width, height (device px)
  viewport: vec2f,   // target size
  yMin: f32,
  ySpan: f32,
  base: u32,         // index of this buffer's first point
  last: u32,         // N - 1
  _pad: vec2u,
}
@group(0) @binding(0) var<uniform> params: Params;

@vertex
fn vs(@builtin(vertex_index) vertex: u32, @location(0) value: f32) -> @builtin(position) vec4f {
  let i = f32(params.base + vertex);
  let x = params.plot.x + i / max(f32(params.last), 1.0) * params.plot.z;
  let y = params.plot.y + (1.0 - (value - params.yMin) / params.ySpan) * params.plot.w;
  return vec4f(x / params.viewport.x * 2.0 - 1.0, 1.0 - y / params.viewport.y * 2.0, 0.0, 1.0);
}

@fragment
fn fs() -> @location(0) vec4f {
  return vec4f(0.15, 0.39, 0.92, 1.0);
}
`;

const naive = (() => {
  const module = device.createShaderModule({ label: 'gpu-bench naive', code: NAIVE_WGSL });
  const layout = device.createBindGroupLayout({ entries: [{ binding: 0, visibility: GPUShaderStage.VERTEX, buffer: { type: 'uniform' } }] });
  const pipeline = device.createRenderPipeline({
    label: 'gpu-bench naive line strip',
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    vertex: { module, entryPoint: 'vs', buffers: [{ arrayStride: 4, attributes: [{ shaderLocation: 0, offset: 0, format: 'float32' }] }] },
    fragment: { module, entryPoint: 'fs', targets: [{ format: 'rgba8unorm' }] },
    primitive: { topology: 'line-strip' },
    multisample: { count: SAMPLE_COUNT },
  });
  const target = device.createTexture({ size: [WIDTH, HEIGHT], format: 'rgba8unorm', usage: GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC });
  const msaa = SAMPLE_COUNT > 1 ? device.createTexture({ size: [WIDTH, HEIGHT], format: 'rgba8unorm', sampleCount: SAMPLE_COUNT, usage: GPUTextureUsage.RENDER_ATTACHMENT }) : null;
  const querySet = timestampQuery ? device.createQuerySet({ type: 'timestamp', count: 2 }) : null;
  const resolveBuffer = timestampQuery ? device.createBuffer({ size: 16, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC }) : null;
  const readBuffer = timestampQuery ? device.createBuffer({ size: 16, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ }) : null;
  return { layout, pipeline, target, msaa, querySet, resolveBuffer, readBuffer };
})();

/** Draws every chunk once; returns wall ms (submit → GPU done) and GPU ms (timestamps). */
async function naiveDraw(chunks, plot) {
  const t0 = now();
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginRenderPass({
    ...(naive.querySet ? { timestampWrites: { querySet: naive.querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } } : {}),
    colorAttachments: [
      {
        view: (naive.msaa ?? naive.target).createView(),
        resolveTarget: naive.msaa ? naive.target.createView() : undefined,
        clearValue: { r: 1, g: 1, b: 1, a: 1 },
        loadOp: 'clear',
        storeOp: naive.msaa ? 'discard' : 'store',
      },
    ],
  });
  pass.setScissorRect(plot.x, plot.y, plot.width, plot.height);
  pass.setPipeline(naive.pipeline);
  for (const chunk of chunks) {
    pass.setBindGroup(0, chunk.bindGroup);
    pass.setVertexBuffer(0, chunk.vertices);
    pass.draw(chunk.count);
  }
  pass.end();
  if (naive.querySet) {
    encoder.resolveQuerySet(naive.querySet, 0, 2, naive.resolveBuffer, 0);
    encoder.copyBufferToBuffer(naive.resolveBuffer, 0, naive.readBuffer, 0, 16);
  }
  queue.submit([encoder.finish()]);
  await queue.onSubmittedWorkDone();
  const wallMs = now() - t0;
  let gpuMs = null;
  if (naive.readBuffer) {
    await naive.readBuffer.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigUint64Array(naive.readBuffer.getMappedRange().slice(0));
    naive.readBuffer.unmap();
    gpuMs = end >= begin ? Number(end - begin) / 1e6 : null;
  }
  return { wallMs, gpuMs };
}

/** Pixels of a texture that are not the white clear colour (a sanity check of the naive drawing). */
async function countDrawnPixels(texture) {
  const bytesPerRow = Math.ceil((WIDTH * 4) / 256) * 256;
  const buffer = device.createBuffer({ size: bytesPerRow * HEIGHT, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  try {
    const encoder = device.createCommandEncoder();
    encoder.copyTextureToBuffer({ texture }, { buffer, bytesPerRow }, { width: WIDTH, height: HEIGHT });
    queue.submit([encoder.finish()]);
    await buffer.mapAsync(GPUMapMode.READ);
    const data = new Uint8Array(buffer.getMappedRange());
    let count = 0;
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0, i = y * bytesPerRow; x < WIDTH; x++, i += 4) if (data[i] !== 255 || data[i + 1] !== 255 || data[i + 2] !== 255) count++;
    }
    buffer.unmap();
    return count;
  } finally {
    buffer.destroy();
  }
}

async function runNaive(values, n, plot, yRange) {
  const bytes = n * 4;
  const limit = Math.min(device.limits.maxBufferSize, NAIVE_CHUNK_BYTES);
  const chunkPoints = Math.floor(limit / 4);
  if (chunkPoints < 2) return { status: 'skipped', note: `maxBufferSize ${device.limits.maxBufferSize} too small` };
  // Host memory: the f32 copy, plus (SwiftShader, or Dawn's staging for writeBuffer) about as much again.
  const needed = bytes * 2.5;
  const available = availableBytes();
  if (needed > available * 0.85) return { status: 'skipped', note: `needs about ${gib(needed)} of host memory, ${gib(available)} available` };

  mark(`${n}: naive`);
  let t = now();
  const f32 = new Float32Array(values);
  const prepareMs = now() - t;

  const chunks = [];
  try {
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    t = now();
    for (let first = 0; ; first += chunkPoints - 1) {
      const count = Math.min(chunkPoints, n - first);
      const vertices = device.createBuffer({ label: 'gpu-bench naive points', size: Math.ceil((count * 4) / 4) * 4, usage: GPUBufferUsage.VERTEX | GPUBufferUsage.COPY_DST });
      // writeBuffer in pieces of ≤ 64 MiB (one staging allocation each).
      for (let done = 0; done < count; ) {
        const piece = Math.min(count - done, 16 * 2 ** 20);
        queue.writeBuffer(vertices, done * 4, f32, first + done, piece);
        done += piece;
      }
      const params = device.createBuffer({ size: 48, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
      const p = new ArrayBuffer(48);
      const pf = new Float32Array(p);
      const pu = new Uint32Array(p);
      pf.set([plot.x, plot.y, plot.width, plot.height, WIDTH, HEIGHT, yRange[0], yRange[1] - yRange[0]]);
      pu[8] = first;
      pu[9] = n - 1;
      queue.writeBuffer(params, 0, p);
      const bindGroup = device.createBindGroup({ layout: naive.layout, entries: [{ binding: 0, resource: { buffer: params } }] });
      chunks.push({ vertices, params, bindGroup, count });
      if (first + count >= n) break;
    }
    await queue.onSubmittedWorkDone();
    const uploadMs = now() - t;
    const validation = await device.popErrorScope();
    const oom = await device.popErrorScope();
    if (oom || validation) return { status: 'failed', note: `upload: ${(oom ?? validation).message}` };

    const first = await naiveDraw(chunks, plot);
    const frames = [];
    // NAIVE_FRAMES draws, fewer when they take longer than the budget (SwiftShader at 10M), at least 1.
    const drawStart = now();
    for (let i = 0; i < NAIVE_FRAMES && (i === 0 || now() - drawStart < NAIVE_BUDGET_MS); i++) frames.push(await naiveDraw(chunks, plot));
    mark(`${n}: naive done`);
    const coveredPixels = await countDrawnPixels(naive.target);
    return {
      coveredPixels,
      status: 'ok',
      chunks: chunks.length,
      chunkBytes: limit,
      prepareMs,
      uploadMs,
      uploadGBps: bytes / 1e9 / (uploadMs / 1000),
      firstDrawWallMs: first.wallMs,
      firstDrawGpuMs: first.gpuMs,
      frames: frames.length,
      gpuMs: stats(frames.map((f) => f.gpuMs)),
      wallMs: stats(frames.map((f) => f.wallMs)),
    };
  } finally {
    for (const c of chunks) {
      c.vertices.destroy();
      c.params.destroy();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sizes

/**
 * One level-of-detail path over one size: build (setData, plus the pyramid on the CPU path; the
 * GPU path needs none: its first frame uploads the values instead), first frame, pan/zoom frames.
 */
async function measurePath(size, time, value, path) {
  model.setOptions({ gpuLod: path === 'gpu' ? gpuLodOption : null });
  await queue.onSubmittedWorkDone();
  mark(`${size}: build (${path} LOD)`);
  let t = now();
  model.setData({ time, columns: { value } });
  const setDataMs = now() - t;
  t = now();
  const pyramid = path === 'cpu' ? model.data.pyramid('value') : null;
  const pyramidMs = now() - t;
  const build = { setDataMs, pyramidMs, totalMs: setDataMs + pyramidMs, cpuBytes: model.data.byteLength, pyramidBytes: pyramid?.byteLength ?? 0 };

  mark(`${size}: frames (${path} LOD)`);
  const uploadedBefore = renderer.residentColumnRows;
  const first = await frame();
  const firstFrame = { wallMs: first.wallMs, sceneMs: first.sceneMs, renderMs: first.renderMs, gpuMs: first.gpuMs, drawnPoints: first.lod.drawnPoints, visiblePoints: first.lod.visiblePoints, lodMode: first.lod.mode, residentRowsUploaded: renderer.residentColumnRows - uploadedBefore, drawnKinds: [...new Set(first.scene.layers.map((l) => l.kind))] };
  const plot = { ...first.scene.plot };
  const yRange = [...first.yRange];

  // Pan/zoom: as bench/frame-cost.html, alternating a random window (1–100 % of the data) and a 10 % pan.
  const [start, end] = [time[0], time[size - 1]];
  // Warm-up (unmeasured, other windows): a GPU left idle while the CPU generated the data runs
  // at a lowered clock (seen on the H200: 345 MHz instead of 1980 for the first 100M frames), which
  // a chart being panned does not. WARMUP_MS of frames first; 0 turns it off.
  const warm = rng(3);
  for (const until = now() + WARMUP_MS; now() < until; ) {
    const span = (end - start) * (0.01 + warm() * 0.99);
    const from = start + warm() * (end - start - span);
    model.viewport.setX(from, from + span);
    await frame();
  }
  const random = rng(2);
  const frames = [];
  for (let i = 0; i < FRAMES; i++) {
    if (i % 2 === 0) {
      const span = (end - start) * (0.01 + random() * 0.99);
      const from = start + random() * (end - start - span);
      model.viewport.setX(from, from + span);
    } else {
      const shift = model.viewport.span * 0.1;
      model.viewport.setX(model.viewport.start + shift, model.viewport.end + shift);
    }
    frames.push(await frame());
  }
  const panZoom = {
    frames: FRAMES,
    sceneMs: stats(frames.map((f) => f.sceneMs)),
    renderMs: stats(frames.map((f) => f.renderMs)),
    gpuMs: stats(frames.map((f) => f.gpuMs)),
    gpuTimedFrames: frames.filter((f) => f.gpuMs !== null).length,
    wallMs: stats(frames.map((f) => f.wallMs)),
    drawnPoints: stats(frames.map((f) => f.lod.drawnPoints)),
    visiblePoints: stats(frames.map((f) => f.lod.visiblePoints)),
    m4Frames: frames.filter((f) => f.lod.mode === 'm4').length,
    // Every frame, for a closer look: [scene, render, GPU, wall] ms, drawn points, visible points.
    perFrame: frames.map((f) => [f.sceneMs, f.renderMs, f.gpuMs, f.wallMs].map((v) => (v === null ? null : Math.round(v * 1000) / 1000)).concat([f.lod.drawnPoints, f.lod.visiblePoints])),
  };

  mark(`${size}: frames done (${path} LOD)`);
  return { result: { lodPath: path, build, firstFrame, panZoom }, plot, yRange };
}


async function runSize(size) {
  // Host memory: time + value (16 B/point), pyramid (< 1 B/point), scene buffers (small).
  const needed = size * 17 + 256 * 2 ** 20;
  const available = availableBytes();
  if (needed > available * 0.85) return { size, status: 'skipped', note: `needs about ${gib(needed)} of host memory, ${gib(available)} available (--max-mem-gb or fewer --sizes)` };

  mark(`${size}: generate`);
  let t = now();
  const { time, value } = randomWalk(size, SEED);
  const generateMs = now() - t;

  const measured = [];
  for (const path of LOD_PATHS) measured.push(await measurePath(size, time, value, path));
  const [main, ...others] = measured;
  const { plot, yRange } = main;
  const result = { size, status: 'ok', generateMs, ...main.result, alternates: others.map((o) => o.result) };
  for (const m of measured) {
    const r = m.result;
    log(`${size.toLocaleString('en')} points, ${r.lodPath} LOD: build ${r.build.totalMs.toFixed(1)} ms, first frame ${r.firstFrame.wallMs.toFixed(1)} ms, pan/zoom wall median ${r.panZoom.wallMs.median.toFixed(2)} ms (scene ${r.panZoom.sceneMs.median.toFixed(2)}, render ${r.panZoom.renderMs.median.toFixed(2)}, GPU ${r.panZoom.gpuMs ? r.panZoom.gpuMs.median.toFixed(3) : '—'})`);
  }


  if (NAIVE) {
    // The chart's own data stays alive (as it would in a page); the naive copy comes on top.
    try {
      result.naive = await runNaive(value, size, plot, yRange);
    } catch (error) {
      result.naive = { status: 'failed', note: String(error?.message ?? error) };
    }
    const n = result.naive;
    log(`${size.toLocaleString('en')} points naive: ${n.status === 'ok' ? `upload ${n.uploadMs.toFixed(1)} ms, draw wall median ${n.wallMs.median.toFixed(2)} ms, GPU ${n.gpuMs ? n.gpuMs.median.toFixed(2) : '—'} ms` : `${n.status} (${n.note})`}`);
  }
  return result;
}

try {
  for (const size of SIZES) {
    if (lost) {
      report.results.push({ size, status: 'failed', note: `device lost: ${lost}` });
      continue;
    }
    let result;
    try {
      result = await runSize(size);
    } catch (error) {
      result = { size, status: 'failed', note: String(error?.stack ?? error).split('\n').slice(0, 3).join(' ') };
    }
    if (result.status !== 'ok') log(`${size.toLocaleString('en')} points: ${result.status} (${result.note})`);
    report.results.push(result);
    // Let the previous size's arrays go before the next one is allocated.
    model.setData({ time: new Float64Array([0, 1]), columns: { value: new Float64Array([0, 1]) } });
    gc();
  }
  if (lost) report.notes.push(`device lost: ${lost}`);
} finally {
  renderer.dispose();
  await queue.onSubmittedWorkDone();
}

report.machine.loadAverageAtEnd = loadavg();
report.totalSeconds = process.uptime();
if (JSON_OUT) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else process.stdout.write(markdown(report));
manager.release();
// Keep `gpu` reachable until the very end (see WEBGPU-HEADLESS.md).
void globalThis.__gpuBenchKeepAlive;
