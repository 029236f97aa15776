// The configuration stack's fast resolve (validated layers merged onto the defaults, only merged
// lists re-validated) must give exactly what validating the whole merged config gives.
import assert from 'node:assert/strict';
import test from 'node:test';
import { ConfigStack, diffConfig, getPreset, LAYER_ORDER, presetNames, resolveConfig, validatePatch } from '../../build/node/config/index.js';
import { resolveValidatedLayers } from '../../build/node/config/merge.js';
import { rng } from '../../demo/sample-data.js';
import { failed, succeeded } from './helpers.mjs';

/** A random valid layer: a few settings, lists of items addressed by a small set of ids. */
function randomLayer(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const maybe = (p = 0.3) => random() < p;
  const layer = {};
  if (maybe()) layer.theme = pick(['light', 'dark']);
  if (maybe()) layer.timeZone = pick(['UTC', 'America/New_York', 'Asia/Tokyo']);
  if (maybe()) layer.colors = { ...(maybe(0.5) ? { background: pick(['#000', 'white', 'rgb(1, 2, 3)']) } : {}), ...(maybe(0.5) ? { series: [pick(['red', '#00ff00']), 'blue'].slice(0, 1 + Math.floor(random() * 2)) } : {}) };
  if (maybe()) layer.axes = { y: { scale: pick(['linear', 'log']), ...(maybe(0.5) ? { autoscale: maybe(0.5) } : {}) } };
  if (maybe()) layer.grid = { visible: maybe(0.5), style: pick(['solid', 'dashed']) };
  if (maybe(0.5)) {
    layer.series = {};
    if (maybe(0.5)) layer.series.lineWidth = 1 + Math.round(random() * 9);
    if (maybe(0.5)) layer.series.type = pick(['line', 'area']);
    if (maybe(0.6)) {
      layer.series.items = Array.from({ length: Math.floor(random() * 3) }, () => ({
        id: pick(['a', 'b', 'c']),
        ...(maybe(0.5) ? { color: pick(['red', '#123456']) } : {}),
        ...(maybe(0.5) ? { lineWidth: 1 + Math.round(random() * 4) } : {}),
        ...(maybe(0.3) ? { visible: maybe(0.5) } : {}),
      }));
      // Ids are unique within one layer.
      layer.series.items = layer.series.items.filter((item, i, all) => all.findIndex((x) => x.id === item.id) === i);
    }
  }
  if (maybe(0.4)) {
    // A patch may leave out an indicator's type; the merged config may not.
    layer.indicators = [{ id: pick(['ema', 'rsi']), ...(maybe(0.7) ? { type: pick(['ema', 'rsi']) } : {}), ...(maybe(0.5) ? { params: { period: 1 + Math.floor(random() * 50) } } : {}) }];
  }
  if (maybe()) layer.quality = { ...(maybe(0.5) ? { msaa: pick([1, 4]) } : {}), ...(maybe(0.5) ? { tier: pick(['auto', 'low', 'high']) } : {}), ...(maybe(0.3) ? { maxGpuMemoryMB: 256 } : {}) };
  if (maybe()) layer.features = { legend: maybe(0.5), zoom: maybe(0.5) };
  if (maybe(0.2)) layer.telemetry = { enabled: true, endpoint: 'https://example.com/t' };
  if (maybe(0.2)) layer.text = { fontSize: 8 + Math.round(random() * 20) };
  return layer;
}

function validated(layer) {
  const result = validatePatch(layer);
  assert.ok(result.ok, `generated layer is valid: ${JSON.stringify((/** @type {{ issues?: unknown }} */ (result)).issues)}`);
  return succeeded(result).config;
}

test('resolving validated layers gives what validating the merged config gives', () => {
  const random = rng(7);
  const presets = presetNames().map((name) => getPreset(name));
  let failures = 0;
  for (let i = 0; i < 2000; i++) {
    const layers = [];
    if (random() < 0.5) layers.push(presets[Math.floor(random() * presets.length)]);
    for (let n = Math.floor(random() * 4); n > 0; n--) layers.push(random() < 0.1 ? undefined : validated(randomLayer(random)));
    const slow = resolveConfig(layers);
    const fast = resolveValidatedLayers(layers);
    assert.equal(fast.ok, slow.ok, `same verdict for ${JSON.stringify(layers)}`);
    if (slow.ok) assert.deepEqual(succeeded(fast).config, succeeded(slow).config, `same config for ${JSON.stringify(layers)}`);
    else {
      failures++;
      assert.deepEqual(failed(fast).issues.map((i) => i.path), failed(slow).issues.map((i) => i.path), `same issue paths for ${JSON.stringify(layers)}`);
    }
  }
  assert.ok(failures > 10, `some combinations are invalid (an indicator without a type): ${failures}`);
});

test('updates merged into the runtime layer resolve as the whole stack would, sharing what they did not touch', () => {
  const random = rng(11);
  const presets = presetNames().map((name) => getPreset(name));
  let shared = 0;
  for (let round = 0; round < 200; round++) {
    const stack = new ConfigStack();
    if (random() < 0.7) assert.ok(stack.set('preset', presets[Math.floor(random() * presets.length)]).ok);
    for (const layer of /** @type {Array<'file' | 'object' | 'attributes'>} */ (['file', 'object', 'attributes'])) if (random() < 0.4) stack.set(layer, randomLayer(random)); // may be refused: fine
    for (let step = 0; step < 10; step++) {
      const before = stack.config;
      const beforeJson = JSON.stringify(before);
      const update = stack.merge('runtime', randomLayer(random));
      const expected = resolveConfig(LAYER_ORDER.map((name) => stack.layer(name)));
      assert.ok(expected.ok, 'the stack holds a valid combination');
      assert.deepEqual(stack.config, expected.config, `round ${round} step ${step}`);
      assert.equal(JSON.stringify(before), beforeJson, 'the previous config is left as it was');
      if (update.ok) {
        // The same paths (an optional key may sit elsewhere in the object: order is not compared).
        const full = diffConfig(before, expected.config);
        assert.deepEqual({ ...update.diff, changedPaths: [...update.diff.changedPaths].sort() }, { ...full, changedPaths: [...full.changedPaths].sort() }, 'the diff is the full diff');
        if (before.quality === stack.config.quality) shared++;
      }
    }
  }
  assert.ok(shared > 100, `untouched branches are shared (${shared})`);
});

test('resolving validated layers checks the lengths of lists merged by id', () => {
  const items = (prefix) => Array.from({ length: 200 }, (_, i) => ({ id: `${prefix}${i}` }));
  const layers = [validated({ series: { items: items('a') } }), validated({ series: { items: items('b') } })];
  const fast = resolveValidatedLayers(layers);
  assert.equal(fast.ok, false);
  assert.deepEqual(failed(fast).issues.map((i) => i.path), failed(resolveConfig(layers)).issues.map((i) => i.path));
  assert.equal(fast.issues[0].path, 'series.items');
});

test('the resolved config shares nothing with the defaults or the layers', () => {
  const layer = validated({ series: { items: [{ id: 'a', color: 'red' }] } });
  const first = succeeded(resolveValidatedLayers([layer])).config;
  first.series.items[0].color = 'blue';
  first.quality.msaa = 1;
  first.axes.y.scale = 'log';
  const second = succeeded(resolveValidatedLayers([layer])).config;
  assert.equal(second.series.items[0].color, 'red');
  assert.equal(second.quality.msaa, 4);
  assert.equal(second.axes.y.scale, 'linear');
  assert.equal(layer.series.items[0].color, 'red');
});

test('ConfigStack.merge validates the patch on its own: errors name the caller’s paths', () => {
  const stack = new ConfigStack();
  assert.ok(stack.merge('runtime', { series: { items: [{ id: 'a' }, { id: 'b' }] } }).ok);
  const bad = stack.merge('runtime', { series: { items: [{ id: '' }] } });
  assert.equal(bad.ok, false);
  assert.equal(bad.issues[0].path, 'series.items[0].id');
  // Merged by id into the layer, not replacing it.
  assert.ok(stack.merge('runtime', { series: { items: [{ id: 'b', color: 'red' }] } }).ok);
  assert.deepEqual(stack.config.series.items, [{ id: 'a' }, { id: 'b', color: 'red' }]);
  // Nothing to merge is no change.
  const none = stack.merge('runtime', undefined);
  assert.ok(none.ok);
  assert.deepEqual(none.diff.changedPaths, []);
  // An indicator without a type is fine in a patch, not in the merged config.
  const typeless = stack.merge('runtime', { indicators: [{ id: 'x' }] });
  assert.equal(typeless.ok, false);
  assert.equal(typeless.issues[0].path, 'indicators[0].type');
  assert.deepEqual(stack.layer('runtime').indicators, undefined, 'the refused change left the layer alone');
});

test('objects that are not plain data are refused where an object is expected', () => {
  class Settings {
    constructor() {
      this.theme = 'dark';
    }
  }
  for (const [value, path] of [
    [[], ''],
    [[{ theme: 'dark' }], ''],
    [new Settings(), ''],
    [new Date(0), ''],
    [new Map(), ''],
    [{ quality: [] }, 'quality'],
    [{ features: ['zoom'] }, 'features'],
    [{ axes: { y: [] } }, 'axes.y'],
    [{ series: { items: [[]] } }, 'series.items[0]'],
    [{ theme: new Date(0) }, 'theme'],
    [{ colors: { series: [new String('red')] } }, 'colors.series[0]'],
  ]) {
    const result = validatePatch(value);
    assert.equal(result.ok, false, `refused: ${String(value?.constructor?.name)} ${JSON.stringify(value)}`);
    assert.equal(result.issues[0].path, path, JSON.stringify(result.issues));
  }
  assert.match(failed(validatePatch([{ theme: 'dark' }])).issues[0].message, /expected an object, got a list/);
  assert.equal(failed(validatePatch([{ theme: 'dark' }])).issues.length, 1, 'no "unknown key 0" on top');
  assert.match(failed(validatePatch(new Settings())).issues[0].message, /got Settings/);
  assert.ok(validatePatch(Object.assign(Object.create(null), { theme: 'dark' })).ok, 'null-prototype objects are plain data');
});
