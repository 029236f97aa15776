// Lazy series types (registerLazySeriesType): the module loads the first time a chart draws the
// type, draws nothing meanwhile (never a line that then jumps), and charts are told when it lands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartModel } from '../../build/node/core/index.js';
import { registerLazySeriesType, loadSeriesType, onSeriesTypeLoaded, seriesModuleFor, lineSeries, SERIES_TYPES } from '../../build/node/series/index.js';

function model(type) {
  const m = new ChartModel();
  const n = 500;
  m.setData({ time: Float64Array.from({ length: n }, (_, i) => i * 1000), columns: { value: Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50)) } });
  m.setSize({ width: 400, height: 200, pixelRatio: 1 });
  m.setSeriesOptions([{ column: 'value', type }]);
  return m;
}

const seriesLayers = (m) => m.frame().scene.layers.filter((layer) => layer.kind !== 'segments');

test('a lazy type loads on first use, draws nothing until then, and tells the charts', async () => {
  /** @type {(value?: unknown) => void} */
  let release = () => {};
  let loads = 0;
  const gate = new Promise((resolve) => (release = resolve));
  registerLazySeriesType('slow-line', async () => {
    loads++;
    await gate;
    return { ...lineSeries, type: 'slow-line' };
  });
  assert.ok(SERIES_TYPES.includes(/** @type {any} */ ('slow-line')), 'listed with the types');
  const heard = [];
  const stop = onSeriesTypeLoaded((type) => heard.push(type));
  const m = model('slow-line');
  assert.deepEqual(seriesLayers(m), [], 'nothing drawn while loading');
  assert.equal(seriesModuleFor('slow-line').type, 'pending');
  seriesLayers(m);
  assert.equal(loads, 1, 'loaded once, however often it is drawn');
  release();
  const module = await loadSeriesType('slow-line');
  assert.equal(module.type, 'slow-line');
  assert.deepEqual(heard, ['slow-line'], 'charts told');
  const layers = seriesLayers(m);
  assert.equal(layers.length, 1, 'drawn once loaded');
  assert.equal(layers[0].kind, 'line');
  assert.ok(layers[0].count > 10);
  stop();
});

test('a lazy module of the wrong type is refused; unknown types still draw as lines', async () => {
  registerLazySeriesType('mislabelled', async () => ({ ...lineSeries, type: 'other' }));
  await assert.rejects(loadSeriesType('mislabelled'), /lazy series type "mislabelled" loaded a module of type "other"/);
  assert.equal(await loadSeriesType('no-such-type'), undefined);
  assert.equal(seriesModuleFor('no-such-type'), lineSeries);
});
