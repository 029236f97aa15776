// timeframe="5m": ticks or bars shown as OHLCV bars of that timeframe, live on appends, changeable
// without reloading, invalid values reported.
import { resample } from '../../dist/data/index.js';
import { assert, assertEqual, createChart, nextEvent } from './helpers.js';

function ticks(n) {
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * 7_000;
    value[i] = 100 + Math.sin(i / 30) * 5 + (i % 7) * 0.1;
    volume[i] = 1 + (i % 5);
  }
  return { time, value, volume };
}

describe('timeframe', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('resamples ticks to bars, follows appends, and changes or drops the timeframe without a reload', async () => {
    const data = ticks(3000);
    const chart = await createChart({ width: 500, height: 300, attributes: { type: 'candlestick', timeframe: '5m' }, data });
    const expected = resample(data, '5m');
    const store = chart.model.data;
    assertEqual(store.length, expected.time.length, '5-minute bars');
    assertEqual(store.column('high')[3], expected.high[3], 'max of the bucket');
    assertEqual(store.column('volume')[3], expected.volume[3], 'summed volume');
    assertEqual(chart.model.series[0].type, 'candlestick', 'drawn as candles');
    // A tick inside the last bucket updates the newest bar; one in the next bucket opens a bar.
    const lastTime = data.time[data.time.length - 1];
    chart.appendData({ time: [lastTime + 1000], value: [500], volume: [10] });
    assertEqual(chart.model.data.length, expected.time.length, 'same bar count');
    assertEqual(chart.model.data.column('high')[chart.model.data.length - 1], 500, 'newest bar updated');
    chart.appendData({ time: [lastTime + 10 * 60_000], value: [90], volume: [1] });
    assertEqual(chart.model.data.length, expected.time.length + 1, 'a new bar');
    chart.timeframe = '1h';
    await chart.updateComplete;
    const hourly = chart.model.data.length;
    assert(hourly < expected.time.length / 6, `hourly bars: ${hourly}`);
    chart.timeframe = null;
    await chart.updateComplete;
    assertEqual(chart.model.data.length, 3002, 'the ticks as given, appended ones included');
  });

  it('reports an invalid timeframe and keeps the bars it had', async () => {
    const chart = await createChart({ width: 400, height: 240, attributes: { type: 'candlestick', timeframe: '15m' }, data: ticks(1000) });
    const before = chart.model.data.length;
    const error = nextEvent(chart, 'gpu-config-error');
    chart.timeframe = '7 parsecs';
    const issue = (await error).detail.issues[0];
    assertEqual(issue.path, 'timeframe', 'names the attribute');
    assert(issue.message.includes('1h'), `lists examples: ${issue.message}`);
    assertEqual(chart.model.data.length, before, 'still 15-minute bars');
  });

  it('cuts daily bars at midnight in the chart\'s time zone', async () => {
    const n = 96 * 3;
    const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 5, 1) + i * 15 * 60_000);
    const value = Float64Array.from({ length: n }, (_, i) => i);
    const chart = await createChart({ width: 400, height: 240, attributes: { type: 'candlestick', timeframe: '1d', 'time-zone': 'America/New_York' }, data: { time, value } });
    await chart.updateComplete;
    const expected = resample({ time, value }, '1d', { timeZone: 'America/New_York' });
    assertEqual(chart.model.data.length, expected.time.length, 'New York days');
    assertEqual(chart.model.data.time[1], expected.time[1], 'bar starts at New York midnight');
    chart.setAttribute('time-zone', 'UTC');
    await chart.updateComplete;
    assertEqual(chart.model.data.time[1], Date.UTC(2024, 5, 2), 'cut again at UTC midnight');
  });
});
