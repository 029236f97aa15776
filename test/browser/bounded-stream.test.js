// Bounded streaming (max-points / streaming.maxPoints): a long stream into a chart keeps the
// newest rows only, in buffers reused in place (flat memory), with indicators following, on
// both renderers; a bad value is a gpu-config-error naming the attribute.
import { assert, assertEqual, createChart, nextEvent, frame } from './helpers.js';
import { ema } from '../../dist/indicators/index.js';

const MAX = 20_000;
const CHUNK = 2_000;

/** `count` rows of a deterministic walk from row `from` (one a second). */
function rows(from, count) {
  const time = new Float64Array(count);
  const value = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    time[i] = Date.UTC(2024, 0, 1) + (from + i) * 1000;
    value[i] = 100 + Math.sin((from + i) / 500) * 10 + ((from + i) % 7) * 0.1;
  }
  return { time, value };
}

describe('bounded streaming (max-points)', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  for (const renderer of ['webgpu', 'canvas2d']) {
    it(`${renderer}: a stream 25× the bound runs in flat memory, showing the newest rows, indicators following`, async () => {
      const chart = await createChart({ attributes: { renderer, 'max-points': String(MAX) }, data: rows(0, 5_000) });
      const indicator = document.createElement('gpu-indicator');
      indicator.setAttribute('type', 'ema');
      indicator.setAttribute('period', '20');
      chart.append(indicator);
      await chart.nextFrame();
      let n = 5_000;
      const bytes = [];
      const gpuBytes = [];
      const buffers = new Set();
      for (let f = 0; f < 250; f++) {
        chart.appendData(rows(n, CHUNK));
        n += CHUNK;
        if (f % 10 === 0) await chart.nextFrame();
        else if (f % 10 === 9) await frame();
        const store = chart.model.data;
        if (n > 2 * MAX + CHUNK) {
          bytes.push(store.byteLength);
          gpuBytes.push(chart.gpuMemoryBytes);
          buffers.add(store.time.buffer);
        }
      }
      await chart.nextFrame();
      const store = chart.model.data;
      assertEqual(store.length, MAX, 'rows kept');
      assertEqual(store.lastTime(), Date.UTC(2024, 0, 1) + (n - 1) * 1000, 'the newest row');
      assertEqual(store.firstTime(), Date.UTC(2024, 0, 1) + (n - MAX) * 1000, 'the oldest kept row');
      // Flat: the ring's buffers never grow; only the pyramids' node arrays, rebuilt after each
      // compaction, vary by a few percent.
      assert(Math.max(...bytes) <= Math.min(...bytes) * 1.1, `CPU bytes flat (${Math.min(...bytes)}…${Math.max(...bytes)})`);
      assert(Math.max(...bytes) < 3 * MAX * 16 + 256 * 1024, `CPU bytes bounded: ${Math.max(...bytes)}`);
      assertEqual(buffers.size, 1, 'the time buffer is reused in place (no reallocation once the ring is full)');
      assert(Math.max(...gpuBytes) <= Math.min(...gpuBytes) * 1.01 + 4096, `GPU / canvas bytes flat (${Math.min(...gpuBytes)}…${Math.max(...gpuBytes)})`);
      // The window follows the end and covers only kept rows.
      assert(chart.model.viewport.start >= store.firstTime() - 1, 'the window starts within the kept rows');
      // The indicator kept the same rows, computed with the whole history (EMA does not restart).
      const [series] = chart.model.derivedSeries;
      assertEqual(series.length, MAX, 'indicator rows');
      const all = rows(0, n).value;
      const expected = ema(all, 20);
      for (let i = MAX - 50; i < MAX; i++) assert(Math.abs(series.values[i] - expected[n - MAX + i]) < 1e-9, `EMA row ${i}`);
      const snap = await chart.snapshot();
      let ink = 0;
      for (let i = 0; i < snap.data.length; i += 4) if (snap.data[i] < 200 && snap.data[i + 2] > 150) ink++;
      assert(ink > 200, `the line is drawn (${ink} blue pixels)`);
    });
  }

  it('max-points trims data set larger than the bound; bad values are a gpu-config-error naming the attribute; removing it keeps rows from then on', async () => {
    const chart = await createChart({ data: rows(0, 50_000) });
    assertEqual(chart.model.data.length, 50_000, 'unbounded by default');
    chart.setAttribute('max-points', '10000');
    await chart.nextFrame();
    assertEqual(chart.model.data.length, 10_000, 'trimmed to the bound at once');
    assertEqual(chart.model.data.firstTime(), Date.UTC(2024, 0, 1) + 40_000 * 1000, 'the newest rows kept');
    const error = nextEvent(chart, 'gpu-config-error');
    chart.setAttribute('max-points', '3.5');
    const { detail } = await error;
    assert(detail.issues.some((i) => i.path === 'max-points'), `path: ${JSON.stringify(detail.issues)}`);
    assertEqual(chart.effectiveConfig.streaming.maxPoints, 10_000, 'the last good bound stays');
    chart.removeAttribute('max-points');
    await chart.nextFrame();
    chart.appendData(rows(50_000, 5_000));
    await chart.nextFrame();
    assertEqual(chart.model.data.length, 15_000, 'no bound any more');
    chart.updateConfig({ streaming: { windowMs: 60_000 } });
    await chart.nextFrame();
    assertEqual(chart.model.data.length, 61, 'a time window of 60 s keeps 61 rows');
  });
});
