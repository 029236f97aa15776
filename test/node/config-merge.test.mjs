import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, getPreset, mergeConfigs, resolveConfig } from '../../build/node/config/index.js';

test('later layers win; nested objects merge key by key', () => {
  const merged = mergeConfigs(
    { theme: 'light', quality: { msaa: 4, resolutionScale: 1 } },
    { quality: { msaa: 1 } },
    { theme: 'dark' },
  );
  assert.deepEqual(merged, { theme: 'dark', quality: { msaa: 1, resolutionScale: 1 } });
});

test('null and undefined are skipped, both as layers and as values', () => {
  const merged = mergeConfigs(undefined, { theme: 'dark', quality: { msaa: 1 } }, null, { theme: undefined, quality: { msaa: null } });
  assert.deepEqual(merged, { theme: 'dark', quality: { msaa: 1 } });
});

test('lists of items with ids merge by id', () => {
  /** @type {import('../../build/node/config/index.js').ChartConfigPatch} */
  const base = {
    series: {
      items: [
        { id: 'close', color: 'blue', lineWidth: 2 },
        { id: 'volume', type: 'bar' },
      ],
    },
  };
  const update = { series: { items: [{ id: 'volume', visible: false }, { id: 'sma', color: 'red' }] } };
  assert.deepEqual(mergeConfigs(base, update).series.items, [
    { id: 'close', color: 'blue', lineWidth: 2 },
    { id: 'volume', type: 'bar', visible: false },
    { id: 'sma', color: 'red' },
  ]);
});

test('an indicator can be toggled by id alone', () => {
  const result = resolveConfig([
    { indicators: [{ id: 'sma20', type: 'sma', params: { period: 20 } }] },
    { indicators: [{ id: 'sma20', visible: false }] },
  ]);
  assert.equal(result.ok, true);
  assert.deepEqual(result.config.indicators, [{ id: 'sma20', type: 'sma', params: { period: 20 }, visible: false }]);
});

test('lists without ids, and empty lists, replace wholesale', () => {
  assert.deepEqual(
    mergeConfigs({ colors: { series: ['red', 'blue', 'green'] } }, { colors: { series: ['black'] } }).colors.series,
    ['black'],
  );
  assert.deepEqual(mergeConfigs({ series: { items: [{ id: 'a' }] } }, { series: { items: [] } }).series.items, []);
  // One item without an id makes the whole list a replacement.
  assert.deepEqual(
    // @ts-expect-error: an item without an id, on purpose (the types require one; merging must cope)
    mergeConfigs({ series: { items: [{ id: 'a' }] } }, { series: { items: [{ id: 'b' }, { name: 'x' }] } }).series.items,
    [{ id: 'b' }, { name: 'x' }],
  );
});

test('the result shares no objects with the layers', () => {
  /** @type {import('../../build/node/config/index.js').ChartConfigPatch} */
  const layer = { quality: { msaa: 1 }, series: { items: [{ id: 'a', color: 'red' }] }, colors: { series: ['red'] } };
  const merged = mergeConfigs(layer);
  merged.quality.msaa = 4;
  merged.series.items[0].color = 'blue';
  merged.colors.series.push('blue');
  assert.deepEqual(layer, { quality: { msaa: 1 }, series: { items: [{ id: 'a', color: 'red' }] }, colors: { series: ['red'] } });
  // Frozen presets merge fine and stay intact.
  const preset = getPreset('accessible');
  const withPreset = mergeConfigs(preset, { colors: { up: 'lime' } });
  assert.equal(withPreset.colors.up, 'lime');
  assert.equal(preset.colors.up, '#56b4e9');
});

test('__proto__ / constructor / prototype keys are refused and nothing is polluted', () => {
  const attacks = [
    JSON.parse('{"__proto__": {"polluted": "yes"}}'),
    JSON.parse('{"quality": {"__proto__": {"polluted": "yes"}}}'),
    { constructor: { prototype: { polluted: 'yes' } } },
    { series: { items: [JSON.parse('{"id": "a", "__proto__": {"polluted": "yes"}}')] } },
    { quality: { prototype: { polluted: 'yes' } } },
  ];
  for (const attack of attacks) {
    assert.throws(() => mergeConfigs({ quality: { msaa: 4 } }, attack), ConfigError);
    const result = resolveConfig([attack]);
    assert.equal(result.ok, false);
    assert.match(result.issues[0].message, /forbidden key/);
  }
  assert.equal({}.polluted, undefined);
  assert.equal(/** @type {{ polluted?: unknown }} */ (Object.prototype).polluted, undefined);
});

test('cyclic runtime objects are refused instead of recursing forever', () => {
  const cyclic = { quality: {} };
  cyclic.quality.self = cyclic;
  assert.throws(() => mergeConfigs(cyclic), /nested deeper than 64 levels/);
});

test('resolveConfig validates the merged result and fills defaults', () => {
  const ok = resolveConfig([getPreset('mobile'), { theme: 'dark' }, { quality: { msaa: 4 } }]);
  assert.equal(ok.ok, true);
  assert.equal(ok.config.theme, 'dark');
  assert.equal(ok.config.quality.msaa, 4); // runtime update beats the preset
  assert.equal(ok.config.quality.targetFps, 30); // from the preset
  assert.equal(ok.config.text.fontFamily, 'system-ui, sans-serif'); // default

  // @ts-expect-error: an msaa the schema does not allow, on purpose (validation is under test)
  const bad = resolveConfig([{ quality: { msaa: 3 } }, { indicators: [{ id: 'x' }] }]);
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.issues.map((i) => `${i.path}: ${i.message}`).sort(), [
    'indicators[0].type: missing required key',
    'quality.msaa: expected 1 | 4, got 3',
  ]);
});
