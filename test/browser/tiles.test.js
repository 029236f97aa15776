// <gpu-chart tiles="…">: a real tile server (DuckDB) on loopback, both renderers, zoom, cache,
// live tail, device loss without refetching, and a failing server keeping the last picture.
import { DeviceManager, GpuChart } from '../../dist/index.js';
import { assert, assertEqual, countColor, BLUE, recordEvents, sleep } from './helpers.js';

const control = async (path = 'info') => (await fetch(`/__tiles/${path}`)).json();

async function until(check, ms = 20000, what = 'condition') {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function tileChart(renderer) {
  const info = await control();
  const chart = /** @type {GpuChart} */ (document.createElement('gpu-chart'));
  chart.style.width = '600px';
  chart.style.height = '260px';
  chart.setAttribute('renderer', renderer);
  chart.config = { quality: { tier: 'high' } };
  const events = recordEvents(chart, ['gpu-tiles', 'gpu-data-error']);
  chart.setAttribute('tiles', `${info.url}/v1/series/${info.series}`);
  document.body.append(chart);
  await until(() => chart.tilesStatus?.state === 'exact', 30000, 'the first exact picture');
  await chart.nextFrame();
  return { chart, info, events };
}

describe('tiles', () => {
  const defaults = GpuChart.recovery;
  beforeEach(() => {
    GpuChart.recovery = { retry: { baseMs: 20, factor: 2, maxMs: 100, attempts: 2, jitter: 0 }, breaker: { failureThreshold: 3, windowMs: 60_000, openMs: 300 } };
  });
  afterEach(async () => {
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
    GpuChart.recovery = defaults;
    await control('fault?status=0');
  });

  for (const renderer of ['webgpu', 'canvas2d']) {
    it(`draws the whole series from M4 tiles at the chart's width (${renderer})`, async () => {
      const { chart, info } = await tileChart(renderer);
      const status = chart.tilesStatus;
      assertEqual(status.mode, 'm4', 'aggregated per pixel column');
      assert(status.tiles >= 1 && status.held === status.tiles, `every tile held: ${JSON.stringify(status)}`);
      const data = chart.model.data;
      const widthPx = 600 * devicePixelRatio;
      assert(data.length > 100 && data.length <= 4 * (status.tiles * 256) + 2, `rows drawn: ${data.length}`);
      assert(data.length < 50_000 / 4, 'far fewer rows than the series holds');
      const [start, end] = [chart.model.viewport.start, chart.model.viewport.end];
      assert(Math.abs(start - info.from) < 1 && Math.abs(end - info.to) < 1, `view = whole series (${start}–${end} vs ${info.from}–${info.to})`);
      assert(2 ** status.level <= (info.to - info.from) / widthPx, 'columns at most a pixel wide');
      const snap = await chart.snapshot();
      assert(countColor(snap, BLUE) > 500, `the line is drawn (${countColor(snap, BLUE)} blue px)`);
    });
  }

  it('zooms in to finer tiles, and back out from the cache without a request', async () => {
    const { chart, info } = await tileChart('webgpu');
    const coarse = chart.tilesStatus;
    const mid = (info.from + info.to) / 2;
    chart.setViewport(mid - 600_000, mid + 600_000);
    await until(() => chart.tilesStatus.state === 'exact' && chart.tilesStatus.level < coarse.level, 20000, 'finer exact tiles');
    const fine = chart.tilesStatus;
    assert(fine.requests > coarse.requests, 'fetched the finer tiles');
    const rows = chart.model.data.length;
    assert(rows > 0, 'rows for the zoomed view');
    await sleep(500); // the zoomed view's prefetches land
    const settled = chart.tilesStatus.requests;
    const after = recordEvents(chart, ['gpu-tiles']);
    chart.setViewport(info.from, info.to);
    await until(() => chart.tilesStatus.level === coarse.level && chart.tilesStatus.state === 'exact', 20000, 'back to the coarse level');
    const first = after.events[0].detail;
    assert(first.state === 'exact' && first.held === first.tiles, `zooming out drew from the cache at once: ${JSON.stringify(first)}`);
    await sleep(300);
    // What follows are prefetches (parents of the view's tiles, and the zoomed view's last ones
    // landing late under load), never the view's own tiles: those were all held (above).
    assert(chart.tilesStatus.requests - settled <= 8, `only prefetches after zooming out (${chart.tilesStatus.requests - settled})`);
  });

  it('refetches nothing after a device loss: the picture is rebuilt from what the chart holds', async () => {
    const { chart } = await tileChart('webgpu');
    await sleep(300);
    const before = (await control()).requests;
    const rows = chart.model.data.length;
    const recovered = new Promise((resolve) => chart.addEventListener('gpu-recovery', (e) => e.detail.phase === 'recovered' && resolve()));
    DeviceManager.shared().device.destroy();
    await recovered;
    await chart.nextFrame();
    await sleep(200);
    assertEqual((await control()).requests, before, 'no tile request after the device loss');
    assertEqual(chart.model.data.length, rows, 'same rows');
    assert(countColor(await chart.snapshot(), BLUE) > 500, 'drawn again');
  });

  it('keeps the last picture when the server fails, says so, and recovers with backoff', async () => {
    const { chart, info, events } = await tileChart('webgpu');
    const rows = chart.model.data.length;
    await control('fault?status=503');
    const mid = (info.from + info.to) / 2;
    chart.setViewport(mid - 300_000, mid + 300_000);
    await until(() => events.events.some((e) => e.type === 'gpu-data-error' && e.detail.code === 'engine-down'), 20000, 'gpu-data-error');
    const error = events.events.find((e) => e.type === 'gpu-data-error' && e.detail.code === 'engine-down').detail;
    assert(/injected fault 503/.test(error.message), error.message);
    assertEqual(chart.tilesStatus.state, 'error', 'state');
    assert(rows > 0 && chart.model.data.length > 0, 'the last picture (coarse rows standing in for the zoomed view) stays');
    assert(countColor(await chart.snapshot(), BLUE) > 100, 'still drawn');
    await control('fault?status=0');
    await until(() => chart.tilesStatus.state === 'exact', 20000, 'recovered after the fault');
  });

  it('streams the live tail into the chart', async () => {
    const { chart } = await tileChart('webgpu');
    const last = chart.model.data.time[chart.model.data.length - 1];
    await sleep(300);
    await control('append?n=3');
    await until(() => chart.model.data.time[chart.model.data.length - 1] > last, 20000, 'live rows');
    assertEqual(chart.tilesStatus.state, 'live', 'live state');
  });

  it('reports a bad tiles URL as a data error', async () => {
    const chart = document.createElement('gpu-chart');
    const error = new Promise((resolve) => chart.addEventListener('gpu-data-error', (e) => resolve(e.detail)));
    chart.setAttribute('tiles', 'http://127.0.0.1:1/not-a-series');
    document.body.append(chart);
    const detail = await error;
    assertEqual(detail.code, 'tiles-url', 'code');
    assert(/not a series URL/.test(detail.message), detail.message);
  });
});
