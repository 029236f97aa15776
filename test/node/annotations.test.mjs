// The annotation model (src/annotations, DOM-free): validation, serialisation, undo, snapping,
// fib levels, hit testing, handle geometry and the batched scene layers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validateAnnotation,
  toJson,
  AnnotationStore,
  AnnotationHistory,
  AnnotationLayerBuilder,
  snapToBar,
  nearestRow,
  rowsBetween,
  fibLevelPrices,
  fibLabel,
  rangeStats,
  rangeLabel,
  formatDuration,
  hitTest,
  HitIndex,
  shapeOf,
  clipSegment,
  pushDashed,
  movePoint,
  translate,
  resolvePane,
  packRgba,
  DEFAULT_FIB_LEVELS,
} from '../../build/node/annotations/index.js';
import { createTimeScale, createValueScale } from '../../build/node/core/index.js';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;

/** A pane 600 × 300 device px at (50, 10) showing 100 minutes and prices 90..110. */
function view(id = 'main', { log = false, rect = { x: 50, y: 10, width: 600, height: 300 } } = {}) {
  return { id, rect, x: createTimeScale(T0, T0 + 100 * MIN, rect.width), y: createValueScale(log ? 'log' : 'linear', 90, 110, rect.height) };
}

const CONTEXT = { ratio: 1, timeAxis: true };

function valid(raw) {
  const { annotation, issues } = validateAnnotation(raw, `annotations.${raw.id}`);
  assert.ok(annotation, `valid: ${JSON.stringify(issues)}`);
  return annotation;
}

/** A colour parser for tests: #rrggbb only. */
/** @type {(css: string) => [number, number, number, number] | null} */
const hexRgba = (css) => (/^#[0-9a-f]{6}$/i.test(css) ? [parseInt(css.slice(1, 3), 16) / 255, parseInt(css.slice(3, 5), 16) / 255, parseInt(css.slice(5, 7), 16) / 255, 1] : null);
/** @type {import('../../build/node/annotations/index.js').LayerStyle} */
const STYLE = {
  resolveColor: hexRgba,
  defaultColor: [0, 0, 1, 1],
  upColor: [0, 1, 0, 1],
  downColor: [1, 0, 0, 1],
  fibColors: [[0.5, 0.5, 0.5, 1]],
  font: '12px sans-serif',
  textColor: [0, 0, 0, 1],
  boxColor: [1, 1, 1, 1],
};

test('validation: every kind with its points; bad input names its path; style errors fall back to defaults', () => {
  for (const [kind, points] of [
    ['hline', [{ price: 100 }]],
    ['vline', [{ time: T0 }]],
    ['trend', [{ time: T0, price: 95 }, { time: T0 + MIN, price: 105 }]],
    ['ray', [{ time: '2024-01-01T00:00:00Z', price: 95 }, { time: T0 + MIN, price: 105 }]],
    ['rect', [{ time: T0, price: 95 }, { time: T0 + MIN, price: 105 }]],
    ['text', [{ time: T0, price: 100 }]],
    ['arrow', [{ time: T0, price: 95 }, { time: T0 + MIN, price: 105 }]],
    ['range', [{ time: T0, price: 95 }, { time: T0 + MIN, price: 105 }]],
    ['fib', [{ time: T0, price: 95 }, { time: T0 + MIN, price: 105 }]],
    ['marker', [{ time: T0 }]],
  ]) {
    const a = valid({ id: kind, kind, points });
    assert.equal(a.kind, kind);
  }
  assert.equal(valid({ id: 'r', kind: 'ray', points: [{ time: '2024-01-01T00:00:00Z', price: 1 }, { time: T0, price: 2 }] }).points[0].time, T0, 'ISO times parse');

  const bad = (raw) => validateAnnotation(raw, `annotations.${raw?.id ?? 0}`);
  let r = bad({ id: 'z', kind: 'zigzag', points: [] });
  assert.equal(r.annotation, null);
  assert.equal(r.issues[0].path, 'annotations.z.kind');
  assert.match(r.issues[0].message, /hline \| vline/);
  r = bad({ id: 'm', kind: 'trend', points: [{ time: T0, price: 1 }] });
  assert.equal(r.annotation, null);
  assert.deepEqual(r.issues.map((i) => i.path), ['annotations.m.points']);
  r = bad({ id: 'n', kind: 'trend', points: [{ time: T0, price: 1 }, { time: T0, price: NaN }] });
  assert.deepEqual(r.issues.map((i) => i.path), ['annotations.n.points[1].price']);
  r = bad({ id: 'i', kind: 'vline', points: [{ time: Infinity }] });
  assert.deepEqual(r.issues.map((i) => i.path), ['annotations.i.points[0].time']);
  r = bad({ id: 's', kind: 'vline', points: [{ time: 'not a date' }] });
  assert.deepEqual(r.issues.map((i) => i.path), ['annotations.s.points[0].time']);
  r = bad({ kind: 'hline', points: [{ price: 1 }] });
  assert.equal(r.annotation, null, 'an id is required');
  r = bad(null);
  assert.equal(r.annotation, null);

  // Style problems: reported, drawn with the default.
  r = bad({ id: 'c', kind: 'hline', points: [{ price: 1 }], color: 'notacolour', width: -3, dash: 'wavy', levels: [NaN], bogus: 1 });
  assert.ok(r.annotation);
  assert.equal(r.annotation.color, null);
  assert.equal(r.annotation.width, 1.5);
  assert.equal(r.annotation.dash, 'solid');
  assert.deepEqual(r.annotation.levels, DEFAULT_FIB_LEVELS);
  assert.deepEqual(r.issues.map((i) => i.path).sort(), ['annotations.c.bogus', 'annotations.c.color', 'annotations.c.dash', 'annotations.c.levels', 'annotations.c.width']);
});

test('serialisation: toJson keeps what the kind uses and non-default style, and validates back to the same annotation', () => {
  const inputs = [
    { id: 'h', kind: 'hline', points: [{ price: 101.5 }], color: '#ff0000', label: 'Resistance', dash: 'dashed' },
    { id: 'v', kind: 'vline', points: [{ time: T0 + 5 * MIN }], width: 3 },
    { id: 't', kind: 'trend', points: [{ time: T0, price: 95 }, { time: T0 + 50 * MIN, price: 105 }], editable: false },
    { id: 'f', kind: 'fib', points: [{ time: T0, price: 95 }, { time: T0 + 50 * MIN, price: 105 }], levels: [0, 0.5, 1, 1.618] },
    { id: 'm', kind: 'marker', points: [{ time: T0 + 3 * MIN }], side: 'sell', size: 16, label: 'S' },
    { id: 'x', kind: 'text', points: [{ time: T0, price: 100 }], text: 'Note', font: '14px serif', visible: false, pane: 'rsi' },
  ];
  for (const input of inputs) {
    const json = toJson(valid(input));
    assert.deepEqual(json, input, `${input.id} round trip`);
    assert.deepEqual(toJson(valid(JSON.parse(JSON.stringify(json)))), json);
  }
  // A marker without a price stays without one (it sits on its bar).
  assert.deepEqual(toJson(valid({ id: 'b', kind: 'marker', points: [{ time: T0 }] })), { id: 'b', kind: 'marker', points: [{ time: T0 }], side: 'buy' });
});

test('store: declared annotations merge by id, edits override them, undo and redo restore exactly', () => {
  const store = new AnnotationStore();
  const a = valid({ id: 'a', kind: 'hline', points: [{ price: 100 }] });
  const b = valid({ id: 'b', kind: 'vline', points: [{ time: T0 }] });
  store.setDeclared([a, b]);
  assert.deepEqual(store.list().map((x) => x.id), ['a', 'b']);
  const v0 = store.version;
  store.setDeclared([a, b]);
  assert.equal(store.version, v0, 'the same declarations change nothing');

  const moved = movePoint(a, 0, { time: T0, price: 104 });
  let changes = store.edit([{ id: 'a', after: moved }]);
  assert.deepEqual(changes.map((c) => [c.action, c.annotation.id]), [['changed', 'a']]);
  assert.equal(store.get('a').points[0].price, 104);
  const c = valid({ id: 'c', kind: 'trend', points: [{ time: T0, price: 1 }, { time: T0 + 1, price: 2 }] });
  assert.deepEqual(store.edit([{ id: 'c', after: c }]).map((x) => x.action), ['added']);
  assert.deepEqual(store.edit([{ id: 'b', after: null }]).map((x) => x.action), ['removed']);
  assert.deepEqual(store.list().map((x) => x.id), ['a', 'c']);

  assert.deepEqual(store.undo().map((x) => [x.action, x.annotation.id]), [['added', 'b']]);
  assert.deepEqual(store.undo().map((x) => [x.action, x.annotation.id]), [['removed', 'c']]);
  assert.deepEqual(store.undo().map((x) => [x.action, x.annotation.points[0].price]), [['changed', 100]]);
  assert.deepEqual(store.undo(), [], 'nothing left to undo');
  assert.deepEqual(store.list().map(toJson), [a, b].map(toJson));
  store.redo();
  store.redo();
  assert.deepEqual(store.list().map((x) => x.id), ['a', 'b', 'c']);
  assert.equal(store.get('a').points[0].price, 104);
  // A new edit after undoing drops the redo branch.
  store.undo();
  store.edit([{ id: 'b', after: null }]);
  assert.deepEqual(store.redo(), []);

  // A changed declaration wins over the earlier edit of it.
  store.setDeclared([valid({ id: 'a', kind: 'hline', points: [{ price: 90 }] }), b]);
  assert.equal(store.get('a').points[0].price, 90);

  // replaceAll: one step, removing what is not listed.
  const before = store.list().map(toJson);
  store.replaceAll([c]);
  assert.deepEqual(store.list().map((x) => x.id), ['c']);
  store.undo();
  assert.deepEqual(store.list().map(toJson), before);
  assert.equal(store.freshId('trend'), 'trend-1');
});

test('history keeps at most its limit of steps', () => {
  const history = new AnnotationHistory(3);
  for (let i = 0; i < 5; i++) history.record([{ id: String(i), before: null, after: null }]);
  const ids = [];
  let step;
  while ((step = history.undo())) ids.push(step[0].id);
  assert.deepEqual(ids, ['4', '3', '2']);
  assert.equal(history.canRedo, true);
});

test('snapping: nearest bar in time, nearest of its OHLC values on screen', () => {
  const time = Float64Array.from({ length: 10 }, (_, i) => T0 + i * MIN);
  const open = time.map((_, i) => 100 + i);
  const high = open.map((v) => v + 3);
  const low = open.map((v) => v - 3);
  const close = open.map((v) => v + 1);
  const data = { time, length: 10, columns: [open, high, low, close] };
  const y = (v) => (110 - v) * 10;
  assert.deepEqual(snapToBar(data, T0 + 4.4 * MIN, y(107.6), y), { time: T0 + 4 * MIN, price: 107, row: 4 }, 'high of bar 4');
  assert.deepEqual(snapToBar(data, T0 + 4.6 * MIN, y(101.5), y), { time: T0 + 5 * MIN, price: 102, row: 5 }, 'low of bar 5');
  assert.equal(snapToBar({ time, length: 0, columns: [] }, T0, 0, y), null);
  assert.equal(nearestRow(time, 10, T0 - 1e9), 0);
  assert.equal(nearestRow(time, 10, T0 + 1e9), 9);
  assert.equal(rowsBetween(time, 10, T0 + MIN, T0 + 3 * MIN), 3);
  assert.equal(rowsBetween(time, 10, T0 + 0.5 * MIN, T0 + 3.5 * MIN), 3);
});

test('fib levels and range statistics', () => {
  const a = { time: T0, price: 100 };
  const b = { time: T0 + 90 * MIN, price: 200 };
  assert.deepEqual(fibLevelPrices(a, b, [0, 0.5, 1, 1.618]).map((v) => +v.toFixed(6)), [200, 150, 100, 38.2]);
  assert.equal(fibLabel(0.618, 138.2), '0.618 (138.20)');
  const stats = rangeStats(a, b, () => 91);
  assert.equal(stats.change, 100);
  assert.equal(stats.percent, 100);
  assert.equal(rangeLabel(stats, true), '+100.00 (+100.00%) · 91 bars · 1h 30m');
  assert.equal(rangeLabel(rangeStats(b, a), false), '−100.00 (−50.00%)');
  assert.equal(formatDuration(3 * 86_400_000 + 4 * 3_600_000 + 5000), '3d 4h');
  assert.equal(formatDuration(250), '250ms');
});

test('geometry: handles at the points, rays reach the pane edge, clipping and dashes', () => {
  const v = view();
  const trend = valid({ id: 't', kind: 'trend', points: [{ time: T0 + 10 * MIN, price: 95 }, { time: T0 + 20 * MIN, price: 100 }] });
  const shape = shapeOf(trend, v, CONTEXT);
  assert.deepEqual(shape.handles, [[60, 225], [120, 150]]);
  const ray = shapeOf({ ...trend, kind: 'ray' }, v, CONTEXT);
  const [x0, y0, x1, y1] = ray.strokes[0].segments;
  assert.deepEqual([x0, y0], [60, 225]);
  assert.ok(x1 > 600 && y1 < 0, 'a ray leaves the pane');
  const out = [0, 0, 0, 0];
  assert.equal(clipSegment(x0, y0, x1, y1, 0, 0, 600, 300, out), true);
  assert.deepEqual(out.slice(0, 2), [60, 225], 'the start stays');
  assert.ok(Math.abs(out[3]) < 1e-9, 'clipped at the top edge');
  assert.ok(Math.abs((out[2] - 60) / (225 - out[3]) - 60 / 75) < 1e-9, 'same direction');
  assert.equal(clipSegment(-10, -10, -5, -1, 0, 0, 600, 300, out), false);
  const dashes = [];
  pushDashed(dashes, 0, 0, 100, 0, 4, 3);
  assert.equal(dashes.length / 4, 15);
  assert.deepEqual(dashes.slice(0, 8), [0, 0, 4, 0, 7, 0, 11, 0]);
  // A log scale: prices ≤ 0 have no pixel, the shape is empty rather than NaN.
  const logView = view('main', { log: true });
  assert.equal(shapeOf(valid({ id: 'h', kind: 'hline', points: [{ price: -1 }] }), logView, CONTEXT).strokes.length, 0);
  // A marker without price sits under its bar's low (buy).
  const marker = valid({ id: 'm', kind: 'marker', points: [{ time: T0 + 50 * MIN }] });
  const ms = shapeOf(marker, v, { ...CONTEXT, barAt: () => ({ low: 95, high: 105 }) });
  assert.equal(ms.handles[0][1], 225);
  assert.ok(ms.marker.y > 225, 'a buy arrow below the low');
  const sell = shapeOf({ ...marker, side: 'sell' }, v, { ...CONTEXT, barAt: () => ({ low: 95, high: 105 }) });
  assert.ok(sell.marker.y < 75, 'a sell arrow above the high');
});

test('hit testing: handles of the selected annotation first, then the topmost under the pointer', () => {
  const v = view();
  const trend = valid({ id: 't', kind: 'trend', points: [{ time: T0 + 10 * MIN, price: 95 }, { time: T0 + 20 * MIN, price: 100 }] });
  const level = valid({ id: 'h', kind: 'hline', points: [{ price: 100 }] });
  const locked = valid({ id: 'l', kind: 'hline', points: [{ price: 105 }], editable: false });
  const list = [trend, level, locked];
  const at = (x, y, selected = null) => hitTest(list, [v], v.rect.x + x, v.rect.y + y, 5, CONTEXT, selected, () => 40);
  assert.deepEqual(at(120, 150), { id: 'h', handle: null, pane: 'main' }, 'the later-drawn hline is on top');
  assert.deepEqual(at(120, 150, 't'), { id: 't', handle: 1, pane: 'main' }, 'a selected handle wins');
  assert.deepEqual(at(90, 187.5 + 3), { id: 't', handle: null, pane: 'main' }, 'near the middle of the line');
  assert.equal(at(90, 250), null);
  assert.equal(at(300, 75), null, 'non-editable annotations are not hit');
  const rect = valid({ id: 'r', kind: 'rect', points: [{ time: T0 + 60 * MIN, price: 96 }, { time: T0 + 80 * MIN, price: 104 }] });
  assert.deepEqual(hitTest([rect], [v], v.rect.x + 420, v.rect.y + 150, 5, CONTEXT, null, () => 0)?.id, 'r', 'inside a filled rectangle');
  // Among 10,000 markers, the one under the pointer (a buy arrow sits below its price).
  const markers = [];
  for (let i = 0; i < 10000; i++) markers.push(valid({ id: `m${i}`, kind: 'marker', points: [{ time: T0 + (i / 100) * MIN, price: 100 }] }));
  const mx = v.x.toPixel(T0 + 42 * MIN);
  const my = v.y.toPixel(100) + 9;
  const hit = hitTest(markers, [v], v.rect.x + mx, v.rect.y + my, 1, CONTEXT, null, () => 0);
  const found = shapeOf(markers.find((m) => m.id === hit?.id), v, CONTEXT).marker;
  assert.ok(found && Math.abs(found.x - mx) <= found.radius + 1 && Math.abs(found.y - my) <= found.radius + 1, `a marker under the pointer: ${hit?.id}`);
  assert.ok(Number(hit.id.slice(1)) >= 4200, 'the topmost of those under the pointer');
  assert.equal(hitTest(markers, [v], v.rect.x + mx, v.rect.y + my - 30, 1, CONTEXT, null, () => 0), null, 'nothing above the arrows');
});

test('editing: handles move a point, a drag moves every point by the same screen distance', () => {
  const v = view();
  const trend = valid({ id: 't', kind: 'trend', points: [{ time: T0 + 10 * MIN, price: 95 }, { time: T0 + 20 * MIN, price: 100 }] });
  const moved = translate(trend, v, 6, -15);
  assert.deepEqual(moved.points, [{ time: T0 + 11 * MIN, price: 96 }, { time: T0 + 21 * MIN, price: 101 }]);
  assert.deepEqual(trend.points[0], { time: T0 + 10 * MIN, price: 95 }, 'the original is unchanged');
  const hline = valid({ id: 'h', kind: 'hline', points: [{ price: 100 }] });
  assert.equal(movePoint(hline, 0, { time: T0, price: 102 }).points[0].price, 102);
  // On a log scale a drag multiplies: the shape stays the same on screen.
  const lv = view('main', { log: true });
  const logMoved = translate(trend, lv, 0, -30);
  assert.ok(Math.abs(logMoved.points[1].price / logMoved.points[0].price - 100 / 95) < 1e-12);
});

test('panes: an annotation names its pane by id, indicator pane name or indicator id', () => {
  const views = [view('main'), view('pane:osc'), view('new:rsi14:0')];
  assert.equal(resolvePane('main', views).id, 'main');
  assert.equal(resolvePane('osc', views).id, 'pane:osc');
  assert.equal(resolvePane('rsi14', views).id, 'new:rsi14:0');
  assert.equal(resolvePane('new:rsi14:0', views).id, 'new:rsi14:0');
  assert.equal(resolvePane('nope', views), null);
});

test('layers: 1,000 trend lines become one segments layer, 10,000 markers two band layers, rebuilt only on change', () => {
  const v = view();
  const list = [];
  for (let i = 0; i < 1000; i++) list.push(valid({ id: `t${i}`, kind: 'trend', points: [{ time: T0 + (i % 100) * MIN, price: 90 + (i % 20) }, { time: T0 + ((i + 7) % 100) * MIN, price: 91 + (i % 19) }] }));
  for (let i = 0; i < 10000; i++) list.push(valid({ id: `m${i}`, kind: 'marker', points: [{ time: T0 + (i % 100) * MIN, price: 100 }], side: i % 2 ? 'sell' : 'buy' }));
  list.push(valid({ id: 'box', kind: 'rect', points: [{ time: T0, price: 95 }, { time: T0 + 10 * MIN, price: 105 }], color: '#ff0000' }));
  const builder = new AnnotationLayerBuilder();
  const built = builder.build(list, 1, v, CONTEXT, STYLE, 0, 's');
  const kinds = built.layers.map((l) => l.kind).sort();
  assert.deepEqual(kinds, ['band', 'band', 'rects', 'segments', 'segments'], 'fills, blue lines, red box outline, buy and sell markers');
  const blue = built.layers.find((l) => l.kind === 'segments' && l.color[2] === 1);
  assert.equal(blue.count, 2000, 'two points per segment, one segment per trend line');
  const rects = built.layers.find((l) => l.kind === 'rects');
  assert.equal(rects.count, 1);
  assert.equal(rects.colors[0], packRgba([1, 0, 0, 0.15]));
  assert.ok(built.layers.every((l) => l.pane === v.rect), 'drawn in the pane, clipped to it');

  // Markers: a triangle each (apex row, base row, gap row), buys below their price pointing up in
  // the up colour, sells above it pointing down in the down colour.
  const bands = /** @type {any[]} */ (built.layers.filter((l) => l.kind === 'band'));
  const buys = bands.find((l) => l.fill[1] === 1);
  const sells = bands.find((l) => l.fill[0] === 1);
  // 5,000 buys on 50 distinct bars at one price: each spot drawn once.
  assert.equal(buys.count, 50 * 3);
  assert.equal(sells.count, 50 * 3);
  const y100 = v.y.toPixel(100);
  const x0 = v.x.toPixel(T0);
  const rows = (layer) => Array.from(layer.points.subarray(0, 12));
  assert.deepEqual(rows(buys).slice(0, 8).map((n) => +n.toFixed(3)), [x0, y100 + 3, x0, y100 + 3, x0 - 6, y100 + 15, x0 + 6, y100 + 15].map((n) => +n.toFixed(3)), 'buy: apex up at 3 px below the price, base 12 px lower');
  assert.ok(rows(buys)[9] > 1e29 && rows(buys)[11] > 1e29, 'a gap row ends each triangle');
  const sx = v.x.toPixel(T0 + MIN);
  assert.deepEqual(rows(sells).slice(0, 8).map((n) => +n.toFixed(3)), [sx, y100 - 3, sx, y100 - 3, sx - 6, y100 - 15, sx + 6, y100 - 15].map((n) => +n.toFixed(3)), 'sell: apex down 3 px above the price');

  assert.equal(builder.build(list, 1, v, CONTEXT, STYLE, 0, 's'), built, 'nothing changed: the same layers (same arrays, nothing to upload again)');
  const panned = { ...v, x: createTimeScale(T0 + 10 * MIN, T0 + 110 * MIN, 600) };
  const again = builder.build(list, 1, panned, CONTEXT, STYLE, 0, 's');
  assert.notEqual(again, built, 'the viewport changed: rebuilt');
  const drawn = again.layers.filter((l) => l.kind === 'band').reduce((n, l) => n + l.count / 3, 0);
  // Ten minutes scrolled out of view (of 100 distinct spots); those one minute (6 px) past the edge still show half.
  assert.equal(drawn, 91, 'markers scrolled out of view are left out');
  const away = { ...v, x: createTimeScale(T0 + 1000 * MIN, T0 + 1100 * MIN, 600) };
  assert.ok(!builder.build(list, 1, away, CONTEXT, STYLE, 0, 's').layers.some((l) => l.kind === 'band'), 'none in view: no layer');
});

test('layers: dashes, fib bands and labels, range colour by direction, hidden annotations skipped', () => {
  const v = view();
  const builder = new AnnotationLayerBuilder();
  const fib = valid({ id: 'f', kind: 'fib', points: [{ time: T0 + 10 * MIN, price: 92 }, { time: T0 + 60 * MIN, price: 108 }] });
  const dashed = valid({ id: 'd', kind: 'hline', points: [{ price: 100 }], dash: 'dashed', width: 1, color: '#00ff00', label: 'L' });
  const down = valid({ id: 'r', kind: 'range', points: [{ time: T0, price: 105 }, { time: T0 + 5 * MIN, price: 95 }] });
  const hidden = valid({ id: 'x', kind: 'hline', points: [{ price: 99 }], visible: false, color: '#ff00ff' });
  const built = builder.build([fib, dashed, down, hidden], 1, v, CONTEXT, STYLE, 0, 's');
  const green = built.layers.find((l) => l.kind === 'segments' && l.color[1] === 1 && l.color[0] === 0);
  // 600 px of 4 on, 3 off: 86 dashes of 2 points.
  assert.equal(green.count, Math.ceil(600 / 7) * 2);
  assert.ok(!built.layers.some((l) => l.kind === 'segments' && l.color[0] === 1 && l.color[2] === 1), 'hidden: not drawn');
  const rects = built.layers.find((l) => l.kind === 'rects');
  assert.equal(rects.count, DEFAULT_FIB_LEVELS.length - 1 + 1, 'fib bands between levels, and the range box');
  const rangeFill = rects.colors[rects.count - 1];
  assert.equal(rangeFill, packRgba([1, 0, 0, 0.15]), 'a falling range is drawn in the down colour');
  const labels = built.labels.map((l) => l.text);
  assert.ok(labels.includes('0.5 (100.00)'));
  assert.ok(labels.includes('L'));
  assert.ok(labels.includes('−10.00 (−9.52%) · 5m 0s'));
  assert.ok(built.labels.every((l) => l.clip === v.rect));
});

test('layers: a frame whose view did not change neither prepares nor projects; a pan projects only; a change of annotations, data or style prepares again', () => {
  const v = view();
  const list = [];
  for (let i = 0; i < 200; i++) list.push(valid({ id: `t${i}`, kind: 'trend', points: [{ time: T0 + (i % 90) * MIN, price: 90 + (i % 20) }, { time: T0 + ((i % 90) + 10) * MIN, price: 91 + (i % 19) }] }));
  for (let i = 0; i < 1000; i++) list.push(valid({ id: `m${i}`, kind: 'marker', points: [{ time: T0 + (i % 100) * MIN, price: 95 + (i % 10) }], side: i % 3 ? 'buy' : 'sell' }));
  const builder = new AnnotationLayerBuilder();
  const first = builder.build(list, 1, v, CONTEXT, STYLE, 0, 's');
  assert.deepEqual(builder.stats, { prepared: 1, projected: 1 });
  for (let i = 0; i < 5; i++) assert.equal(builder.build(list, 1, v, CONTEXT, STYLE, 0, 's'), first);
  assert.deepEqual(builder.stats, { prepared: 1, projected: 1 }, 'unchanged frames: no work at all');
  const panned = { ...v, x: createTimeScale(T0 + 3 * MIN, T0 + 103 * MIN, 600) };
  builder.build(list, 1, panned, CONTEXT, STYLE, 0, 's');
  builder.build(list, 1, { ...panned, y: createValueScale('linear', 80, 120, 300) }, CONTEXT, STYLE, 0, 's');
  assert.deepEqual(builder.stats, { prepared: 1, projected: 3 }, 'pan and zoom: projected again from the same preparation');
  builder.build(list, 2, panned, CONTEXT, STYLE, 0, 's');
  builder.build(list, 2, panned, CONTEXT, STYLE, 1, 's');
  builder.build(list, 2, panned, CONTEXT, STYLE, 1, 'dark');
  builder.build(list, 2, panned, { ...CONTEXT, ratio: 2 }, STYLE, 1, 'dark');
  assert.deepEqual(builder.stats, { prepared: 5, projected: 7 }, 'annotations, data, style and pixel ratio each prepare again');
});

test('layers: the projected fast path draws exactly what the shapes of the same annotations give', () => {
  const v = view();
  const trends = [];
  for (let i = 0; i < 50; i++) trends.push(valid({ id: `t${i}`, kind: 'trend', points: [{ time: T0 - 20 * MIN + i * 3 * MIN, price: 85 + i * 0.6 }, { time: T0 + i * 2 * MIN, price: 112 - i * 0.4 }], dash: i % 3 === 0 ? 'dashed' : 'solid', width: 1 }));
  const built = new AnnotationLayerBuilder().build(trends, 1, v, CONTEXT, STYLE, 0, 's');
  const fast = Array.from(built.layers.find((l) => l.kind === 'segments').points);
  // The same segments from each trend's shape, clipped and dashed the general way.
  const expected = [];
  const clipped = [0, 0, 0, 0];
  for (const a of trends) {
    const [x0, y0, x1, y1] = shapeOf(a, v, CONTEXT).strokes[0].segments;
    if (!clipSegment(x0, y0, x1, y1, -3, -3, 603, 303, clipped)) continue;
    pushDashed(expected, clipped[0], clipped[1], clipped[2], clipped[3], a.dash === 'dashed' ? 4 : 1, a.dash === 'dashed' ? 3 : 0);
  }
  assert.equal(fast.length, expected.length);
  assert.deepEqual(fast.map((n) => +n.toFixed(2)), Array.from(Float32Array.from(expected), (n) => +n.toFixed(2)));
});

test('hit testing through the time index finds what the full scan finds, testing only nearby annotations', () => {
  const v = view();
  const list = [];
  // A made-up random generator (no Math.random: the same run every time).
  let seed = 11;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 3000; i++) list.push(valid({ id: `m${i}`, kind: 'marker', points: [{ time: T0 + rnd() * 100 * MIN, price: 92 + rnd() * 16 }], side: rnd() < 0.5 ? 'buy' : 'sell', size: 6 + Math.floor(rnd() * 10) }));
  for (let i = 0; i < 300; i++) {
    const t = T0 + rnd() * 100 * MIN;
    list.push(valid({ id: `t${i}`, kind: rnd() < 0.7 ? 'trend' : 'rect', points: [{ time: t, price: 92 + rnd() * 16 }, { time: t + rnd() * 30 * MIN, price: 92 + rnd() * 16 }], width: 1 + Math.floor(rnd() * 8) }));
  }
  list.push(valid({ id: 'level', kind: 'hline', points: [{ price: 100 }] }));
  list.push(valid({ id: 'v', kind: 'vline', points: [{ time: T0 + 50 * MIN }] }));
  list.push(valid({ id: 'locked', kind: 'marker', points: [{ time: T0 + 20 * MIN, price: 100 }], editable: false }));
  const index = new HitIndex(list);
  const width = (text) => text.length * 7;
  let hits = 0;
  for (let k = 0; k < 400; k++) {
    const x = 50 + rnd() * 600;
    const y = 10 + rnd() * 300;
    const scan = hitTest(list, [v], x, y, 5, CONTEXT, null, width);
    const indexed = hitTest(list, [v], x, y, 5, CONTEXT, null, width, index);
    assert.deepEqual(indexed, scan, `at (${x.toFixed(1)}, ${y.toFixed(1)})`);
    if (scan) hits++;
  }
  assert.ok(hits > 100, `most points hit something (${hits})`);
  // Near one time only a few of the 3,300 annotations are candidates.
  const near = index.candidates(T0 + 50 * MIN - 0.5 * MIN, T0 + 50 * MIN + 0.5 * MIN);
  assert.ok(near.length < 200, `${near.length} candidates`);
  assert.ok(near.includes(list.findIndex((a) => a.id === 'level')) && near.includes(list.findIndex((a) => a.id === 'v')), 'hlines always, the vline at that time');
  assert.ok(!near.includes(list.findIndex((a) => a.id === 'locked')), 'not editable: never a candidate');
  assert.deepEqual(near, [...near].sort((a, b) => b - a), 'topmost first');
});

test('layers: pans write into the pane\'s arrays of the last frame (no new ones) and draw exactly what a fresh builder draws', () => {
  const list = [];
  // Solid trend lines (the typed-array path) and markers of both sides at many prices.
  for (let i = 0; i < 300; i++) list.push(valid({ id: `t${i}`, kind: 'trend', points: [{ time: T0 + (i % 97) * MIN, price: 90 + (i % 20) }, { time: T0 + ((i % 97) + 15) * MIN, price: 91 + (i % 19) }] }));
  for (let i = 0; i < 3000; i++) list.push(valid({ id: `m${i}`, kind: 'marker', points: [{ time: T0 + (i % 150) * MIN + (i % 7) * 1000, price: 92 + (i % 16) }], side: i % 3 ? 'buy' : 'sell' }));
  const builder = new AnnotationLayerBuilder();
  const arraysOf = (built) => built.layers.filter((l) => l.kind === 'band' || l.kind === 'segments').map((l) => l.points.buffer);
  const contents = (built) => built.layers.map((l) => `${l.kind}:${l.count}:${Array.from(l.points.subarray(0, 2 * l.count), (n) => n.toFixed(3)).join(',')}`);
  // Pans and zooms, one with nothing in view, then back: the reused arrays must hold no stale rows.
  const windows = [[0, 100], [5, 105], [-30, 170], [60, 90], [1000, 1100], [7, 107], [0, 100]];
  let before = null;
  let reused = 0;
  for (const [a, b] of windows) {
    const v = { ...view(), x: createTimeScale(T0 + a * MIN, T0 + b * MIN, 600) };
    const built = builder.build(list, 1, v, CONTEXT, STYLE, 0, 's');
    assert.deepEqual(contents(built), contents(new AnnotationLayerBuilder().build(list, 1, v, CONTEXT, STYLE, 0, 's')), `window ${a}..${b} min: as a fresh builder draws it`);
    const buffers = arraysOf(built);
    if (before && buffers.length > 0 && buffers.every((buffer) => before.includes(buffer))) reused++;
    if (buffers.length > 0) before = buffers;
  }
  // 5 → 105 (same size), 7 → 107 after the empty window, 0 → 100 again: no array allocated.
  assert.ok(reused >= 3, `frames that reused the last frame's arrays: ${reused}`);
});

test('layers: solid trend lines (the typed-array path) draw exactly what their shapes give, clipped', () => {
  const v = view();
  const trends = [];
  // Inside, crossing every edge, and wholly outside the pane.
  for (let i = 0; i < 60; i++) trends.push(valid({ id: `s${i}`, kind: 'trend', points: [{ time: T0 - 40 * MIN + i * 4 * MIN, price: 80 + i * 0.7 }, { time: T0 + i * 3 * MIN, price: 118 - i * 0.5 }], width: 1 }));
  trends.push(valid({ id: 'away', kind: 'trend', points: [{ time: T0 + 500 * MIN, price: 100 }, { time: T0 + 600 * MIN, price: 101 }], width: 1 }));
  const layers = new AnnotationLayerBuilder().build(trends, 1, v, CONTEXT, STYLE, 0, 's').layers.filter((l) => l.kind === 'segments');
  assert.equal(layers.length, 1, 'one group, all solid');
  const expected = [];
  const clipped = [0, 0, 0, 0];
  for (const a of trends) {
    const [x0, y0, x1, y1] = shapeOf(a, v, CONTEXT).strokes[0].segments;
    if (clipSegment(x0, y0, x1, y1, -3, -3, 603, 303, clipped)) expected.push(...clipped);
  }
  assert.ok(expected.length / 4 < trends.length, 'some lines are left out');
  assert.equal(layers[0].count, expected.length / 2);
  assert.deepEqual(Array.from(layers[0].points, (n) => +n.toFixed(2)), Array.from(Float32Array.from(expected), (n) => +n.toFixed(2)));
});
