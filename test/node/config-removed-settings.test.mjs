import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConfigError,
  ConfigStack,
  defaultConfig,
  parseConfigText,
  registerPreset,
  validatePatch,
} from '../../build/node/config/index.js';

// Settings that were validated and documented but never did anything; they are gone from the schema.
const REMOVED = /^unknown key \(a removed setting that never had an effect; delete it\)$/;

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${error?.constructor?.name}: ${error}`);
    return error;
  }
  assert.fail('expected a rejection');
}

test('the removed settings are gone from the resolved config', () => {
  const config = defaultConfig();
  assert.equal('data' in config, false);
  assert.equal('motion' in config, false);
  assert.equal('animations' in config.features, false);
  // Kept: the GPU memory budget, unset by default.
  assert.equal(validatePatch({ quality: { maxGpuMemoryMB: 512 } }).ok, true);
});

test('a removed setting is refused with its own path, not its emptied group', () => {
  const result = validatePatch({ data: { chunkSize: 1024 } });
  assert.equal(result.ok, false);
  assert.deepEqual(result.issues.map((i) => i.path), ['data.chunkSize']);
  assert.match(result.issues[0].message, REMOVED);
});

test('every removed setting is named, each once', () => {
  const cases = [
    [{ data: { chunkSize: 65536 } }, ['data.chunkSize']],
    [{ data: { cache: { enabled: false } } }, ['data.cache.enabled']],
    [{ data: { cache: { maxEntries: 8, enabled: true } } }, ['data.cache.maxEntries', 'data.cache.enabled']],
    [{ features: { animations: false } }, ['features.animations']],
    [{ motion: { reduced: true } }, ['motion.reduced']],
    // An emptied group on its own still names something that is gone.
    [{ data: {} }, ['data']],
    [{ motion: null }, ['motion']],
    [{ data: { cache: {} } }, ['data.cache']],
  ];
  for (const [layer, paths] of cases) {
    const result = validatePatch(layer);
    assert.equal(result.ok, false, JSON.stringify(layer));
    assert.deepEqual(result.issues.map((i) => i.path), paths, JSON.stringify(layer));
    for (const issue of result.issues) assert.match(issue.message, REMOVED, JSON.stringify(layer));
  }
});

test('other mistakes next to a removed setting are still reported', () => {
  const result = validatePatch({
    data: { chunkSize: 1024, chunksize: 1 },
    features: { animations: false, zoom: 'yes' },
    quality: { msaa: 3 },
  });
  assert.equal(result.ok, false);
  assert.deepEqual(
    result.issues.map((i) => [i.path, i.message.startsWith('unknown key (a removed') ? 'removed' : i.message]).sort(),
    [
      ['data.chunkSize', 'removed'],
      ['data.chunksize', 'unknown key'],
      ['features.animations', 'removed'],
      ['features.zoom', 'expected boolean, got "yes"'],
      ['quality.msaa', 'expected 1 | 4, got 3'],
    ],
  );
});

test('a key merely spelled like a removed path is an ordinary unknown key', () => {
  const result = validatePatch({ 'data.chunkSize': 1024 });
  assert.equal(result.ok, false);
  assert.deepEqual(result.issues.map((i) => [i.path, i.message]), [['["data.chunkSize"]', 'unknown key']]);
});

test('YAML: a removed setting points at its own line and column', async () => {
  const text = 'theme: dark\nmotion:\n  reduced: true\nquality:\n  msaa: 4\n';
  const error = await rejection(parseConfigText(text, { filename: 'chart.yaml' }));
  assert.deepEqual(error.issues.map((i) => [i.path, i.line, i.column]), [['motion.reduced', 3, 3]]);
  assert.match(error.message, /^chart\.yaml:3:3: motion\.reduced: unknown key \(a removed setting/);
});

test('JSON and TOML: removed settings point at their lines', async () => {
  const json = await rejection(
    parseConfigText('{\n  "features": {\n    "zoom": true,\n    "animations": false\n  }\n}', { filename: 'chart.json' }),
  );
  assert.deepEqual(json.issues.map((i) => [i.path, i.line, i.column]), [['features.animations', 4, 5]]);
  const toml = await rejection(parseConfigText('theme = "dark"\n\n[data.cache]\nmaxEntries = 8\n', { filename: 'chart.toml' }));
  assert.deepEqual(toml.issues.map((i) => [i.path, i.line]), [['data.cache.maxEntries', 4]]);
});

test('presets and runtime updates refuse removed settings too; the last good config stays', () => {
  assert.throws(
    () => registerPreset('old-house-style', { theme: 'dark', features: { animations: false } }),
    (error) => error instanceof ConfigError && error.issues[0].path === 'features.animations',
  );
  const stack = new ConfigStack();
  const before = stack.config;
  const update = stack.set('runtime', { data: { chunkSize: 4096 } });
  assert.equal(update.ok, false);
  assert.deepEqual(update.issues.map((i) => i.path), ['data.chunkSize']);
  assert.equal(stack.config, before);
});
