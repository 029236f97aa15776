// Never a blank chart: device loss, retries, the circuit breaker and the Canvas2D fallback,
// tested by actually breaking things.
import { DeviceManager, GpuChart } from '../../dist/index.js';
import { assert, assertEqual, createChart, nextEvent, recordEvents, renderersOf, sleep, BLUE, countColor } from './helpers.js';

const line = (n = 500) => ({ time: Float64Array.from({ length: n }, (_, i) => i * 1000), value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 40) * 10) });

function same(a, b) {
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 6) differing++;
  }
  return differing / (a.width * a.height);
}

async function until(check, ms = 5000, what = 'condition') {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('recovery', () => {
  const manager = DeviceManager.shared();
  const defaults = GpuChart.recovery;
  beforeEach(() => {
    GpuChart.recovery = { retry: { baseMs: 20, factor: 2, maxMs: 100, attempts: 3, jitter: 0 }, breaker: { failureThreshold: 3, windowMs: 60_000, openMs: 300 } };
  });
  afterEach(() => {
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
    manager.useGpu(null);
    GpuChart.recovery = defaults;
  });

  it('rebuilds every chart after device.destroy() and draws the identical picture', async () => {
    const a = await createChart({ data: line() });
    const b = await createChart({ data: line(300), attributes: { type: 'area' } });
    const beforeA = await a.snapshot();
    const beforeB = await b.snapshot();
    const recorder = recordEvents(a, ['gpu-recovery']);
    const recovered = Promise.all([a, b].map((chart) => new Promise((resolve) => chart.addEventListener('gpu-recovery', (e) => e.detail.phase === 'recovered' && resolve(e)))));
    const oldDevice = manager.device;
    oldDevice.destroy();
    await recovered;
    assert(manager.device && manager.device !== oldDevice, 'a new device');
    assertEqual(recorder.events.map((e) => e.detail.phase).join(','), 'lost,recovered', 'event sequence');
    const done = recorder.events.at(-1).detail;
    assert(done.attempt === 1 && done.durationMs >= 0, `attempts and timing: ${JSON.stringify(done)}`);
    assertEqual(a.state, 'ready', 'state back to ready');
    await a.nextFrame();
    const afterA = await a.snapshot();
    const afterB = await b.snapshot();
    assert(same(beforeA, afterA) < 0.001, `chart A identical after recovery (${same(beforeA, afterA)})`);
    assert(same(beforeB, afterB) < 0.001, 'chart B identical after recovery');
  });

  it('keeps streaming through a device loss: nothing appended is lost', async () => {
    const chart = await createChart({ data: line(100) });
    const recovered = new Promise((resolve) => chart.addEventListener('gpu-recovery', (e) => e.detail.phase === 'recovered' && resolve()));
    manager.device.destroy();
    for (let i = 0; i < 10; i++) chart.append({ time: [100_000 + i * 1000], value: [i] });
    await recovered;
    for (let i = 10; i < 20; i++) chart.append({ time: [100_000 + i * 1000], value: [i] });
    assertEqual(chart.model.data.length, 120, 'every appended row is there');
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(countColor(snap, BLUE, 60) > 100, 'and drawn');
  });

  it('retries with backoff, then falls back to Canvas2D, then returns to WebGPU through a half-open probe', async () => {
    const chart = await createChart({ data: line() });
    const webgpuPicture = await chart.snapshot();
    const recorder = recordEvents(chart, ['gpu-recovery', 'gpu-fallback']);
    manager.useGpu(/** @type {GPU} */ (/** @type {unknown} */ ({ requestAdapter: async () => null, getPreferredCanvasFormat: () => 'rgba8unorm' })));
    const fallback = nextEvent(chart, 'gpu-fallback');
    manager.device.destroy();
    const { detail } = await fallback;
    assertEqual(detail.renderer, 'canvas2d', 'falls back to Canvas2D');
    const phases = recorder.events.filter((e) => e.type === 'gpu-recovery').map((e) => e.detail.phase);
    assertEqual(phases.join(','), 'lost,retrying,retrying,failed', 'lost, two retries, failed');
    const delays = recorder.events.filter((e) => e.detail.phase === 'retrying').map((e) => e.detail.delayMs);
    assert(delays[1] > delays[0], `exponential backoff ${delays}`);
    assertEqual(chart.state, 'fallback', 'state');
    await chart.nextFrame();
    const canvasPicture = await chart.snapshot();
    assert(same(webgpuPicture, canvasPicture) < 0.05, `the fallback draws the same chart (${(same(webgpuPicture, canvasPicture) * 100).toFixed(2)} % of pixels differ)`);
    // WebGPU comes back: the probe after the breaker's open period finds it.
    manager.useGpu(null);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no return to WebGPU')), 10_000);
      const check = () => (chart.state === 'ready' ? (clearTimeout(timer), resolve()) : setTimeout(check, 50));
      check();
    });
    assertEqual(chart.rendererKind, 'webgpu', 'back on WebGPU');
    recorder.stop();
  });

  it('opens the circuit breaker after repeated losses and goes straight to the fallback', async () => {
    const chart = await createChart({ data: line() });
    for (let i = 0; i < 2; i++) {
      const recovered = new Promise((resolve) => chart.addEventListener('gpu-recovery', (e) => e.detail.phase === 'recovered' && resolve()));
      manager.device.destroy();
      await recovered;
    }
    const fallback = nextEvent(chart, 'gpu-fallback');
    manager.device.destroy();
    const { detail } = await fallback;
    assertEqual(detail.reason, 'circuit-open', 'the breaker opened');
    assertEqual(chart.rendererKind, 'canvas2d', 'drawing with Canvas2D meanwhile');
  });

  it('a new GPU memory budget (quality.maxGpuMemoryMB) rebuilds the WebGPU renderer, and only a change does', async () => {
    const chart = await createChart({ data: line() });
    const first = renderersOf(chart).renderer;
    assertEqual(first?.kind, 'webgpu', 'drawing with WebGPU');
    chart.updateConfig({ quality: { maxGpuMemoryMB: 512 } });
    await until(() => renderersOf(chart).renderer && renderersOf(chart).renderer !== first, 5000, 'a rebuilt renderer');
    const second = renderersOf(chart).renderer;
    assertEqual(chart.memoryBudgetBytes, 512 * 1024 * 1024, 'the budget in bytes');
    chart.updateConfig({ theme: 'dark' });
    await sleep(200);
    assert(renderersOf(chart).renderer === second, 'a change elsewhere keeps the renderer');
    assertEqual(renderersOf(chart).state, 'ready', 'still ready');
  });

  it('renderer="canvas2d" draws the same chart as WebGPU', async () => {
    const gpu = await createChart({ data: line() });
    const cpu = await createChart({ data: line(), attributes: { renderer: 'canvas2d' } });
    assertEqual(cpu.rendererKind, 'canvas2d', 'renderer');
    const a = await gpu.snapshot();
    const b = await cpu.snapshot();
    assert(same(a, b) < 0.05, `${(same(a, b) * 100).toFixed(2)} % of pixels differ`);
  });

  it('survives 20 device losses in a row with no leaked GPU memory or listeners', async () => {
    GpuChart.recovery = { retry: { baseMs: 10, attempts: 3, jitter: 0 }, breaker: { failureThreshold: 1000, windowMs: 60_000, openMs: 300 } };
    const chart = await createChart({ data: line() });
    await chart.nextFrame();
    const baseline = { ...manager.allocations.totals };
    const listeners = manager.listenerCount;
    for (let i = 0; i < 20; i++) {
      const recovered = new Promise((resolve) => chart.addEventListener('gpu-recovery', (e) => e.detail.phase === 'recovered' && resolve()));
      manager.device.destroy();
      await recovered;
      await chart.nextFrame();
    }
    assertEqual(manager.allocations.totals.buffers, baseline.buffers, 'buffers');
    assertEqual(manager.allocations.totals.bytes, baseline.bytes, 'bytes');
    assertEqual(manager.listenerCount, listeners, 'listeners');
  });
});
