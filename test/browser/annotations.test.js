// Annotations on <gpu-chart>: drawn by both renderers from the scene (pixels compared), edited by
// pointer and keyboard, drawn in drawing mode, undone and redone, reported in events, serialised
// and restored, and bad input reported with its path while the others still draw.
import { GpuIndicator, loadAnnotationEditor, loadDrawingTools } from '../../dist/index.js';
import { assert, assertEqual, colorDistance, createChart, nextEvent, pixel, recordEvents, frame } from './helpers.js';
import { canvasCapture, comparePixels, webGpuCapture } from './compare-pixels.js';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const N = 120;

/** 120 one-minute candles around 100, the same every run. */
function bars() {
  const time = new Float64Array(N);
  const open = new Float64Array(N);
  const high = new Float64Array(N);
  const low = new Float64Array(N);
  const close = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    time[i] = T0 + i * MIN;
    const mid = 100 + 8 * Math.sin(i / 12);
    open[i] = mid - 0.6;
    close[i] = mid + 0.6 * Math.cos(i);
    high[i] = Math.max(open[i], close[i]) + 1;
    low[i] = Math.min(open[i], close[i]) - 1;
  }
  return { time, open, high, low, close };
}

const container = (chart) => chart.shadowRoot.querySelector('.container');

/** Dispatches a pointer event at a data point (or CSS px within the chart). */
function pointer(chart, type, x, y, extra = {}) {
  const rect = container(chart).getBoundingClientRect();
  container(chart).dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, clientX: rect.left + x, clientY: rect.top + y, pointerId: 1, button: 0, buttons: type === 'pointerup' ? 0 : 1, isPrimary: true, ...extra }));
}

function key(chart, k, extra = {}) {
  container(chart).dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...extra }));
}

/** CSS px within the chart of a data point on the main pane. */
function cssOf(chart, time, price) {
  return [chart.model.xOf(time), chart.model.yOf(price)];
}

async function candleChart(attributes = {}) {
  const chart = await createChart({ width: 480, height: 300, attributes: { type: 'candlestick', 'no-grid': '', 'no-legend': '', ...attributes }, data: bars() });
  await chart.nextFrame();
  return chart;
}

const RED = [255, 0, 0];
const BLUE = [0, 0, 255];
/** @type {import('../../dist/index.js').AnnotationJson[]} */
const ALL_KINDS = [
  { id: 'level', kind: 'hline', points: [{ price: 104 }], color: '#ff0000', width: 2, label: 'R1' },
  { id: 'time', kind: 'vline', points: [{ time: T0 + 100 * MIN }], color: '#0000ff', dash: 'dashed' },
  { id: 'trend', kind: 'trend', points: [{ time: T0 + 10 * MIN, price: 94 }, { time: T0 + 50 * MIN, price: 106 }], color: '#ff8800', width: 3 },
  { id: 'ray', kind: 'ray', points: [{ time: T0 + 60 * MIN, price: 96 }, { time: T0 + 70 * MIN, price: 97 }], dash: 'dotted' },
  { id: 'box', kind: 'rect', points: [{ time: T0 + 20 * MIN, price: 97 }, { time: T0 + 35 * MIN, price: 101 }], color: '#00aa00', fill: 'rgba(0, 170, 0, 0.3)' },
  { id: 'note', kind: 'text', points: [{ time: T0 + 5 * MIN, price: 107 }], text: 'Breakout' },
  { id: 'arrow', kind: 'arrow', points: [{ time: T0 + 80 * MIN, price: 93 }, { time: T0 + 90 * MIN, price: 99 }] },
  { id: 'move', kind: 'range', points: [{ time: T0 + 40 * MIN, price: 95 }, { time: T0 + 55 * MIN, price: 102 }] },
  { id: 'fib', kind: 'fib', points: [{ time: T0 + 85 * MIN, price: 92 }, { time: T0 + 115 * MIN, price: 108 }] },
  { id: 'buy', kind: 'marker', points: [{ time: T0 + 30 * MIN }], side: 'buy' },
  { id: 'sell', kind: 'marker', points: [{ time: T0 + 45 * MIN }], side: 'sell', label: 'S' },
];

describe('annotations', () => {
  // Editing and the toolbar are lazy chunks (test/browser/annotations-lazy.test.js tests the
  // loading): loaded once here, so that the edits below happen synchronously, as a user's do.
  before(async () => {
    await loadAnnotationEditor();
    await loadDrawingTools();
  });
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('are drawn from the scene in batched layers, and the WebGPU and Canvas2D pictures agree', async () => {
    const chart = await candleChart();
    chart.annotations = ALL_KINDS;
    const scene = chart.model.frame().scene;
    const layers = scene.layers.filter((l) => l.id.startsWith('annotations:'));
    // Batched: one fills layer, one segments layer per colour and width, one band layer (triangles)
    // per marker colour. 500 more trend lines and 2,000 more markers of styles already there add no layer.
    /** @type {any[]} */
    const more = [...ALL_KINDS];
    for (let i = 0; i < 500; i++) more.push({ id: `t${i}`, kind: 'trend', points: [{ time: T0 + (i % 100) * MIN, price: 95 + (i % 10) }, { time: T0 + ((i + 5) % 100) * MIN, price: 96 }], color: '#ff8800', width: 3 });
    for (let i = 0; i < 2000; i++) more.push({ id: `m${i}`, kind: 'marker', points: [{ time: T0 + (i % N) * MIN }], side: i % 2 ? 'buy' : 'sell' });
    chart.annotations = more;
    const many = chart.model.frame().scene.layers.filter((l) => l.id.startsWith('annotations:'));
    assertEqual(many.length, layers.length, `layers with 2,500 more annotations (${many.map((l) => l.id).join(', ')})`);
    chart.annotations = ALL_KINDS;
    /** @type {Set<string>} */
    const kinds = new Set(layers.map((l) => l.kind));
    for (const kind of ['rects', 'segments', 'band']) assert(kinds.has(kind), `${kind} layer`);
    const only = { ...scene, layers };
    const gpu = await webGpuCapture(only);
    const cpu = await canvasCapture(only);
    const stats = comparePixels(gpu, cpu);
    console.log(`annotations, webgpu vs canvas2d: ${JSON.stringify(stats)}`);
    assert(stats.flatOff <= stats.pixels * 0.002, `flat pixels differ: ${stats.flatOff}`);
    assert(stats.strongOff <= stats.edge * 0.08 + 20, `edges differ strongly: ${stats.strongOff} of ${stats.edge}`);
    // The red level line is at its price in both pictures.
    const ratio = chart.model.chartSize.pixelRatio;
    const [, y] = cssOf(chart, T0, 104);
    const x = chart.model.xOf(T0 + 70 * MIN) * ratio;
    for (const [name, snap] of [['webgpu', gpu], ['canvas2d', cpu]]) {
      const row = Math.floor(y * ratio);
      const found = [row - 1, row, row + 1].some((r) => colorDistance(pixel(snap, x, r), RED) < 40);
      assert(found, `${name}: red hline at y ${row}`);
    }
  });

  it('draw on the chart in both renderers: pixels appear where annotations are, clipped to their pane', async () => {
    for (const renderer of ['webgpu', 'canvas2d']) {
      const chart = await candleChart({ renderer });
      const ratio = chart.model.chartSize.pixelRatio;
      const before = await chart.snapshot();
      chart.annotations = /** @type {any} */ ([{ id: 'level', kind: 'hline', points: [{ price: 104 }], color: '#0000ff', width: 2 }, { id: 'far', kind: 'trend', points: [{ time: T0, price: 50 }, { time: T0 + 119 * MIN, price: 150 }], color: '#ff0000', width: 2 }]);
      await chart.nextFrame();
      const after = await chart.snapshot();
      const [, y] = cssOf(chart, T0, 104);
      const x = chart.model.xOf(T0 + 3 * MIN) * ratio;
      const row = Math.floor(y * ratio);
      assert([row - 1, row, row + 1].some((r) => colorDistance(pixel(after, x, r), BLUE) < 40), `${renderer}: blue line drawn`);
      assert(![row - 1, row, row + 1].every((r) => colorDistance(pixel(before, x, r), BLUE) < 40), `${renderer}: not there before`);
      // The trend line runs far beyond the pane: nothing is drawn outside the plot (axis strip).
      const plot = chart.model.plotCss();
      let outside = 0;
      for (let py = 0; py < after.height; py++) {
        for (let px = Math.ceil((plot.x + plot.width) * ratio) + 2; px < after.width; px++) if (colorDistance(pixel(after, px, py), RED) < 60) outside++;
      }
      assertEqual(outside, 0, `${renderer}: red pixels right of the plot`);
      chart.remove();
    }
  });

  it('<gpu-annotation> children are drawn, follow attribute changes and go when removed', async () => {
    const chart = await candleChart();
    const child = document.createElement('gpu-annotation');
    child.id = 'lvl';
    child.setAttribute('kind', 'hline');
    child.setAttribute('price', '98');
    child.setAttribute('color', '#0000ff');
    chart.append(child);
    await frame();
    await chart.nextFrame();
    assertEqual(JSON.stringify(chart.annotations), JSON.stringify([{ id: 'lvl', kind: 'hline', points: [{ price: 98 }], color: '#0000ff' }]), 'declared');
    child.setAttribute('price', '101');
    await frame();
    assertEqual(chart.annotations[0].points[0].price, 101, 'attribute change');
    const trend = document.createElement('gpu-annotation');
    trend.setAttribute('kind', 'trend');
    trend.setAttribute('points', '2024-01-01T00:10:00Z 95; 2024-01-01T00:40:00Z 105');
    chart.append(trend);
    await frame();
    assertEqual(chart.annotations.length, 2, 'two');
    assertEqual(chart.annotations[1].points[0].time, T0 + 10 * MIN, 'ISO time in points');
    child.remove();
    trend.remove();
    await frame();
    assertEqual(chart.annotations.length, 0, 'removed');
  });

  it('drag a handle, drag the body, nudge with keys, Delete; each an event with the JSON; no pan meanwhile', async () => {
    const chart = await candleChart();
    chart.annotations = /** @type {any} */ ([{ id: 't', kind: 'trend', points: [{ time: T0 + 20 * MIN, price: 96 }, { time: T0 + 60 * MIN, price: 104 }] }]);
    await chart.nextFrame();
    const viewport = chart.getViewport();
    const log = recordEvents(chart, ['gpu-annotation-change']);
    // Drag the second handle to (t + 80 min, 100).
    const [hx, hy] = cssOf(chart, T0 + 60 * MIN, 104);
    const [tx, ty] = cssOf(chart, T0 + 80 * MIN, 100);
    pointer(chart, 'pointerdown', hx, hy);
    pointer(chart, 'pointermove', (hx + tx) / 2, (hy + ty) / 2);
    pointer(chart, 'pointermove', tx, ty);
    pointer(chart, 'pointerup', tx, ty);
    assertEqual(log.events.length, 1, 'one change for the whole drag');
    const moved = log.events[0].detail;
    assertEqual(moved.action, 'changed', 'action');
    assertEqual(moved.source, 'pointer', 'source');
    assert(Math.abs(moved.annotation.points[1].time - (T0 + 80 * MIN)) < 0.5 * MIN, `time ${moved.annotation.points[1].time}`);
    assert(Math.abs(moved.annotation.points[1].price - 100) < 0.3, `price ${moved.annotation.points[1].price}`);
    assertEqual(moved.annotation.points[0].price, 96, 'the other point stays');
    assertEqual(JSON.stringify(chart.getViewport()), JSON.stringify(viewport), 'the chart did not pan');
    assertEqual(chart.selectedAnnotation, 't', 'selected');

    // Drag the body by 40 px right, 20 px down: both points move.
    const [ax, ay] = cssOf(chart, T0 + 20 * MIN, 96);
    const [bx, by] = cssOf(chart, chart.annotations[0].points[1].time, chart.annotations[0].points[1].price);
    const mx = (ax + bx) / 2;
    const my = (ay + by) / 2;
    pointer(chart, 'pointerdown', mx, my);
    pointer(chart, 'pointermove', mx + 40, my + 20);
    pointer(chart, 'pointerup', mx + 40, my + 20);
    const body = chart.annotations[0];
    const [ax2, ay2] = cssOf(chart, body.points[0].time, body.points[0].price);
    assert(Math.abs(ax2 - ax - 40) < 0.5 && Math.abs(ay2 - ay - 20) < 0.5, `first point moved by (40, 20): (${ax2 - ax}, ${ay2 - ay})`);
    assertEqual(JSON.stringify(chart.getViewport()), JSON.stringify(viewport), 'still no pan');

    // Keyboard: ArrowUp moves 1 px up (a higher price), Shift+ArrowLeft 10 px left.
    const price = chart.annotations[0].points[0].price;
    key(chart, 'ArrowUp');
    assert(chart.annotations[0].points[0].price > price, 'nudged up');
    const [kx] = cssOf(chart, chart.annotations[0].points[0].time, 0);
    key(chart, 'ArrowLeft', { shiftKey: true });
    const [kx2] = cssOf(chart, chart.annotations[0].points[0].time, 0);
    assert(Math.abs(kx - kx2 - 10) < 0.01, `nudged 10 px left: ${kx - kx2}`);
    assertEqual(JSON.stringify(chart.getViewport()), JSON.stringify(viewport), 'arrows nudged instead of panning');
    key(chart, 'Delete');
    assertEqual(chart.annotations.length, 0, 'deleted');
    const actions = log.events.map((e) => `${e.detail.action}:${e.detail.source}`);
    assertEqual(actions.join(','), 'changed:pointer,changed:pointer,changed:keyboard,changed:keyboard,removed:keyboard', 'events');
    log.stop();

    // Non-editable annotations are not grabbed: the press pans the chart.
    chart.annotations = /** @type {any} */ ([{ id: 'locked', kind: 'hline', points: [{ price: 100 }], editable: false }]);
    await chart.nextFrame();
    const [, ly] = cssOf(chart, T0, 100);
    pointer(chart, 'pointerdown', 200, ly);
    pointer(chart, 'pointermove', 150, ly);
    pointer(chart, 'pointerup', 150, ly);
    assert(chart.getViewport().start !== viewport.start, 'a press on a locked annotation pans');
    assertEqual(chart.annotations[0].points[0].price, 100, 'locked stays');
  });

  it('undo and redo by API and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y', async () => {
    const chart = await candleChart();
    /** @type {import('../../dist/index.js').AnnotationJson[]} */
    const original = [{ id: 'h', kind: 'hline', points: [{ price: 100 }] }];
    chart.annotations = original;
    chart.selectedAnnotation = 'h';
    key(chart, 'ArrowUp');
    key(chart, 'ArrowUp');
    const twice = chart.annotations[0].points[0].price;
    assert(twice > 100, 'moved');
    const log = recordEvents(chart, ['gpu-annotation-change']);
    assertEqual(chart.undo(), true, 'undo');
    key(chart, 'z', { ctrlKey: true });
    assertEqual(JSON.stringify(chart.annotations), JSON.stringify(original), 'back to the original');
    key(chart, 'Z', { ctrlKey: true, shiftKey: true });
    key(chart, 'y', { ctrlKey: true });
    assertEqual(chart.annotations[0].points[0].price, twice, 'redone twice');
    assertEqual(chart.redo(), false, 'nothing left to redo');
    assertEqual(log.events.map((e) => e.detail.source).join(','), 'undo,undo,redo,redo', 'sources');
    // Undo past the setter: the annotations set by the API go too.
    chart.undo();
    chart.undo();
    chart.undo();
    assertEqual(chart.annotations.length, 0, 'undo the setter');
    assertEqual(chart.canUndo, false, 'nothing to undo');
  });

  it('drawing mode draws trend lines by drag, rectangles by two clicks, hlines snapped to OHLC with Alt', async () => {
    const chart = await candleChart();
    const modes = recordEvents(chart, ['gpu-drawing-mode']);
    const added = recordEvents(chart, ['gpu-annotation-change']);
    chart.startDrawing('trend', { color: '#ff0000' });
    assertEqual(chart.drawingKind, 'trend', 'drawing');
    const viewport = chart.getViewport();
    const [ax, ay] = cssOf(chart, T0 + 10 * MIN, 95);
    const [bx, by] = cssOf(chart, T0 + 50 * MIN, 105);
    pointer(chart, 'pointerdown', ax, ay);
    pointer(chart, 'pointermove', (ax + bx) / 2, (ay + by) / 2);
    pointer(chart, 'pointermove', bx, by);
    pointer(chart, 'pointerup', bx, by);
    assertEqual(chart.drawingKind, null, 'drawing mode ends');
    assertEqual(added.events.length, 1, 'one added event');
    const trend = added.events[0].detail.annotation;
    assertEqual(added.events[0].detail.action, 'added', 'added');
    assertEqual(trend.kind, 'trend', 'kind');
    assertEqual(trend.color, '#ff0000', 'style from startDrawing');
    assert(Math.abs(trend.points[0].price - 95) < 0.3 && Math.abs(trend.points[1].price - 105) < 0.3, `points ${JSON.stringify(trend.points)}`);
    assertEqual(JSON.stringify(chart.getViewport()), JSON.stringify(viewport), 'no pan while drawing');

    chart.startDrawing('rect');
    pointer(chart, 'pointerdown', ax, ay);
    pointer(chart, 'pointerup', ax, ay);
    assertEqual(chart.drawingKind, 'rect', 'still placing after one click');
    pointer(chart, 'pointermove', bx, by, { buttons: 0 });
    pointer(chart, 'pointerdown', bx, by);
    pointer(chart, 'pointerup', bx, by);
    assertEqual(chart.annotations.map((a) => a.kind).join(','), 'trend,rect', 'rect added');

    // Snapping: an hline placed near bar 30 with Alt lands exactly on one of its OHLC values.
    const data = bars();
    const [sx, sy] = cssOf(chart, T0 + 30 * MIN + 10_000, data.high[30] + 0.2);
    chart.startDrawing('hline');
    pointer(chart, 'pointerdown', sx, sy, { altKey: true });
    pointer(chart, 'pointerup', sx, sy, { altKey: true });
    const hline = chart.annotations.at(-1);
    assertEqual(hline.kind, 'hline', 'hline');
    assertEqual(hline.points[0].price, data.high[30], 'snapped to the high');
    // Escape leaves drawing mode without drawing.
    chart.startDrawing('fib');
    key(chart, 'Escape');
    assertEqual(chart.drawingKind, null, 'Escape stops');
    assertEqual(modes.events.map((e) => e.detail.kind ?? 'none').join(','), 'trend,none,rect,none,hline,none,fib,none', 'drawing mode events');
    // One undo removes the hline.
    chart.undo();
    assertEqual(chart.annotations.length, 2, 'undo drawing');
  });

  it('<gpu-drawing-tools> starts and stops drawing and undoes', async () => {
    const chart = await candleChart();
    const tools = document.createElement('gpu-drawing-tools');
    chart.append(tools);
    await tools.updateComplete;
    await frame();
    const button = (name) => /** @type {HTMLButtonElement} */ (tools.shadowRoot.querySelector(`[data-tool="${name}"]`));
    button('fib').click();
    assertEqual(chart.drawingKind, 'fib', 'fib tool');
    await tools.updateComplete;
    assertEqual(button('fib').getAttribute('aria-pressed'), 'true', 'pressed');
    const [ax, ay] = cssOf(chart, T0 + 10 * MIN, 95);
    const [bx, by] = cssOf(chart, T0 + 60 * MIN, 105);
    pointer(chart, 'pointerdown', ax, ay);
    pointer(chart, 'pointermove', bx, by);
    pointer(chart, 'pointerup', bx, by);
    await tools.updateComplete;
    assertEqual(chart.annotations[0].kind, 'fib', 'fib drawn');
    assertEqual(button('fib').getAttribute('aria-pressed'), 'false', 'released');
    assertEqual(button('undo').disabled, false, 'undo enabled');
    button('sell').click();
    assertEqual(chart.drawingKind, 'marker', 'marker tool');
    button('sell').click();
    assertEqual(chart.drawingKind, null, 'pressing again stops');
    button('undo').click();
    assertEqual(chart.annotations.length, 0, 'undone');
  });

  it('serialise and restore: chart.annotations round-trips through JSON into the same picture', async () => {
    const a = await candleChart();
    a.annotations = ALL_KINDS;
    const json = JSON.stringify(a.annotations);
    assertEqual(JSON.parse(json).length, ALL_KINDS.length, 'all kinds kept');
    assertEqual(JSON.stringify(JSON.parse(json)[0]), JSON.stringify(ALL_KINDS[0]), 'first as given');
    await a.nextFrame();
    const pictureA = await a.snapshot();
    const b = await candleChart();
    b.annotations = JSON.parse(json);
    await b.nextFrame();
    assertEqual(JSON.stringify(b.annotations), json, 'same JSON');
    const pictureB = await b.snapshot();
    const stats = comparePixels(pictureA, pictureB);
    assertEqual(stats.worst, 0, 'same pixels');
  });

  it('bad input fires gpu-config-error with the path; the other annotations still draw', async () => {
    const chart = await candleChart();
    let error = nextEvent(chart, 'gpu-config-error');
    chart.annotations = /** @type {any} */ ([
      { id: 'ok', kind: 'hline', points: [{ price: 100 }], color: '#0000ff', width: 3 },
      { id: 'z', kind: 'zigzag', points: [] },
      { id: 'n', kind: 'trend', points: [{ time: T0, price: 100 }, { time: T0 + MIN, price: NaN }] },
      { id: 'm', kind: 'trend', points: [{ time: T0, price: 100 }] },
      { id: 'c', kind: 'vline', points: [{ time: T0 + 50 * MIN }], color: 'notacolour' },
    ]);
    let paths = (await error).detail.issues.map((i) => i.path).sort();
    assertEqual(paths.join(','), 'annotations.c.color,annotations.m.points,annotations.n.points[1].price,annotations.z.kind', 'paths');
    assertEqual(chart.annotations.map((a) => a.id).join(','), 'ok,c', 'the valid ones (c with the default colour)');
    await chart.nextFrame();
    const snap = await chart.snapshot();
    const ratio = chart.model.chartSize.pixelRatio;
    const [x, y] = cssOf(chart, T0 + 5 * MIN, 100);
    const row = Math.floor(y * ratio);
    assert([row - 1, row, row + 1].some((r) => colorDistance(pixel(snap, x * ratio, r), BLUE) < 40), 'the valid hline is drawn');

    // Configuration: the path names the item; the others draw.
    error = nextEvent(chart, 'gpu-config-error');
    chart.config = { ...chart.config, annotations: [{ id: 'cfg', kind: 'hline', points: [{ price: 'high' }] }, { id: 'cfg2', kind: 'vline', points: [{ time: T0 + 9 * MIN }] }] };
    await chart.nextFrame();
    paths = (await error).detail.issues.map((i) => i.path);
    assertEqual(paths.join(','), 'annotations.cfg.points[0].price', 'config path');
    assert(chart.annotations.some((a) => a.id === 'cfg2'), 'configured vline drawn');

    // A child element: the error comes from it, naming the attribute's path.
    const child = document.createElement('gpu-annotation');
    child.id = 'kid';
    child.setAttribute('kind', 'trend');
    child.setAttribute('points', 'yesterday 5; 2024-01-01 6');
    const childError = nextEvent(child, 'gpu-config-error');
    chart.append(child);
    await chart.nextFrame();
    assertEqual((await childError).detail.issues[0].path, 'gpu-annotation#kid.points[0].time', 'child path');
    // Nothing crashed: the chart still draws frames.
    const frames = chart.frameCount;
    chart.setViewport(T0, T0 + 60 * MIN);
    await chart.nextFrame();
    assert(chart.frameCount > frames, 'still drawing');
  });

  it('an annotation in an indicator pane is drawn there, clipped to it', async () => {
    // Indicators are a lazy chunk: loaded first, so the RSI pane exists on the next frame.
    await GpuIndicator.load();
    const chart = await candleChart();
    const rsi = document.createElement('gpu-indicator');
    rsi.id = 'rsi';
    rsi.setAttribute('type', 'rsi');
    rsi.setAttribute('period', '14');
    chart.append(rsi);
    await frame();
    chart.annotations = /** @type {any} */ ([{ id: 'ob', kind: 'hline', pane: 'rsi', points: [{ price: 70 }], color: '#ff0000', width: 2 }]);
    await chart.nextFrame();
    const scene = chart.model.frame().scene;
    const layer = scene.layers.find((l) => l.id.startsWith('annotations:') && l.kind === 'segments');
    assert(layer, 'a segments layer');
    const panes = chart.model.panes();
    assertEqual(panes.length, 2, 'two panes');
    assertEqual(JSON.stringify(layer.pane), JSON.stringify(panes[1].rect), 'drawn in the RSI pane');
    const snap = await chart.snapshot();
    const rect = panes[1].rect;
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < snap.height; y++) {
      const x = rect.x + rect.width / 2;
      if (colorDistance(pixel(snap, x, y), RED) < 60) (y >= rect.y && y < rect.y + rect.height ? inside++ : outside++);
    }
    assert(inside >= 1, 'red in the RSI pane');
    assertEqual(outside, 0, 'nowhere else');
  });
});
