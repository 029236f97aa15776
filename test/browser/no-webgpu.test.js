// Without WebGPU the element says so in its own box, fires gpu-fallback, and the page goes on.
import { DeviceManager } from '../../dist/index.js';
import { assert, assertEqual, nextEvent } from './helpers.js';

describe('gpu-chart without WebGPU', () => {
  const manager = DeviceManager.shared();
  afterEach(() => {
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
    manager.useGpu(null);
    delete navigator.gpu;
  });

  async function fallbackFor() {
    manager.release();
    const chart = document.createElement('gpu-chart');
    const fallback = nextEvent(chart, 'gpu-fallback');
    document.body.append(chart);
    chart.data = { time: [0, 1], value: [1, 2] };
    const event = await fallback;
    await chart.updateComplete;
    return { chart, event };
  }

  it('handles a missing navigator.gpu', async () => {
    Object.defineProperty(navigator, 'gpu', { value: undefined, configurable: true });
    const { chart, event } = await fallbackFor();
    assertEqual(event.detail.reason, 'no-webgpu', 'reason');
    assertEqual(chart.state, 'unsupported', 'state');
    const message = chart.shadowRoot.querySelector('[part=message]');
    assert(message && message.textContent.includes('WebGPU'), 'message in the box');
  });

  it('handles a null adapter', async () => {
    manager.useGpu({ requestAdapter: async () => null, getPreferredCanvasFormat: () => 'rgba8unorm' });
    const { event } = await fallbackFor();
    assertEqual(event.detail.reason, 'no-adapter', 'reason');
  });

  it('handles a device request that fails', async () => {
    manager.useGpu({ requestAdapter: async () => ({ features: new Set(), info: {}, requestDevice: async () => Promise.reject(new Error('nope')) }), getPreferredCanvasFormat: () => 'rgba8unorm' });
    const { event } = await fallbackFor();
    assertEqual(event.detail.reason, 'device-failed', 'reason');
    assert(event.detail.message.includes('nope'), 'cause in the message');
  });

  it('recovers to WebGPU for new charts once it is available again', async () => {
    manager.useGpu(null);
    const chart = document.createElement('gpu-chart');
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    await ready;
    assertEqual(chart.state, 'ready', 'state');
  });
});
