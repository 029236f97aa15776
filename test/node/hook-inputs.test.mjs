// Custom-shader hook inputs of rectangle layers (RectsLayer.hookInputs, 8 words per rectangle):
// written only for series a hook is attached to, so an unhooked chart skips that work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartModel } from '../../build/node/core/chart-model.js';
import { HistogramLayer, createTimeScale, createValueScale } from '../../build/node/core/index.js';
import { MinMaxPyramid } from '../../build/node/data/index.js';
import { HOOK_PARTS } from '../../build/node/custom-shaders/index.js';

const time = Float64Array.of(0, 1000, 2000, 3000, 4000, 5000, 6000, 7000);
const open = Float64Array.of(10, 11, 12, 10, 9, 8, 9, 10);
const high = Float64Array.of(12, 13, 13, 11, 10, 10, 11, 12);
const low = Float64Array.of(9, 10, 10, 8, 7, 7, 8, 9);
const close = Float64Array.of(11, 12, 11, 9, 8, 9, 10, 11);
const volume = Float64Array.of(5, 7, 3, 9, 4, 6, 2, 8);
const data = { time, columns: { open, high, low, close, volume } };

/** A colour hook as ChartShaders hands it to the model (validated elsewhere; the model only carries it). */
const HOOK = { id: 'h', hook: /** @type {const} */ ('color'), source: 'fn color_hook(input: PointInput, base: vec4f) -> vec4f { return base; }', key: 'k' };

function candleModel() {
  const model = new ChartModel();
  model.setData(data);
  model.setSize({ width: 400, height: 300, pixelRatio: 1 });
  model.setSeriesOptions([{ column: 'close', type: 'candlestick' }]);
  return model;
}

const rectLayers = (model) => model.frame().scene.layers.filter((l) => l.kind === 'rects' && (l.id === 'candles' || l.id === 'volume'));

test('unhooked candles and volume carry no hook inputs; hooked ones carry each bar\'s OHLC, part and direction', () => {
  const model = candleModel();
  const plain = rectLayers(model);
  assert.deepEqual(plain.map((l) => l.id).sort(), ['candles', 'volume']);
  for (const layer of plain) {
    assert.ok(layer.count > 0, `${layer.id} draws`);
    assert.equal(layer.hookInputs, undefined, `${layer.id}: no hook, no inputs written`);
    assert.equal(layer.shaderHook, undefined);
  }

  model.shaderHooks = new Map([[model.series[0].id, [HOOK]]]);
  const hooked = rectLayers(model);
  for (const layer of hooked) {
    assert.ok(layer.hookInputs instanceof Float32Array && layer.hookInputs.length >= layer.count * 8, `${layer.id}: 8 words per rectangle`);
    assert.equal(layer.shaderHook?.id, 'h');
  }
  const candles = hooked.find((l) => l.id === 'candles');
  const bits = new Uint32Array(candles.hookInputs.buffer, candles.hookInputs.byteOffset, candles.count * 8);
  // Bar 0 (rising: 10 → 11): its wick then its body, each with the bar's open, high, low, close.
  assert.deepEqual(Array.from(candles.hookInputs.subarray(0, 5)), [10, 12, 9, 11, 11]);
  assert.equal(bits[6], 0, 'bar index');
  assert.equal(bits[7], HOOK_PARTS.PART_WICK | (1 << 8), 'wick, rising');
  assert.equal(bits[8 + 7], HOOK_PARTS.PART_BODY | (1 << 8), 'body, rising');
  // Bar 2 (falling: 12 → 11), rectangles 4 and 5.
  assert.deepEqual(Array.from(candles.hookInputs.subarray(4 * 8, 4 * 8 + 4)), [12, 13, 10, 11]);
  assert.equal(bits[4 * 8 + 7], HOOK_PARTS.PART_WICK, 'wick, falling');
  const vol = hooked.find((l) => l.id === 'volume');
  assert.equal(vol.hookInputs[4], 5, 'a volume bar\'s value is its volume');
  assert.equal(new Uint32Array(vol.hookInputs.buffer)[7], HOOK_PARTS.PART_VOLUME | (1 << 8));

  // The hook detached: the next frame writes no inputs again.
  model.shaderHooks = new Map();
  for (const layer of rectLayers(model)) assert.equal(layer.hookInputs, undefined, `${layer.id}: unhooked again`);
});

test('HistogramLayer writes hook inputs only when asked (the series is hooked)', () => {
  const values = Float64Array.of(3, -2, 5, 1);
  const t = Float64Array.of(0, 10, 20, 30);
  const pyramid = new MinMaxPyramid(values);
  /** @param {boolean} hooked */
  const build = (hooked) => new HistogramLayer().build('h', t, values, 4, pyramid, createTimeScale(0, 30, 400), createValueScale('linear', -10, 10, 100), 400, 0, [0, 1, 0, 1], [1, 0, 0, 1], hooked);
  const plain = build(false);
  assert.equal(plain.count, 4);
  assert.equal(plain.hookInputs, undefined);
  const hooked = build(true);
  assert.deepEqual(Array.from(hooked.rects.subarray(0, 4 * 4)), Array.from(plain.rects.subarray(0, 4 * 4)), 'the same rectangles either way');
  assert.deepEqual(Array.from(hooked.hookInputs.subarray(8, 13)), [-2, -2, -2, -2, -2], 'bar 1: its value as open, high, low, close and value');
  assert.equal(new Uint32Array(hooked.hookInputs.buffer)[8 + 7], HOOK_PARTS.PART_BAR, 'a bar, below the base');
});
