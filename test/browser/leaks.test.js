// What a removed chart leaves behind: nothing. The full figures (1,000 charts, 100 device losses,
// 36,000 appends, JS heap after gc) come from `npm run soak`; these tests keep the cheap checks
// in the suite: listeners outside the chart's shadow root, the GPU ledger, the device manager.
import { DeviceManager } from '../../dist/index.js';
import { assert, assertEqual, BLUE, countColor, createChart } from './helpers.js';

const line = (n = 1000) => ({ time: Float64Array.from({ length: n }, (_, i) => i * 1000), value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 30)) });

/** Counts listeners added to (and removed from) every MediaQueryList the page asks for meanwhile. */
function watchMediaQueries() {
  const original = window.matchMedia;
  let live = 0;
  window.matchMedia = function (query) {
    const list = original.call(window, query);
    const add = list.addEventListener.bind(list);
    const remove = list.removeEventListener.bind(list);
    const mine = new Set();
    list.addEventListener = (type, listener, options) => {
      if (!mine.has(listener)) live++;
      mine.add(listener);
      add(type, listener, options);
    };
    list.removeEventListener = (type, listener, options) => {
      if (mine.delete(listener)) live--;
      remove(type, listener, options);
    };
    return list;
  };
  return { live: () => live, restore: () => (window.matchMedia = original) };
}

describe('leaks', () => {
  const manager = DeviceManager.shared();
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('a removed chart leaves no listener on a MediaQueryList (which would keep the chart alive)', async () => {
    const queries = watchMediaQueries();
    try {
      const chart = await createChart({ data: line() });
      assert(queries.live() >= 1, 'the chart follows devicePixelRatio changes while connected');
      chart.remove();
      assertEqual(queries.live(), 0, 'listeners left on MediaQueryLists');
      // Connected again, it follows devicePixelRatio again, and draws.
      const ready = new Promise((resolve) => chart.addEventListener('gpu-ready', resolve, { once: true }));
      document.body.append(chart);
      await ready;
      await chart.nextFrame();
      assert(queries.live() >= 1, 'watching again after reconnection');
      assert(countColor(await chart.snapshot(), BLUE, 60) > 100, 'drawn after reconnection');
      chart.remove();
      assertEqual(queries.live(), 0, 'none left after the second removal');
    } finally {
      queries.restore();
    }
  });

  it('50 charts created and removed give back every GPU resource and device listener', async () => {
    const warm = await createChart({ data: line() });
    warm.remove();
    const totals = { ...manager.allocations.totals };
    const listeners = manager.listenerCount;
    for (let i = 0; i < 50; i++) {
      const chart = await createChart({ data: line(500 + i) });
      assert(chart.gpuMemoryBytes > 0, 'the chart holds GPU memory while drawn');
      chart.remove();
    }
    assertEqual(manager.allocations.totals.buffers, totals.buffers, 'buffers');
    assertEqual(manager.allocations.totals.textures, totals.textures, 'textures');
    assertEqual(manager.allocations.totals.bytes, totals.bytes, 'bytes');
    assertEqual(manager.listenerCount, listeners, 'device manager listeners');
  });
});
