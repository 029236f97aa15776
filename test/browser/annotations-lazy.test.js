// The annotation editor and <gpu-drawing-tools> are lazy: a chart showing non-editable
// annotations fetches neither; an editable annotation or drawing mode fetches the editor (presses
// made while it loads are replayed), a toolbar in the page fetches the toolbar. And the layer
// caching: a frame whose view did not change builds no annotation geometry; a pan only projects.
// (Its own file: each test file gets a fresh page, so nothing here was loaded before.)
import { assert, assertEqual, createChart, fetchedResource, recordEvents, sleep, until } from './helpers.js';

performance.setResourceTimingBufferSize(100_000);

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

function bars(n = 200) {
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = T0 + i * MIN;
    const mid = 100 + 8 * Math.sin(i / 12);
    open[i] = mid - 0.6;
    close[i] = mid + 0.6;
    high[i] = mid + 1.6;
    low[i] = mid - 1.6;
  }
  return { time, open, high, low, close };
}

const container = (chart) => chart.shadowRoot.querySelector('.container');
function pointer(chart, type, x, y) {
  const rect = container(chart).getBoundingClientRect();
  container(chart).dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, clientX: rect.left + x, clientY: rect.top + y, pointerId: 1, button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: true }));
}

describe('annotations: lazy editor and cached layers', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('a chart with only non-editable annotations fetches neither the editor nor the toolbar, and draws them', async () => {
    const chart = await createChart({ attributes: { type: 'candlestick' }, data: bars() });
    chart.annotations = [
      { id: 'lvl', kind: 'hline', points: [{ price: 100 }], editable: false, label: 'level' },
      { id: 'b', kind: 'marker', points: [{ time: T0 + 50 * MIN }], side: 'buy', editable: false },
    ];
    await chart.nextFrame();
    await sleep(200);
    const ids = chart.model.frame().scene.layers.map((layer) => layer.id);
    assert(ids.some((id) => id.startsWith('annotations:lines:')) && ids.some((id) => id.startsWith('annotations:markers:')), `drawn: ${ids}`);
    assert(!fetchedResource('chart-annotations-editor.js'), 'the editor was not fetched');
    assert(!fetchedResource('gpu-drawing-tools.js'), 'the toolbar was not fetched');
    assertEqual(customElements.get('gpu-drawing-tools'), undefined, 'the toolbar is not defined');
  });

  it('drawing mode fetches the editor; a drag made before it arrived is replayed into a trend line', async () => {
    const chart = await createChart({ width: 480, height: 300, attributes: { type: 'candlestick' }, data: bars() });
    await chart.nextFrame();
    const viewport = JSON.stringify(chart.getViewport());
    const added = recordEvents(chart, ['gpu-annotation-change']);
    chart.startDrawing('trend');
    const [ax, ay] = [chart.model.xOf(T0 + 40 * MIN), chart.model.yOf(98)];
    const [bx, by] = [chart.model.xOf(T0 + 120 * MIN), chart.model.yOf(104)];
    // At once, before the chunk can have arrived.
    pointer(chart, 'pointerdown', ax, ay);
    pointer(chart, 'pointermove', bx, by);
    pointer(chart, 'pointerup', bx, by);
    await until(() => added.events.length === 1, 'the replayed drawing');
    assert(fetchedResource('chart-annotations-editor.js'), 'the editor was fetched');
    const trend = added.events[0].detail.annotation;
    assertEqual(trend.kind, 'trend', 'a trend line');
    assert(Math.abs(trend.points[0].price - 98) < 0.3 && Math.abs(trend.points[1].price - 104) < 0.3, `points ${JSON.stringify(trend.points)}`);
    assertEqual(JSON.stringify(chart.getViewport()), viewport, 'the queued presses did not pan');
    assertEqual(chart.drawingKind, null, 'drawing mode ended');
  });

  it('a <gpu-drawing-tools> added to the page is defined once its chunk arrives, and draws', async () => {
    const chart = await createChart({ attributes: { type: 'candlestick' }, data: bars() });
    const tools = document.createElement('gpu-drawing-tools');
    chart.append(tools);
    await customElements.whenDefined('gpu-drawing-tools');
    await tools.updateComplete;
    assert(fetchedResource('gpu-drawing-tools.js'), 'fetched on first use');
    /** @type {HTMLButtonElement} */ (tools.shadowRoot.querySelector('[data-tool="hline"]')).click();
    assertEqual(chart.drawingKind, 'hline', 'the toolbar starts drawing');
  });

  it('a frame whose view did not change builds no annotation geometry; a pan projects again without preparing', async () => {
    const chart = await createChart({ width: 480, height: 300, attributes: { type: 'candlestick' }, data: bars() });
    /** @type {any[]} */
    const list = [];
    for (let i = 0; i < 2000; i++) list.push({ id: `m${i}`, kind: 'marker', points: [{ time: T0 + (i % 200) * MIN }], side: i % 2 ? 'sell' : 'buy', editable: false });
    for (let i = 0; i < 200; i++) list.push({ id: `t${i}`, kind: 'trend', points: [{ time: T0 + i * MIN, price: 95 }, { time: T0 + (i + 30) * MIN, price: 105 }], editable: false });
    chart.annotations = list;
    await chart.nextFrame();
    const layer = /** @type {any} */ (chart).annotationLayer;
    const before = layer.buildStats;
    const layersBefore = chart.model.frame().scene.layers.filter((l) => l.id.startsWith('annotations:'));
    for (let i = 0; i < 3; i++) chart.renderNow();
    assertEqual(JSON.stringify(layer.buildStats), JSON.stringify(before), 'unchanged frames: nothing prepared or projected');
    const layersAfter = chart.model.frame().scene.layers.filter((l) => l.id.startsWith('annotations:'));
    assert(layersAfter.length > 0 && layersAfter.every((l, i) => l === layersBefore[i]), 'the very same layer objects (nothing to upload again)');
    const { start, end } = chart.getViewport();
    chart.setViewport(start + 5 * MIN, end + 5 * MIN);
    chart.renderNow();
    const panned = layer.buildStats;
    assertEqual(panned.prepared, before.prepared, 'a pan prepares nothing again');
    assert(panned.projected > before.projected, 'a pan projects');
  });
});
