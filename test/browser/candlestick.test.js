// Candlestick and OHLC charts: one candle per bar when zoomed in, one per bucket of bars (open of
// the first, close of the last, max high, min low, summed volume) when zoomed out.
import { assert, assertEqual, colorDistance, createChart, nextEvent, pixel, randomBars } from './helpers.js';

const GREEN = [22, 163, 74];
const RED = [220, 38, 38];

const bars = (n, seed = 5) => randomBars(n, seed);

describe('candlestick charts', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('draws rising candles green and falling ones red, bodies from open to close, wicks to high and low', async () => {
    const data = { time: [0, 60_000, 120_000], open: [10, 14, 12], high: [15, 16, 13], low: [9, 11, 8], close: [14, 12, 9] };
    const chart = await createChart({ width: 420, height: 260, attributes: { type: 'candlestick' }, data });
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const { start, end, yMin, yMax } = chart.getViewport();
    const x = (t) => plot.x + ((t - start) / (end - start)) * plot.width;
    const y = (v) => plot.y + ((yMax - v) / (yMax - yMin)) * plot.height;
    const first = pixel(snap, x(0) + 3, y(12));
    assert(colorDistance(first, GREEN) < 40, `rising candle body is green, got ${first}`);
    const second = pixel(snap, x(60_000) + 3, y(13));
    assert(colorDistance(second, RED) < 40, `falling candle body is red, got ${second}`);
    // The wick reaches the high but the body does not: above the body only the wick column is inked.
    const wick = pixel(snap, x(0), y(14.6));
    const beside = pixel(snap, x(0) + 4, y(14.6));
    assert(colorDistance(wick, GREEN) < 60, `wick at the high, got ${wick}`);
    assert(colorDistance(beside, GREEN) > 100, `no body above the close, got ${beside}`);
    assertEqual(chart.model.series[0].type, 'candlestick', 'one OHLC series');
  });

  it('aggregates a million bars per pixel column instead of drawing a million candles', async () => {
    const data = bars(1_000_000);
    const chart = await createChart({ width: 600, height: 300, attributes: { type: 'candlestick' }, data });
    const frame = chart.model.frame();
    assertEqual(frame.lod.mode, 'm4', 'aggregated');
    assertEqual(frame.lod.visiblePoints, 1_000_000, 'all bars visible');
    assert(frame.lod.drawnPoints <= chart.model.plotCss().width, `at most one candle per pixel column, drew ${frame.lod.drawnPoints}`);
    // The drawing spans exactly the lowest low to the highest high.
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    let top = Infinity;
    let bottom = -Infinity;
    // Solid candle colours only: the volume histogram below is translucent.
    for (let py = Math.ceil(plot.y); py < plot.y + plot.height; py++) {
      for (let px = Math.ceil(plot.x); px < plot.x + plot.width; px += 1) {
        const c = pixel(snap, px, py);
        if (colorDistance(c, GREEN) < 30 || colorDistance(c, RED) < 30) {
          top = Math.min(top, py);
          bottom = Math.max(bottom, py);
        }
      }
    }
    let maxHigh = -Infinity;
    let minLow = Infinity;
    for (let i = 0; i < data.high.length; i++) {
      if (data.high[i] > maxHigh) maxHigh = data.high[i];
      if (data.low[i] < minLow) minLow = data.low[i];
    }
    const { yMin, yMax } = chart.getViewport();
    const y = (v) => plot.y + ((yMax - v) / (yMax - yMin)) * plot.height;
    assert(Math.abs(top - y(maxHigh)) <= 1.5, `top of the candles at the highest high (${top} vs ${y(maxHigh).toFixed(1)})`);
    assert(Math.abs(bottom - y(minLow)) <= 1.5, `bottom at the lowest low (${bottom} vs ${y(minLow).toFixed(1)})`);
  });

  it('draws OHLC bars and volume, and the tooltip lists open, high, low, close and volume', async () => {
    const data = bars(40);
    const chart = await createChart({ attributes: { type: 'ohlc' }, data });
    const kinds = chart.model.frame().scene.layers.map((l) => l.id);
    assert(kinds.includes('volume') && kinds.includes('candles'), `layers ${kinds}`);
    const plot = chart.model.plotCss();
    const crosshair = nextEvent(chart, 'gpu-crosshair');
    const container = chart.shadowRoot.querySelector('.container');
    const rect = container.getBoundingClientRect();
    container.dispatchEvent(new PointerEvent('pointermove', { clientX: rect.left + plot.x + plot.width / 2, clientY: rect.top + plot.y + 20, bubbles: true, pointerId: 1 }));
    const { detail } = await crosshair;
    assertEqual(detail.values.map((v) => v.name).join(','), 'open,high,low,close,volume', 'tooltip values');
    assertEqual(detail.values[3].value, data.close[detail.values[3].index], 'close of the bar under the pointer');
  });

  it('says which columns are missing for a candlestick chart of plain values', async () => {
    const chart = await createChart({ attributes: { type: 'candlestick' } });
    const error = nextEvent(chart, 'gpu-data-error');
    chart.data = { time: [0, 1], value: [1, 2] };
    const { detail } = await error;
    assert(detail.message.includes('open'), detail.message);
    assertEqual(chart.model.series[0].type, 'line', 'drawn as a line meanwhile');
  });
});
