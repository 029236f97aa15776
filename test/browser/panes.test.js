// Indicator panes (RSI, MACD below the price), resizable separators, sync-group linking, and the
// bar / baseline / volume series types, drawn by both renderers.
import { macd, rsi } from '../../dist/indicators/index.js';
import { GpuIndicator } from '../../dist/index.js';
import { assert, assertEqual, colorDistance, countColor, createChart, nextEvent, pixel, randomBars } from './helpers.js';

const ORANGE = [255, 136, 0];
const PURPLE = [128, 0, 255];
const GREEN = [22, 163, 74];
const RED = [220, 38, 38];
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const bars = (n, seed = 3) => randomBars(n, seed);

function addIndicator(chart, attributes) {
  const indicator = document.createElement('gpu-indicator');
  for (const [k, v] of Object.entries(attributes)) indicator.setAttribute(k, v);
  chart.append(indicator);
  return indicator;
}

/** The snapshot region (device px) of a pane, inset so that its edges and the grid don't count. */
function paneRegion(chart, pane, inset = 3) {
  const ratio = chart.model.chartSize.pixelRatio;
  const r = pane.rect;
  return { x: Math.ceil(r.x * ratio) + inset, y: Math.ceil(r.y * ratio) + inset, width: Math.floor(r.width * ratio) - 2 * inset, height: Math.floor(r.height * ratio) - 2 * inset };
}

describe('indicator panes', () => {
  // Indicators are a lazy chunk: loaded up front, so that the panes exist on the frames checked.
  before(() => GpuIndicator.load());
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  for (const renderer of ['webgpu', 'canvas2d']) {
    it(`draws RSI and MACD in panes of their own below the candles (${renderer})`, async () => {
      const data = bars(300);
      const chart = await createChart({ width: 500, height: 420, attributes: { type: 'candlestick', renderer }, data });
      addIndicator(chart, { type: 'rsi', period: '14', color: '#ff8800', 'line-width': '2' });
      addIndicator(chart, { type: 'macd', fast: '12', slow: '26', signal: '9', pane: 'new', color: '#8000ff', 'line-width': '2' });
      await settle();
      await chart.nextFrame();
      const frame = chart.model.frame();
      assertEqual(frame.panes.length, 3, 'price, RSI, MACD');
      const [main, rsiPane, macdPane] = frame.panes;
      assert(main.rect.height > rsiPane.rect.height * 2, 'the price pane is the tallest');
      assert(rsiPane.rect.y > main.rect.y + main.rect.height && macdPane.rect.y > rsiPane.rect.y + rsiPane.rect.height, 'stacked top to bottom');
      assertEqual(rsiPane.title, 'RSI(14)', 'pane title');
      // RSI's values decide its pane's range; the price pane's range is the candles' alone.
      const expected = rsi(data.close, 14);
      const rsiSeries = chart.model.derivedSeries.find((s) => s.pane === frame.panes[1].id);
      for (let i = 0; i < 300; i++) assert(Object.is(rsiSeries.values[i], expected[i]), `RSI value ${i}`);
      assert(frame.yRange[1] < 150 && frame.yRange[0] > 50, `price range unaffected by RSI: ${frame.yRange}`);
      assert(rsiPane.yRange[0] >= 0 && rsiPane.yRange[1] <= 105, `RSI pane range ${rsiPane.yRange}`);
      assert(rsiPane.yRange[0] < 30 && rsiPane.yRange[1] > 70, 'RSI pane keeps its 30 / 70 levels in view');
      assert(frame.scene.layers.some((l) => l.id === `levels:${rsiPane.id}` && l.count > 0), 'RSI levels drawn');
      assert(!frame.scene.layers.some((l) => l.id === `levels:${macdPane.id}`), 'MACD has no levels');
      const hist = macd(data.close, 12, 26, 9).histogram;
      const histLayer = frame.scene.layers.find((l) => l.kind === 'rects' && l.id.includes('histogram'));
      assert(histLayer && histLayer.count > 0, 'MACD histogram drawn as bars');
      assert(hist.some((v) => v > 0) && hist.some((v) => v < 0), 'fixture has both signs');
      // Pixels: the RSI line (orange) inks its pane only; the MACD line (purple) its own.
      const snap = await chart.snapshot();
      const orangeInRsi = countColor(snap, ORANGE, 50, paneRegion(chart, rsiPane));
      const orangeInMain = countColor(snap, ORANGE, 50, paneRegion(chart, main));
      const purpleInMacd = countColor(snap, PURPLE, 60, paneRegion(chart, macdPane));
      const purpleInRsi = countColor(snap, PURPLE, 60, paneRegion(chart, rsiPane));
      assert(orangeInRsi > 200, `RSI line in its pane: ${orangeInRsi} px`);
      assertEqual(orangeInMain, 0, 'no RSI in the price pane');
      assert(purpleInMacd > 200, `MACD line in its pane: ${purpleInMacd} px`);
      assertEqual(purpleInRsi, 0, 'nothing spills from the MACD pane into the RSI pane');
      // Histogram bars are 60 % opaque over the white background.
      const overWhite = (rgb) => rgb.map((c) => Math.round(c * 0.6 + 255 * 0.4));
      const greenInMacd = countColor(snap, overWhite(GREEN), 12, paneRegion(chart, macdPane));
      const redInMacd = countColor(snap, overWhite(RED), 12, paneRegion(chart, macdPane));
      assert(greenInMacd > 20 && redInMacd > 20, `histogram bars up and down: ${greenInMacd} / ${redInMacd}`);
      // Y labels for every pane, inside its pane.
      const inPane = (pane) => frame.yLabels.filter((l) => l.position >= pane.rect.y && l.position <= pane.rect.y + pane.rect.height).length;
      assert(inPane(main) >= 2 && inPane(rsiPane) >= 2 && inPane(macdPane) >= 2, 'value labels in each pane');
    });
  }

  it('shares a pane between indicators naming the same pane id, and puts overlays on the price pane', async () => {
    const chart = await createChart({ width: 400, height: 360, attributes: { type: 'candlestick' }, data: bars(200) });
    addIndicator(chart, { type: 'rsi', period: '14', pane: 'osc' });
    addIndicator(chart, { type: 'willr', period: '14', pane: 'osc' });
    addIndicator(chart, { type: 'ema', period: '20' });
    addIndicator(chart, { type: 'rsi', period: '7', pane: 'overlay' });
    await settle();
    const frame = chart.model.frame();
    assertEqual(frame.panes.length, 2, 'price + one shared oscillator pane');
    assertEqual(frame.panes[1].title, 'RSI(14) · WILLR(14)', 'both named in the title');
    assertEqual(chart.model.derivedSeries.filter((s) => s.pane === 'main').length, 2, 'EMA and the explicit overlay RSI on the price pane');
    // Values: the price pane's legend lists its own series; an indicator pane's title lists its.
    await chart.nextFrame();
    await chart.updateComplete;
    const legend = chart.shadowRoot.querySelector('[part=legend]').textContent;
    const title = chart.shadowRoot.querySelector('[part=pane-title]').textContent;
    assert(legend.includes('EMA(20)') && legend.includes('RSI(7)') && !legend.includes('WILLR'), `price legend: ${legend}`);
    assert(title.includes('RSI(14)') && title.includes('WILLR(14)') && /\d\.\d/.test(title), `pane title with values: ${title}`);
  });

  it('resizes panes by dragging or keyboard on the separator, and the crosshair spans all panes', async () => {
    const chart = await createChart({ width: 400, height: 400, attributes: { type: 'candlestick' }, data: bars(200) });
    addIndicator(chart, { type: 'rsi', period: '14' });
    await settle();
    await chart.nextFrame();
    await chart.updateComplete;
    const separator = chart.shadowRoot.querySelector('[part=pane-separator]');
    assert(separator, 'a separator between the panes');
    assertEqual(separator.getAttribute('role'), 'separator', 'accessible role');
    const before = chart.model.frame().panes.map((p) => p.rect.height);
    const box = separator.getBoundingClientRect();
    const options = (y) => ({ bubbles: true, composed: true, pointerId: 7, clientX: box.x + 50, clientY: y, button: 0 });
    separator.dispatchEvent(new PointerEvent('pointerdown', options(box.y + 3)));
    separator.dispatchEvent(new PointerEvent('pointermove', options(box.y - 57)));
    separator.dispatchEvent(new PointerEvent('pointerup', options(box.y - 57)));
    await chart.nextFrame();
    const after = chart.model.frame().panes.map((p) => p.rect.height);
    assert(Math.abs(after[0] - (before[0] - 60)) < 1.5 && Math.abs(after[1] - (before[1] + 60)) < 1.5, `dragged 60 px up: ${before} → ${after}`);
    assertEqual(chart.getViewport().start, chart.model.viewport.start, 'the drag did not pan');
    separator.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    const keyed = chart.model.frame().panes.map((p) => p.rect.height);
    assert(Math.abs(keyed[1] - (after[1] - 10)) < 1.5, `arrow key moves it 10 px: ${keyed}`);
    // Neither pane goes below the minimum height.
    chart.model.moveSeparator(0, 10_000);
    assert(chart.model.frame().panes[1].rect.height >= 23.5, 'minimum pane height kept');
    separator.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true }));
    const reset = chart.model.frame().panes.map((p) => p.rect.height);
    assert(Math.abs(reset[0] - before[0]) < 1 && Math.abs(reset[1] - before[1]) < 1, 'Home restores the default shares');
    // The crosshair's vertical line runs through every pane; the pick knows which pane is under the pointer.
    const rsiPane = chart.model.frame().panes[1];
    chart.pointerAt(200, rsiPane.rect.y + 20);
    const line = /** @type {HTMLElement} */ (chart.shadowRoot.querySelector('.crosshair-v'));
    const plot = chart.model.plotCss();
    assertEqual(parseFloat(line.style.height), plot.height, 'vertical line spans all panes');
    assertEqual(chart.model.pick(200, rsiPane.rect.y + 20).pane, rsiPane.id, 'pane under the pointer');
  });

  it('removes a pane with its last indicator', async () => {
    const chart = await createChart({ width: 400, height: 300, attributes: { type: 'candlestick' }, data: bars(100) });
    const indicator = addIndicator(chart, { type: 'macd' });
    await settle();
    assertEqual(chart.model.frame().panes.length, 2, 'MACD pane');
    indicator.remove();
    await settle();
    assertEqual(chart.model.frame().panes.length, 1, 'gone');
    await chart.updateComplete;
    assertEqual(chart.shadowRoot.querySelector('[part=pane-separator]'), null, 'no separator left');
  });
});

describe('sync-group', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('links zoom, pan and crosshair across charts of the same group, and only those', async () => {
    const data = bars(500);
    const a = await createChart({ width: 400, height: 200, attributes: { type: 'candlestick', 'sync-group': 'g1' }, data });
    const b = await createChart({ width: 300, height: 150, attributes: { 'sync-group': 'g1' }, data: { time: data.time, value: data.close } });
    const c = await createChart({ width: 300, height: 150, attributes: { 'sync-group': 'other' }, data: { time: data.time, value: data.close } });
    const moved = nextEvent(b, 'gpu-viewport-change');
    a.setViewport(data.time[100], data.time[200]);
    const event = await moved;
    assertEqual(event.detail.source, 'sync', 'source names the group');
    assertEqual(b.getViewport().start, data.time[100], 'b follows a');
    assertEqual(b.getViewport().end, data.time[200], 'b follows a (end)');
    assert(c.getViewport().start !== data.time[100], 'another group does not follow');
    // And back: panning b moves a.
    b.setViewport(data.time[150], data.time[250]);
    assertEqual(a.getViewport().start, data.time[150], 'a follows b');
    // The crosshair: a's pointer shows b's vertical line at the same time.
    await a.nextFrame();
    await b.nextFrame();
    const t = data.time[200];
    const crosshair = nextEvent(b, 'gpu-crosshair');
    a.pointerAt(a.model.xOf(t), a.model.plotCss().y + 30);
    assertEqual((await crosshair).detail.time, t, 'b reports the same time');
    const line = /** @type {HTMLElement} */ (b.shadowRoot.querySelector('.crosshair-v'));
    assertEqual(line.style.display, 'block', 'b shows its vertical line');
    assert(Math.abs(parseFloat(line.style.left) - b.model.xOf(t)) < 0.01, 'at the same time');
    assertEqual((/** @type {HTMLElement} */ (b.shadowRoot.querySelector('.tooltip'))).style.display, 'none', 'no tooltip on the follower');
    a.pointerLeft();
    assertEqual(line.style.display, 'none', 'hidden when the pointer leaves a');
    // Leaving the group (attribute removed, or the element removed) unlinks.
    b.removeAttribute('sync-group');
    await b.updateComplete;
    a.setViewport(data.time[10], data.time[20]);
    assertEqual(b.getViewport().start, data.time[150], 'b left the group');
  });
});

describe('bar, baseline and volume series', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('draws bars from zero, aggregating per pixel column when zoomed out', async () => {
    const time = Float64Array.from({ length: 20 }, (_, i) => i * 1000);
    const value = Float64Array.from({ length: 20 }, (_, i) => (i % 2 ? 5 + i : -3));
    const chart = await createChart({ width: 420, height: 260, attributes: { type: 'bar' }, data: { time, value } });
    const frame = chart.model.frame();
    const layer = frame.scene.layers.find((l) => l.kind === 'rects');
    assertEqual(layer.count, 20, 'one bar per value when zoomed in');
    assert(frame.yRange[0] < -3 && frame.yRange[1] > 24, `range includes the bars and 0: ${frame.yRange}`);
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const { start, end, yMin, yMax } = chart.getViewport();
    const x = (t) => plot.x + ((t - start) / (end - start)) * plot.width;
    const y = (v) => plot.y + ((yMax - v) / (yMax - yMin)) * plot.height;
    const blue = [37, 99, 235];
    assert(colorDistance(pixel(snap, x(3000), y(4)), blue) < 40, 'bar 3 covers 0..8');
    assert(colorDistance(pixel(snap, x(3000), y(10)), blue) > 100, 'bar 3 stops at its value');
    assert(colorDistance(pixel(snap, x(2000), y(-1.5)), blue) < 40, 'negative bar below 0');
    // A million bars: at most two rectangles per pixel column.
    const n = 1_000_000;
    const big = { time: Float64Array.from({ length: n }, (_, i) => i), value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5000) * 10) };
    chart.data = big;
    const zoomed = chart.model.frame();
    const bigLayer = zoomed.scene.layers.find((l) => l.kind === 'rects');
    assert(bigLayer.count <= 2 * Math.ceil(chart.model.plotCss().width), `aggregated: ${bigLayer.count} rects`);
    assert(Math.abs(zoomed.yRange[1] - 10) < 1.5 && Math.abs(zoomed.yRange[0] + 10) < 1.5, 'range of the whole series');
  });

  it('fills a baseline series above its base in the up colour and below in the down colour', async () => {
    const time = Float64Array.from({ length: 100 }, (_, i) => i * 1000);
    const value = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i / 10) * 10);
    const chart = await createChart({ width: 420, height: 260, data: { time, value } });
    chart.series = [{ column: 'value', type: 'baseline', baseValue: 0 }];
    await chart.nextFrame();
    const frame = chart.model.frame();
    assert(frame.scene.layers.some((l) => l.id === 'value:above') && frame.scene.layers.some((l) => l.id === 'value:below'), 'two fills');
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const { start, end, yMin, yMax } = chart.getViewport();
    const x = (t) => plot.x + ((t - start) / (end - start)) * plot.width;
    const y = (v) => plot.y + ((yMax - v) / (yMax - yMin)) * plot.height;
    // sin(1.5) ≈ 1 at i = 15 (above), sin(4.5) ≈ -1 at i = 45 (below).
    const above = pixel(snap, x(15_000), y(4));
    const below = pixel(snap, x(45_000), y(-4));
    assert(above[1] > above[0] + 20, `green-tinted fill above the base: ${above}`);
    assert(below[0] > below[1] + 20, `red-tinted fill below the base: ${below}`);
    const aboveOutside = pixel(snap, x(45_000), y(4));
    assert(colorDistance(aboveOutside, [255, 255, 255]) < 12, `nothing between the base and a line below it, above the base: ${aboveOutside}`);
  });

  it('draws a volume series coloured by direction', async () => {
    const data = bars(60);
    const chart = await createChart({ width: 420, height: 260, data });
    chart.series = [{ column: 'volume', type: 'volume' }];
    await chart.nextFrame();
    const frame = chart.model.frame();
    assertEqual(chart.model.series[0].type, 'volume', 'kept as volume (OHLC present)');
    const layer = frame.scene.layers.find((l) => l.id === 'volume');
    assertEqual(layer.count, 60, 'a bar per row');
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const ratio = chart.model.chartSize.pixelRatio;
    const region = { x: Math.ceil(plot.x * ratio), y: Math.ceil(plot.y * ratio), width: Math.floor(plot.width * ratio), height: Math.floor(plot.height * ratio) };
    const overWhite = (rgb) => rgb.map((c) => Math.round(c * 0.8 + 255 * 0.2));
    assert(countColor(snap, overWhite(GREEN), 12, region) > 100 && countColor(snap, overWhite(RED), 12, region) > 100, 'rising bars green, falling red');
    const max = Math.max(...data.volume);
    assert(frame.yRange[0] <= 0 && frame.yRange[1] >= max && frame.yRange[1] < max * 1.2, `range 0..max volume: ${frame.yRange}`);
  });
});
