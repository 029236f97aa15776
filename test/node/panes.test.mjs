// Pane layout, separator moves, histogram bars and the model's panes (no DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutPanes, moveSeparator, MAIN_PANE, createTimeScale, createValueScale, ChartModel, resolveSeries } from '../../build/node/core/index.js';
import { HistogramLayer } from '../../build/node/core/index.js';
import { MinMaxPyramid } from '../../build/node/data/index.js';

test('layoutPanes fills the plot exactly with whole-pixel panes and gaps, by weight', () => {
  const plot = { x: 8, y: 8, width: 300, height: 401 };
  for (const weights of [[3], [3, 1], [3, 1, 1], [1, 1, 1, 1, 1, 1, 1], [5, 0.5, 2]]) {
    const panes = layoutPanes(plot, weights.map((weight, i) => ({ id: `p${i}`, weight })), 7);
    assert.equal(panes.length, weights.length);
    let y = plot.y;
    for (const [i, pane] of panes.entries()) {
      assert.equal(pane.rect.y, y, `pane ${i} starts after the previous one and the gap`);
      assert.ok(Number.isInteger(pane.rect.height) && pane.rect.height >= 1);
      assert.equal(pane.rect.x, plot.x);
      assert.equal(pane.rect.width, plot.width);
      y += pane.rect.height + 7;
    }
    assert.equal(y - 7, plot.y + plot.height, `${weights}: panes and gaps add up to the plot`);
    const total = weights.reduce((a, b) => a + b, 0);
    const available = plot.height - 7 * (weights.length - 1);
    panes.forEach((pane, i) => assert.ok(Math.abs(pane.rect.height - (available * weights[i]) / total) <= 1, `pane ${i} share`));
  }
  // Bad weights count as 1; no panes, no rectangles.
  const odd = layoutPanes(plot, [{ id: 'a', weight: NaN }, { id: 'b', weight: -2 }], 0);
  assert.ok(Math.abs(odd[0].rect.height - odd[1].rect.height) <= 1, 'NaN and negative weights count as 1');
  assert.deepEqual(layoutPanes(plot, [], 7), []);
});

test('moveSeparator trades height between two neighbours, keeping both above the minimum', () => {
  assert.deepEqual(moveSeparator([300, 100, 100], 0, -50, 24), [250, 150, 100]);
  assert.deepEqual(moveSeparator([300, 100, 100], 1, 30, 24), [300, 130, 70]);
  assert.deepEqual(moveSeparator([300, 100, 100], 1, 500, 24), [300, 176, 24], 'clamped at the minimum');
  assert.deepEqual(moveSeparator([300, 100], 0, -1000, 24), [24, 376]);
  assert.deepEqual(moveSeparator([300, 100], 1, 10, 24), [300, 100], 'no separator below the last pane');
  assert.deepEqual(moveSeparator([300, 100], 0, NaN, 24), [300, 100]);
  // Panes already below the minimum never grow smaller.
  assert.deepEqual(moveSeparator([300, 10], 0, 5, 24), [300, 10]);
});

test('HistogramLayer draws one bar per value zoomed in and at most two per column zoomed out', () => {
  const n = 50;
  const time = Float64Array.from({ length: n }, (_, i) => i * 10);
  const values = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -i : i));
  const pyramid = new MinMaxPyramid(values);
  const yScale = createValueScale('linear', -50, 50, 100);
  const layer = new HistogramLayer().build('h', time, values, n, pyramid, createTimeScale(0, 490, 400), yScale, 400, 0, [0, 1, 0, 1], [1, 0, 0, 1], false);
  assert.equal(layer.count, n - 1, 'every bar but the zero one');
  const up = layer.colors[1];
  const down = layer.colors[2];
  assert.notEqual(up, down, 'coloured by sign');
  // Bar 5 (value 5): from y(0) = 50 to y(5) = 45.
  const k = 4; // bars 1, 2, 3, 4, 5: index 0 (value 0) is skipped
  assert.deepEqual([layer.rects[k * 4 + 1], layer.rects[k * 4 + 3]], [50, 45]);

  const big = 100_000;
  const bt = Float64Array.from({ length: big }, (_, i) => i);
  const bv = Float64Array.from({ length: big }, (_, i) => Math.sin(i / 1000) * 10);
  const bp = new MinMaxPyramid(bv);
  const zoomedOut = new HistogramLayer().build('h', bt, bv, big, bp, createTimeScale(0, big - 1, 200), yScale, 200, 0, [0, 1, 0, 1], [1, 0, 0, 1], false);
  assert.ok(zoomedOut.count <= 400, `${zoomedOut.count} rectangles`);
  // The tallest bar reaches the series' maximum: its top is y(max) within rounding.
  let top = Infinity;
  for (let r = 0; r < zoomedOut.count; r++) top = Math.min(top, zoomedOut.rects[r * 4 + 3], zoomedOut.rects[r * 4 + 1]);
  assert.ok(Math.abs(top - yScale.toPixel(10)) < 0.01, `top ${top}`);
});

test('the model stacks indicator panes under the main pane and autoscales each', () => {
  const model = new ChartModel();
  const n = 200;
  const time = Float64Array.from({ length: n }, (_, i) => i * 1000);
  const value = Float64Array.from({ length: n }, (_, i) => 1000 + i);
  model.setData({ time, columns: { value } });
  model.setSize({ width: 500, height: 400, pixelRatio: 1 });
  const osc = Float64Array.from({ length: n }, (_, i) => (i < 14 ? NaN : 50 + Math.sin(i) * 20));
  const hist = Float64Array.from({ length: n }, (_, i) => Math.cos(i) * 3);
  model.setDerived([
    { id: 'ema', name: 'EMA', values: value.map((v) => v + 1), color: null, lineWidth: 1 },
    { id: 'osc', name: 'OSC', label: 'OSC(14)', values: osc, color: null, lineWidth: 1, pane: 'new:osc' },
    { id: 'hist', name: 'HIST', values: hist, color: null, lineWidth: 1, pane: 'new:hist', style: 'histogram' },
  ]);
  assert.deepEqual(model.paneIds(), [MAIN_PANE, 'new:osc', 'new:hist']);
  const frame = model.frame();
  assert.equal(frame.panes.length, 3);
  assert.equal(frame.panes[1].title, 'OSC(14)');
  assert.ok(frame.yRange[0] > 900, 'the main pane ignores the oscillators');
  assert.ok(frame.panes[1].yRange[0] > 25 && frame.panes[1].yRange[1] < 75, `osc range ${frame.panes[1].yRange}`);
  assert.ok(frame.panes[2].yRange[0] < -2.9 && frame.panes[2].yRange[1] > 2.9, 'histogram range includes both signs');
  for (const layer of frame.scene.layers) assert.ok(layer.pane, `${layer.id} names its pane`);
  const histLayer = frame.scene.layers.find((l) => l.id === 'derived:hist');
  assert.equal(histLayer.kind, 'rects');
  assert.equal(histLayer.pane.y, model.panes()[2].rect.y);
  // pick() knows the pane under the pointer.
  const oscPane = frame.panes[1].rect;
  assert.equal(model.pick(200, oscPane.y + 5).pane, 'new:osc');
  // A separator drag survives a pane added later (weights are on the main pane's scale).
  model.moveSeparator(0, -40);
  const before = model.panes().map((p) => p.rect.height);
  assert.ok(before[1] > before[2] + 30, 'osc pane taller after the drag');
  model.resetPaneSizes();
  const reset = model.panes().map((p) => p.rect.height);
  assert.ok(Math.abs(reset[1] - reset[2]) <= 1, 'default shares back');
});

test('series types: volume needs OHLC and volume (else a bar of its column); baseValue kept when finite', () => {
  const ohlcv = ['open', 'high', 'low', 'close', 'volume'];
  assert.equal(resolveSeries(ohlcv, [{ column: 'volume', type: 'volume' }], 'line')[0].type, 'volume');
  assert.equal(resolveSeries(['volume'], [{ column: 'volume', type: 'volume' }], 'line')[0].type, 'bar');
  assert.equal(resolveSeries(['v'], [{ column: 'v', type: 'baseline', baseValue: 3 }], 'line')[0].baseValue, 3);
  assert.equal(resolveSeries(['v'], [{ column: 'v', type: 'baseline', baseValue: NaN }], 'line')[0].baseValue, undefined);
});

test('an indicator pane draws its reference levels (dashed, in range even when the values never reach them)', () => {
  const model = new ChartModel();
  const n = 300;
  const time = Float64Array.from({ length: n }, (_, i) => i * 1000);
  model.setData({ time, columns: { value: Float64Array.from({ length: n }, (_, i) => 100 + i) } });
  model.setSize({ width: 500, height: 400, pixelRatio: 1 });
  const osc = Float64Array.from({ length: n }, (_, i) => 45 + Math.sin(i / 9) * 5); // 40..50: never reaches 30 or 70
  model.setDerived([{ id: 'rsi', name: 'RSI', values: osc, color: null, lineWidth: 1, pane: 'new:rsi', levels: [30, 70] }]);
  const frame = model.frame();
  const pane = frame.panes[1];
  assert.ok(pane.yRange[0] < 30 && pane.yRange[1] > 70, `levels in range: ${pane.yRange}`);
  const layer = frame.scene.layers.find((l) => l.id === 'levels:new:rsi');
  assert.ok(layer && layer.kind === 'segments', 'a levels layer');
  const ys = new Set();
  for (let k = 0; k < layer.count; k++) ys.add(layer.points[k * 2 + 1]);
  assert.equal(ys.size, 2, 'two horizontal lines');
  // Dashed: 4 px on, 4 px off.
  assert.deepEqual([layer.points[2] - layer.points[0], layer.points[4] - layer.points[0]], [4, 8]);
  // No levels, no layer.
  model.setDerived([{ id: 'x', name: 'X', values: osc, color: null, lineWidth: 1, pane: 'new:x' }]);
  assert.equal(model.frame().scene.layers.filter((l) => l.id.startsWith('levels:')).length, 0);
});
