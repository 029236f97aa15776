// <gpu-indicator> children: computed with the TA-Lib-exact functions, drawn over the price series,
// updated when added, changed or removed, and reported when invalid.
import { bbands, ema, macd, rsi, sma, stoch } from '../../dist/indicators/index.js';
import { GpuIndicator } from '../../dist/index.js';
import { assert, assertEqual, createChart, nextEvent } from './helpers.js';

const ohlc = (n) => {
  const time = Float64Array.from({ length: n }, (_, i) => i * 60_000);
  const close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 7) * 5 + i * 0.05);
  return { time, open: close.map((v) => v - 0.5), high: close.map((v) => v + 1), low: close.map((v) => v - 1), close };
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('gpu-indicator', () => {
  // The indicators are a lazy chunk: loaded once here, so that an indicator is computed in the
  // task after it connects (the lazy path itself: "loads the indicators' chunk on first use").
  before(() => GpuIndicator.load());
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('draws an SMA child over the candles, equal to the sma() function', async () => {
    const data = ohlc(200);
    const chart = await createChart({ attributes: { type: 'candlestick' }, data });
    const indicator = document.createElement('gpu-indicator');
    indicator.setAttribute('type', 'sma');
    indicator.setAttribute('period', '10');
    indicator.setAttribute('color', '#f90');
    chart.append(indicator);
    await settle();
    const [series] = chart.model.derivedSeries;
    assert(series, 'a derived series');
    const expected = sma(data.close, 10);
    for (let i = 0; i < 200; i++) assert(Object.is(series.values[i], expected[i]) || Math.abs(series.values[i] - expected[i]) < 1e-12, `value ${i}`);
    assert(chart.model.frame().scene.layers.some((l) => l.id.startsWith('derived:')), 'drawn as a line layer');
    await chart.updateComplete;
    assert(chart.shadowRoot.querySelector('[part=legend]').textContent.includes('SMA(10)'), 'in the legend');
  });

  it('follows attribute changes, removal and streaming data', async () => {
    const data = ohlc(100);
    const chart = await createChart({ attributes: { type: 'candlestick' }, data });
    const indicator = document.createElement('gpu-indicator');
    indicator.setAttribute('type', 'bbands');
    indicator.setAttribute('period', '20');
    indicator.setAttribute('stddev', '2');
    chart.append(indicator);
    await settle();
    assertEqual(chart.model.derivedSeries.length, 3, 'upper, middle, lower');
    const expected = bbands(data.close, 20, 2, 2);
    assertEqual(chart.model.derivedSeries[0].values[50], expected.upper[50], 'upper band value');
    indicator.setAttribute('period', '5');
    await settle();
    await settle();
    assertEqual(chart.model.derivedSeries[1].values[10], bbands(data.close, 5, 2, 2).middle[10], 'recomputed with period 5');
    chart.append({ time: [100 * 60_000], open: [104], high: [106], low: [103], close: [105] });
    assertEqual(chart.model.derivedSeries[0].length, 101, 'follows the stream');
    const closes = Float64Array.from([...data.close, 105]);
    assertEqual(chart.model.derivedSeries[1].values[100], bbands(closes, 5, 2, 2).middle[100], 'the appended bar\'s value');
    indicator.remove();
    await settle();
    assertEqual(chart.model.derivedSeries.length, 0, 'removed');
  });

  it('updates indicators incrementally while streaming, equal to a full recomputation', async () => {
    const data = ohlc(500);
    const chart = await createChart({ attributes: { type: 'candlestick' }, data: { time: data.time.slice(0, 300), open: data.open.slice(0, 300), high: data.high.slice(0, 300), low: data.low.slice(0, 300), close: data.close.slice(0, 300) } });
    for (const [type, extra] of /** @type {Array<[string, Record<string, string>]>} */ ([['ema', { period: '20' }], ['rsi', { period: '14' }], ['macd', {}], ['stoch', {}]])) {
      const indicator = document.createElement('gpu-indicator');
      indicator.setAttribute('type', type);
      for (const [k, v] of Object.entries(extra)) indicator.setAttribute(k, v);
      chart.append(indicator);
    }
    await settle();
    const close = Array.from(data.close.slice(0, 300));
    const high = Array.from(data.high.slice(0, 300));
    const low = Array.from(data.low.slice(0, 300));
    for (let i = 300; i < 500; i++) {
      // Every other bar arrives twice: first a partial bar, then its final values (update in place).
      if (i % 2) {
        chart.appendData({ time: [data.time[i]], open: [data.open[i]], high: [data.high[i] - 0.3], low: [data.low[i] + 0.3], close: [data.close[i] - 0.2] });
      }
      chart.appendData({ time: [data.time[i]], open: [data.open[i]], high: [data.high[i]], low: [data.low[i]], close: [data.close[i]] });
      close.push(data.close[i]);
      high.push(data.high[i]);
      low.push(data.low[i]);
    }
    const { macd: line, signal, histogram } = macd(close, 12, 26, 9);
    const { k, d } = stoch(high, low, close, 5, 3, 3);
    const expected = { 'ema:value': ema(close, 20), 'rsi:value': rsi(close, 14), 'macd:macd': line, 'macd:signal': signal, 'macd:histogram': histogram, 'stoch:k': k, 'stoch:d': d };
    // Derived series ids are "<indicator>:<output>:<n>".
    const streamed = new Map(chart.model.derivedSeries.map((s) => [s.id.split(':').slice(0, 2).join(':'), s]));
    for (const [name, values] of Object.entries(expected)) {
      const series = streamed.get(name);
      assert(series, `streamed ${name}`);
      assertEqual(series.length, 500, `${name} length`);
      for (let i = 0; i < 500; i++) assert(Object.is(series.values[i], values[i]), `${name}[${i}]: ${series.values[i]} vs ${values[i]}`);
    }
  });

  it('can be declared in the configuration, merged by id across layers', async () => {
    const data = ohlc(120);
    const chart = await createChart({ attributes: { type: 'candlestick' }, data });
    chart.config = { quality: { tier: 'high' }, indicators: [{ id: 'fast', type: 'sma', params: { period: 5 } }, { id: 'slow', type: 'sma', params: { period: 30 } }] };
    await settle();
    assertEqual(chart.model.derivedSeries.length, 2, 'two configured indicators');
    assertEqual(chart.model.derivedSeries[1].values[60], sma(data.close, 30)[60], 'slow SMA value');
    chart.updateConfig({ indicators: [{ id: 'fast', visible: false }] });
    await settle();
    assertEqual(chart.model.derivedSeries.length, 1, 'hidden by id in a higher layer');
    const error = nextEvent(chart, 'gpu-config-error');
    chart.updateConfig({ indicators: [{ id: 'bad', type: 'ema', params: { period: -3 } }] });
    assertEqual((await error).detail.issues[0].path, 'indicators.bad', 'path of the bad indicator');
  });

  it('reports bad parameters and missing columns; the chart keeps drawing', async () => {
    const chart = await createChart({ attributes: { type: 'candlestick' }, data: ohlc(50) });
    const add = (attributes) => {
      const indicator = document.createElement('gpu-indicator');
      for (const [k, v] of Object.entries(attributes)) indicator.setAttribute(k, v);
      chart.append(indicator);
      return indicator;
    };
    let error = nextEvent(chart, 'gpu-config-error');
    add({ type: 'ema', period: '0' });
    assert((await error).detail.issues[0].message.includes('period'), 'period 0 refused');
    error = nextEvent(chart, 'gpu-config-error');
    add({ type: 'nonsense' });
    const unknown = (await error).detail.issues[0].message;
    assert(unknown.includes('nonsense') && unknown.includes('sma'), `unknown type lists valid ones: ${unknown}`);
    error = nextEvent(chart, 'gpu-config-error');
    add({ type: 'sma', period: '2.5' });
    assert((await error).detail.issues[0].message.includes('integer'), 'non-integer period refused');
    let dataError = nextEvent(chart, 'gpu-data-error');
    add({ type: 'vwap' });
    assertEqual((await dataError).detail.code, 'missing-input', 'VWAP without volume');
    dataError = nextEvent(chart, 'gpu-data-error');
    add({ type: 'sma', period: '80' });
    const tooShort = (await dataError).detail;
    assertEqual(tooShort.code, 'too-short', 'a period longer than the data');
    assertEqual(tooShort.severity, 'warning', 'a warning: streaming may bring enough rows');
    assert(tooShort.message.includes('50'), `says how long the data is: ${tooShort.message}`);
    await chart.nextFrame();
    assert(chart.frameCount > 0 && chart.model.frame().scene.layers.some((l) => l.id === 'candles'), 'candles still drawn');
  });
});
