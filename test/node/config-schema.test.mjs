import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import {
  ChartConfigPatchSchema,
  ChartConfigSchema,
  defaultConfig,
  isCssColor,
  resolveConfig,
  validatePatch,
} from '../../build/node/config/index.js';

test('defaults: an empty config resolves to every default', () => {
  const config = defaultConfig();
  assert.equal(config.theme, 'light');
  assert.equal(config.timeZone, 'UTC');
  assert.deepEqual(config.colors, {});
  assert.deepEqual(config.axes, {
    x: { type: 'time', visible: true, labels: true },
    y: { scale: 'linear', visible: true, position: 'right', autoscale: true },
    yAxes: [],
  });
  assert.deepEqual(config.series, { type: 'line', lineWidth: 1.5, areaOpacity: 0.2, density: 'off', densityScale: 'log', cluster: 'off', items: [], heatmap: { interpolation: 'nearest', colormap: 'viridis', colorScale: 'linear' } });
  assert.deepEqual(config.indicators, []);
  assert.deepEqual(config.shaders, []);
  assert.deepEqual(config.quality, { resolutionScale: 1, msaa: 4, lodAggressiveness: 0.5, gpuLod: 'auto', targetFps: 60, tier: 'auto' });
  assert.equal(config.quality.maxGpuMemoryMB, undefined, 'no GPU memory budget unless one is set');
  assert.equal(config.features.autoTune, true);
  assert.equal(config.telemetry.enabled, false);
  assert.equal(config.telemetry.endpoint, undefined);
  assert.deepEqual(config.text, { fontSize: 12, fontFamily: 'system-ui, sans-serif' });
  assert.deepEqual(config.annotations, []);
  assert.deepEqual(config.camera, {}, '3D charts: the default camera unless one is configured');
  assert.deepEqual(config.streaming, {}, 'no stream bound unless one is set');
  assert.deepEqual(Object.keys(config).sort(), ['annotations', 'axes', 'camera', 'colors', 'features', 'grid', 'indicators', 'quality', 'series', 'shaders', 'streaming', 'telemetry', 'text', 'theme', 'timeZone']);
});

test('defaults fill around partial settings', () => {
  const result = resolveConfig([{ quality: { msaa: 1 } }]);
  assert.equal(result.ok, true);
  assert.deepEqual(result.config.quality, { resolutionScale: 1, msaa: 1, lodAggressiveness: 0.5, gpuLod: 'auto', targetFps: 60, tier: 'auto' });
});

test('the patch schema adds no defaults and needs only ids in list items', () => {
  const result = v.safeParse(ChartConfigPatchSchema, { theme: 'dark', indicators: [{ id: 'ema', visible: false }] });
  assert.equal(result.success, true);
  assert.deepEqual(result.output, { theme: 'dark', indicators: [{ id: 'ema', visible: false }] });
  // The full schema wants the indicator type.
  assert.equal(v.safeParse(ChartConfigSchema, { indicators: [{ id: 'ema' }] }).success, false);
  // Ids stay required in a patch: they are how layers address items.
  assert.equal(v.safeParse(ChartConfigPatchSchema, { indicators: [{ visible: false }] }).success, false);
});

test('schema issues carry a path and a short message', () => {
  const result = validatePatch({ quality: { msaa: 3, resolutionScale: 5 }, theme: 'sepia' });
  assert.equal(result.ok, false);
  const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
  assert.equal(byPath['quality.msaa'], 'expected 1 | 4, got 3');
  assert.equal(byPath['quality.resolutionScale'], 'expected <=2, got 5');
  assert.equal(byPath.theme, 'expected "light" | "dark", got "sepia"');
});

test('unknown keys are errors at every level', () => {
  const result = validatePatch({ thme: 'dark', quality: { msa: 4 }, series: { items: [{ id: 'a', colour: 'red' }] } });
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.issues.map((i) => `${i.path}: ${i.message}`).sort(),
    ['quality.msa: unknown key', 'series.items[0].colour: unknown key', 'thme: unknown key'],
  );
});

test('wrong types are reported, not coerced', () => {
  const result = validatePatch({ quality: { msaa: '4' }, features: { zoom: 'yes' }, series: { items: {} } });
  assert.equal(result.ok, false);
  const paths = result.issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ['features.zoom', 'quality.msaa', 'series.items']);
});

test('CSS colors: hex, functions and names pass; typos fail', () => {
  for (const good of ['#fff', '#FFFA', '#1f77b4', '#1f77b480', 'rgb(1, 2, 3)', 'rgba(1,2,3,0.5)', 'rgb(1 2 3 / 50%)', 'hsl(120deg 50% 50%)', 'hsla(120, 50%, 50%, .3)', 'RebeccaPurple', 'transparent']) {
    assert.equal(isCssColor(good), true, good);
  }
  for (const bad of ['', '#ff', '#ff00g0', '#1234567', 'gren', 'rgb(1,2)', 'url(x)', 'red;', ' red', 'rgb(1,2,3', 'x'.repeat(200)]) {
    assert.equal(isCssColor(bad), false, bad);
  }
  const result = validatePatch({ colors: { series: ['#fff', 'bleu'] } });
  assert.equal(result.ok, false);
  assert.equal(result.issues[0].path, 'colors.series[1]');
  assert.match(result.issues[0].message, /^expected a CSS color .*, got "bleu"$/);
});

test('time zones are validated with Intl', () => {
  assert.equal(validatePatch({ timeZone: 'America/New_York' }).ok, true);
  assert.equal(validatePatch({ timeZone: 'Europe/Berlin' }).ok, true);
  const result = validatePatch({ timeZone: 'Mars/Olympus_Mons' });
  assert.equal(result.ok, false);
  assert.equal(result.issues[0].path, 'timeZone');
});

test('ranges, integers and finiteness', () => {
  const bad = [
    { series: { lineWidth: 0.5 } },
    { series: { lineWidth: 11 } },
    { series: { areaOpacity: 1.5 } },
    { quality: { resolutionScale: 0.2 } },
    { quality: { targetFps: 500 } },
    { quality: { lodAggressiveness: -0.1 } },
    { quality: { maxGpuMemoryMB: 1000.5 } },
    { quality: { maxGpuMemoryMB: 1e300 } },
    { quality: { maxGpuMemoryMB: 8 } },
    { telemetry: { batchSize: 2.5 } },
    { telemetry: { sampling: 2 } },
    { telemetry: { endpoint: 'not a url' } },
    { telemetry: { endpoint: 'javascript:alert(1)' } },
    { indicators: [{ id: 'a', type: 'sma', params: { period: Infinity } }] },
    { quality: { msaa: Number.NaN } },
  ];
  for (const layer of bad) assert.equal(validatePatch(layer).ok, false, JSON.stringify(layer));
  assert.equal(validatePatch({ telemetry: { endpoint: 'https://example.com/t' } }).ok, true);
  assert.equal(validatePatch({ indicators: [{ id: 'a', type: 'sma', params: { period: 20 } }] }).ok, true);
});

test('long strings are cut short in messages', () => {
  const result = validatePatch({ theme: 'x'.repeat(10_000) });
  assert.equal(result.ok, false);
  assert.ok(result.issues[0].message.length < 120, result.issues[0].message);
});
