// Without WebGPU the chart still draws (Canvas2D fallback) and says why; with renderer="webgpu"
// it shows a message in its own box instead. The page never breaks.
import { DeviceManager } from '../../dist/index.js';
import { assert, assertEqual, nextEvent, BLUE, countColor } from './helpers.js';

const data = { time: [0, 1000, 2000], value: [1, 3, 2] };

describe('gpu-chart without WebGPU', () => {
  const manager = DeviceManager.shared();
  afterEach(() => {
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
    manager.useGpu(null);
    delete /** @type {{ gpu?: GPU }} */ (navigator).gpu;
  });

  async function chartWithout(attributes = {}) {
    manager.release();
    const chart = document.createElement('gpu-chart');
    chart.style.cssText = 'width:400px;height:240px';
    for (const [name, value] of Object.entries(attributes)) chart.setAttribute(name, value);
    const fallback = nextEvent(chart, 'gpu-fallback');
    document.body.append(chart);
    chart.data = data;
    const event = await fallback;
    await chart.updateComplete;
    return { chart, event };
  }

  async function assertDrawsWithCanvas2d(chart) {
    assertEqual(chart.state, 'fallback', 'state');
    assertEqual(chart.rendererKind, 'canvas2d', 'renderer');
    await chart.nextFrame();
    const snap = await chart.snapshot();
    assert(countColor(snap, BLUE, 60) > 150, 'the line is drawn by the fallback');
    assert(chart.shadowRoot.querySelector('[part=fallback-badge]'), 'a badge says so');
  }

  it('draws with Canvas2D when navigator.gpu is missing', async () => {
    Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
    const { chart, event } = await chartWithout();
    assertEqual(event.detail.reason, 'no-webgpu', 'reason');
    assertEqual(event.detail.renderer, 'canvas2d', 'renderer');
    await assertDrawsWithCanvas2d(chart);
  });

  it('draws with Canvas2D when the adapter is null', async () => {
    manager.useGpu(/** @type {GPU} */ (/** @type {unknown} */ ({ requestAdapter: async () => null, getPreferredCanvasFormat: () => 'rgba8unorm' })));
    const { chart, event } = await chartWithout();
    assertEqual(event.detail.reason, 'no-adapter', 'reason');
    await assertDrawsWithCanvas2d(chart);
  });

  it('draws with Canvas2D when the device request fails', async () => {
    manager.useGpu(/** @type {GPU} */ (/** @type {unknown} */ ({ requestAdapter: async () => ({ features: new Set(), info: {}, requestDevice: async () => Promise.reject(new Error('nope')) }), getPreferredCanvasFormat: () => 'rgba8unorm' })));
    const { chart, event } = await chartWithout();
    assertEqual(event.detail.reason, 'device-failed', 'reason');
    assert(event.detail.message.includes('nope'), 'cause in the message');
    await assertDrawsWithCanvas2d(chart);
  });

  it('shows a message in its own box when renderer="webgpu" forbids the fallback', async () => {
    manager.useGpu(/** @type {GPU} */ (/** @type {unknown} */ ({ requestAdapter: async () => null, getPreferredCanvasFormat: () => 'rgba8unorm' })));
    const { chart, event } = await chartWithout({ renderer: 'webgpu' });
    assertEqual(event.detail.renderer, 'none', 'nothing draws');
    assertEqual(chart.state, 'failed', 'state');
    const message = chart.shadowRoot.querySelector('[part=message]');
    assert(message && message.textContent.includes('WebGPU'), 'message in the box');
  });

  it('uses WebGPU again for new charts once it is available', async () => {
    manager.useGpu(null);
    const chart = document.createElement('gpu-chart');
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    assertEqual((await ready).detail.renderer, 'webgpu', 'renderer');
    assertEqual(chart.state, 'ready', 'state');
  });
});
