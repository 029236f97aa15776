// Never a blank chart, continued: GPU limits (chunked layers, a canvas larger than the largest
// texture), running out of GPU memory (degradation reported through gpu-quality-change), and
// shaders that do not compile (the other layers still draw; the pipeline breaker moves the chart
// to Canvas2D). Every case draws real pictures and checks pixels.
//
// A "small device" cannot be requested (WebGPU raises lower limits to the defaults), so the
// limits the library sizes by are capped through DeviceManager.testHooks.limits; out of memory is
// simulated by a memory budget on the allocation ledger (allocations past it give unusable
// resources, as a real out-of-memory allocation does); broken WGSL goes in through
// DeviceManager.testHooks.shaders.
import { DeviceManager, GpuChart } from '../../dist/index.js';
import { WebGpuRenderer } from '../../dist/render/webgpu/index.js';
import { assert, assertEqual, countColor, createChart, nextEvent, recordEvents, renderersOf, sleep, BLUE } from './helpers.js';

const RED = [220, 38, 38]; // --gpu-chart-series-2 in the light theme (the bars below)

/** A seeded random walk of n points, one a second. */
function walk(n, seed = 7) {
  let state = seed;
  const random = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) {
    time[i] = i * 1000;
    v += random() - 0.5;
    value[i] = v;
  }
  return { time, value };
}

/** Fraction of pixels whose colour differs by more than `tolerance` (sum of RGB differences). */
function differing(a, b, tolerance = 6) {
  assertEqual(`${a.width}x${a.height}`, `${b.width}x${b.height}`, 'snapshot sizes');
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > tolerance) n++;
  }
  return n / (a.width * a.height);
}

async function until(check, ms = 10_000, what = 'condition') {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A chart, not waiting for anything: for tests that must listen from the very start. */
function startChart({ width = 400, height = 240, attributes = {} } = {}) {
  const chart = document.createElement('gpu-chart');
  chart.style.width = `${width}px`;
  chart.style.height = `${height}px`;
  for (const [name, value] of Object.entries(attributes)) chart.setAttribute(name, value);
  chart.config = { quality: { tier: 'high' } };
  return chart;
}

const manager = DeviceManager.shared();
const defaults = GpuChart.recovery;

afterEach(() => {
  document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
  manager.testHooks.limits = null;
  manager.testHooks.shaders = null;
  manager.allocations.memoryBudgetBytes = null;
  manager.useGpu(null);
  GpuChart.recovery = defaults;
});

describe('GPU limits', () => {
  for (const type of ['line', 'area']) {
    it(`draws a lod="off" ${type} larger than one storage binding in chunks: the same picture`, async () => {
      const data = walk(20_000);
      const attributes = { lod: 'off', type };
      const reference = await createChart({ data, attributes });
      const expected = await reference.snapshot();
      const unchunkedCalls = /** @type {WebGpuRenderer} */ (renderersOf(reference).renderer).lastDrawCalls;
      reference.remove();

      // 4 KiB per binding: 512 points per chunk, so this series needs 40 chunks; buffers of at
      // most 8 KiB (the readback of the snapshot goes in bands of rows too).
      manager.testHooks.limits = { maxStorageBufferBindingSize: 4096, maxBufferSize: 8192 };
      const chart = await createChart({ data, attributes });
      const renderer = /** @type {WebGpuRenderer} */ (renderersOf(chart).renderer);
      assertEqual(renderer.limits.maxStorageBufferBindingSize, 4096, 'the capped limit is the one in use');
      const actual = await chart.snapshot();
      assert(renderer.lastDrawCalls >= unchunkedCalls + 39, `drawn in chunks (${renderer.lastDrawCalls} draw calls vs ${unchunkedCalls})`);
      assert(countColor(actual, BLUE, 60) > 500 || type === 'area', 'the line is drawn');
      assert(differing(actual, { ...actual, data: new Uint8Array(actual.data.length).fill(255) }) > 0.005, 'something is drawn');
      assertEqual(differing(expected, actual), 0, 'chunked picture identical to the one-binding picture (fraction of differing pixels)');
    });
  }

  it('draws rects layers larger than one binding in chunks (renderer, offscreen): the same picture', async () => {
    const device = await manager.acquire();
    const rows = 3000;
    const rects = new Float32Array(rows * 4);
    const colors = new Uint32Array(rows);
    for (let i = 0; i < rows; i++) {
      const x = (i * 7.3) % 230;
      const y = (i * 13.1) % 140;
      rects.set([x, y, x + 3, y + 5], i * 4);
      colors[i] = (i % 3 === 0 ? 0xff2626dc : 0xffeb6325) >>> 0;
    }
    /** @type {import('../../dist/core/index.js').FrameScene} */
    const scene = { width: 240, height: 150, background: [1, 1, 1, 1], plot: { x: 5, y: 5, width: 230, height: 140 }, layers: [{ kind: 'rects', id: 'r', rects, colors, count: rows }] };
    const draw = async (limits) => {
      const renderer = new WebGpuRenderer({ device, pipelines: manager.pipelines(device), allocations: manager.allocations.owner(), target: { kind: 'offscreen', format: 'rgba8unorm', width: 240, height: 150 }, sampleCount: 4, limits });
      const health = await renderer.ready;
      assertEqual(health.failed.length, 0, 'pipelines');
      const pixels = await renderer.capture(scene);
      const calls = renderer.lastDrawCalls;
      renderer.dispose();
      return { pixels, calls };
    };
    const whole = await draw(null);
    // 256 bytes per binding: 16 rectangles (corners) per chunk → 188 chunks.
    const chunked = await draw({ maxStorageBufferBindingSize: 256 });
    assertEqual(whole.calls, 1, 'one draw call unchunked');
    assertEqual(chunked.calls, Math.ceil(rows / 16), 'one draw call per chunk');
    assertEqual(differing(whole.pixels, chunked.pixels, 0), 0, 'identical pictures');
  });

  it('lowers the resolution when the canvas is larger than the largest texture, and says so', async () => {
    manager.testHooks.limits = { maxTextureDimension2D: 256 };
    const chart = startChart({ width: 400, height: 240 });
    const quality = recordEvents(chart, ['gpu-quality-change']);
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    await ready;
    chart.data = walk(2000);
    await until(() => quality.events.some((e) => e.detail.degradation), 5000, 'gpu-quality-change (limits)');
    await chart.nextFrame();
    const event = quality.events.find((e) => e.detail.degradation);
    assertEqual(event.detail.degradation.cause, 'limits', 'cause');
    assertEqual(event.detail.degradation.step, 'resolution', 'step');
    assert(/^limits: .*maxTextureDimension2D 256/.test(event.detail.reason), `reason: ${event.detail.reason}`);
    assert(event.detail.degradation.resolutionFactor < 0.65, `factor ${event.detail.degradation.resolutionFactor}`);
    assertEqual(chart.rendererKind, 'webgpu', 'still WebGPU');
    const snap = await chart.snapshot();
    assert(snap.width <= 256 && snap.height <= 256, `canvas within the limit: ${snap.width}×${snap.height}`);
    assert(snap.width >= 250, `as large as allowed: ${snap.width}`);
    assert(countColor(snap, BLUE, 60) > 150, 'the line is drawn');
    quality.stop();
  });
});

describe('GPU out of memory', () => {
  it('forces level of detail on when a lod="off" layer does not fit: gpu-quality-change, same picture as LOD', async () => {
    const data = walk(200_000);
    const reference = await createChart({ data });
    const expected = await reference.snapshot();
    reference.remove();

    // Room for the chart as LOD draws it (the 1.5 MB MSAA target, small buffers, a readback),
    // not for 200k raw points (a 2 MiB buffer).
    manager.allocations.memoryBudgetBytes = manager.allocations.totals.bytes + 2_500_000;
    const chart = startChart({ attributes: { lod: 'off' } });
    const quality = recordEvents(chart, ['gpu-quality-change']);
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    await ready;
    chart.data = data;
    await until(() => quality.events.some((e) => e.detail.degradation), 5000, 'gpu-quality-change (out of memory)');
    const { detail } = quality.events.find((e) => e.detail.degradation);
    assertEqual(detail.degradation.cause, 'out-of-memory', 'cause');
    assertEqual(detail.degradation.step, 'lod', 'first step');
    assertEqual(detail.degradation.lod, 'auto', 'LOD in effect');
    assert(detail.reason.startsWith('out-of-memory: '), `reason: ${detail.reason}`);
    assertEqual(chart.state, 'ready', 'still ready');
    await chart.nextFrame();
    const actual = await chart.snapshot();
    assert(countColor(actual, BLUE, 60) > 300, 'the line is drawn');
    const diff = differing(expected, actual);
    assert(diff < 0.001, `the degraded chart draws the LOD picture (${(diff * 100).toFixed(3)} % of pixels differ)`);
    assertEqual(quality.events.filter((e) => e.detail.degradation).length, 1, 'one step was enough');
    quality.stop();
  });

  it('turns MSAA off next, and falls back to Canvas2D when nothing fits — never a blank chart', async () => {
    // Less than the 1.5 MB MSAA target of a 400×240 chart.
    manager.allocations.memoryBudgetBytes = manager.allocations.totals.bytes + 1_000_000;
    const chart = startChart();
    const quality = recordEvents(chart, ['gpu-quality-change']);
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    await ready;
    chart.data = walk(3000);
    await until(() => quality.events.some((e) => e.detail.degradation), 5000, 'gpu-quality-change');
    const degradations = () => quality.events.filter((e) => e.detail.degradation);
    assertEqual(degradations()[0].detail.degradation.step, 'msaa', 'MSAA goes first when LOD is already on');
    await until(() => renderersOf(chart).renderer?.sampleCount === 1, 5000, 'a renderer without MSAA');
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(countColor(snap, BLUE, 60) > 150, 'drawn without MSAA');

    // Now nothing new fits: the resolution halves twice, then Canvas2D takes over.
    const fallback = nextEvent(chart, 'gpu-fallback');
    manager.allocations.memoryBudgetBytes = 64;
    const { time, value } = walk(4000, 9);
    chart.data = { time, a: value, b: value.map((v) => v + 1) };
    const { detail } = await fallback;
    assertEqual(detail.reason, 'out-of-memory', 'fallback reason');
    assertEqual(detail.renderer, 'canvas2d', 'drawn by Canvas2D');
    const steps = degradations().map((e) => e.detail.degradation.step).join(',');
    assertEqual(steps, 'msaa,resolution,resolution', 'degradation steps');
    assertEqual(degradations().at(-1).detail.degradation.resolutionFactor, 0.25, 'lowest resolution tried');
    await chart.nextFrame();
    const cpu = await chart.snapshot();
    assertEqual(`${cpu.width}x${cpu.height}`, `${Math.round(400 * devicePixelRatio)}x${Math.round(240 * devicePixelRatio)}`, 'Canvas2D draws at full resolution again');
    assert(countColor(cpu, BLUE, 60) > 150, 'the chart is drawn');
    quality.stop();
  });
});

// Line 4 has the error (an undeclared identifier), column 23.
const BROKEN_RECTS = `// rects.wgsl, broken on purpose by a test
@vertex
fn vs_rect(@builtin(vertex_index) i: u32) -> @builtin(position) vec4f {
  return vec4f(0.0) + not_declared_anywhere;
}
@fragment
fn fs_rect() -> @location(0) vec4f {
  return vec4f(1.0);
}
`;

/** A line (blue) and bars (red, a rects layer) in one chart. */
/** @returns {{ data: import('../../dist/index.js').GpuChart['data'], series: import('../../dist/index.js').ChartSeriesOptions[] }} */
function lineAndBars() {
  const { time, value } = walk(300);
  const volume = Float64Array.from(value, (_, i) => 1 + (i % 7));
  return {
    data: { time, price: value.map((v) => v + 40), volume },
    series: [
      { column: 'price', type: 'line', lineWidth: 2 },
      { column: 'volume', type: 'bar' },
    ],
  };
}

describe('shader and pipeline failures', () => {
  it('a rects shader that does not compile: lines still drawn, error reported with line and column', async () => {
    // No retries within the test: the chart stays degraded.
    GpuChart.recovery = { retry: { baseMs: 60_000, attempts: 3, jitter: 0 }, breaker: { failureThreshold: 100, windowMs: 60_000, openMs: 60_000 } };
    const { data, series } = lineAndBars();
    const healthy = await createChart();
    healthy.series = series;
    healthy.data = data;
    await healthy.nextFrame();
    const healthyShot = await healthy.snapshot();
    assert(countColor(healthyShot, RED, 60) > 200, 'bars drawn by a healthy chart');
    healthy.remove();

    manager.testHooks.shaders = { rects: BROKEN_RECTS };
    const chart = startChart();
    const fallbacks = recordEvents(chart, ['gpu-fallback']);
    const errors = [];
    const originalError = console.error;
    console.error = (...args) => errors.push(args.join(' '));
    try {
      const ready = nextEvent(chart, 'gpu-ready');
      document.body.append(chart);
      await ready;
    } finally {
      console.error = originalError;
    }
    chart.series = series;
    chart.data = data;
    await chart.nextFrame();
    assertEqual(chart.state, 'degraded', 'lifecycle state');
    assertEqual(chart.rendererKind, 'webgpu', 'WebGPU still draws');
    assertEqual(fallbacks.events.length, 1, 'one gpu-fallback event');
    const { detail } = fallbacks.events[0];
    assertEqual(detail.reason, 'pipeline-failed', 'reason');
    assertEqual(detail.renderer, 'webgpu', 'renderer');
    assertEqual(detail.layers.join(','), 'rects', 'the failed pipeline');
    const diagnostic = detail.diagnostics.find((d) => d.type === 'error');
    assert(diagnostic, `a compiler error in ${JSON.stringify(detail.diagnostics)}`);
    assertEqual(diagnostic.shader, 'rects.wgsl', 'shader');
    assertEqual(diagnostic.line, 4, 'line of the error');
    assert(diagnostic.column > 1, `column ${diagnostic.column}`);
    assert(/rects\.wgsl:4:\d+/.test(detail.message), `message names file:line:column: ${detail.message}`);
    assert(errors.some((e) => e.includes('rects.wgsl:4:')), 'reported on the console too');

    const snap = await chart.snapshot();
    assert(countColor(snap, BLUE, 60) > 200, 'the line is drawn');
    assertEqual(countColor(snap, RED, 60), 0, 'the bars (failed pipeline) are not');
    // The rest of the page is unaffected: a line chart beside it draws normally.
    manager.testHooks.shaders = null;
    const other = await createChart({ data: walk(500) });
    assertEqual(other.state, 'ready', 'another chart is ready');
    assert(countColor(await other.snapshot(), BLUE, 60) > 200, 'and draws');
    fallbacks.stop();
  });

  it('the pipeline breaker moves a chart whose layers keep failing to Canvas2D, and a probe brings WebGPU back', async () => {
    GpuChart.recovery = { retry: { baseMs: 20, factor: 2, maxMs: 100, attempts: 3, jitter: 0 }, breaker: { failureThreshold: 2, windowMs: 60_000, openMs: 400 } };
    manager.testHooks.shaders = { rects: BROKEN_RECTS };
    const { data, series } = lineAndBars();
    const chart = startChart();
    const fallbacks = recordEvents(chart, ['gpu-fallback']);
    const originalError = console.error;
    console.error = () => {};
    try {
      const ready = nextEvent(chart, 'gpu-ready');
      document.body.append(chart);
      await ready;
      chart.series = series;
      chart.data = data;
      // Degraded first; the missing bars make it retry the pipeline; the second failure opens the breaker.
      await until(() => fallbacks.events.some((e) => e.detail.renderer === 'canvas2d'), 10_000, 'the Canvas2D fallback');
    } finally {
      console.error = originalError;
    }
    const last = fallbacks.events.at(-1).detail;
    assertEqual(last.reason, 'circuit-open', 'reason');
    assertEqual(last.layers.join(','), 'rects', 'names the failing pipeline');
    assertEqual(last.diagnostics.find((d) => d.type === 'error')?.line, 4, 'with the line of the error');
    assertEqual(fallbacks.events[0].detail.renderer, 'webgpu', 'degraded (WebGPU without the bars) before');
    assertEqual(chart.state, 'fallback', 'state');
    await chart.nextFrame();
    const cpu = await chart.snapshot();
    assert(countColor(cpu, BLUE, 60) > 200, 'Canvas2D draws the line');
    assert(countColor(cpu, RED, 60) > 200, 'and the bars: the whole chart');

    // The shader is fixed (say, a driver update): the half-open probe returns to WebGPU.
    manager.testHooks.shaders = null;
    await until(() => chart.state === 'ready', 10_000, 'the return to WebGPU');
    assertEqual(chart.rendererKind, 'webgpu', 'renderer');
    await chart.nextFrame();
    const gpu = await chart.snapshot();
    assert(countColor(gpu, RED, 60) > 200, 'WebGPU draws the bars again');
    fallbacks.stop();
  });
});
