import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import {
  BUILTIN_PRESET_NAMES,
  ConfigError,
  defaultConfig,
  getPreset,
  parseConfigText,
  presetNames,
  registerPreset,
  resolveConfig,
  unregisterPreset,
} from '../../build/node/config/index.js';
import { generateArtifacts } from '../../scripts/gen-config-artifacts.mjs';
import { succeeded } from './helpers.mjs';

const ROOT = new URL('../../', import.meta.url);
const EXPECTED = ['performance', 'quality', 'balanced', 'mobile', 'realtime', 'bigdata', 'presentation', 'accessible'];

function leaves(value, prefix = '', out = new Map()) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, prefix ? `${prefix}.${key}` : key, out);
  } else out.set(prefix, value);
  return out;
}

test('the eight built-in presets exist, in order', () => {
  assert.deepEqual([...BUILTIN_PRESET_NAMES], EXPECTED);
  assert.deepEqual(presetNames().slice(0, 8), EXPECTED);
});

test('every preset resolves to a valid config and changes several settings', () => {
  const defaults = leaves(defaultConfig());
  for (const name of EXPECTED) {
    const result = resolveConfig([getPreset(name)]);
    assert.equal(result.ok, true, `${name}: ${JSON.stringify((/** @type {{ issues?: unknown }} */ (result)).issues)}`);
    const changed = [...leaves(result.config)].filter(([path, value]) => !isDeepStrictEqual(defaults.get(path), value));
    assert.ok(changed.length >= 3, `${name} changes only ${changed.map(([p]) => p)}`);
  }
});

test('presets are pairwise distinct', () => {
  const resolved = EXPECTED.map((name) => [name, succeeded(resolveConfig([getPreset(name)])).config]);
  for (let i = 0; i < resolved.length; i++) {
    for (let j = i + 1; j < resolved.length; j++) {
      assert.ok(!isDeepStrictEqual(resolved[i][1], resolved[j][1]), `${resolved[i][0]} == ${resolved[j][0]}`);
    }
  }
});

test('presets say what they are for', () => {
  const config = (name) => succeeded(resolveConfig([getPreset(name)])).config;
  const accessible = config('accessible');
  assert.ok(accessible.text.fontSize >= 16);
  assert.ok(accessible.series.lineWidth >= 2.5);
  assert.equal(accessible.colors.background, '#000000');
  assert.equal(accessible.colors.text, '#ffffff');
  const presentation = config('presentation');
  assert.ok(presentation.text.fontSize >= 18 && presentation.series.lineWidth >= 3);
  assert.equal(config('bigdata').quality.lodAggressiveness, 1);
  assert.equal(config('realtime').theme, 'dark');
  assert.equal(config('realtime').axes.y.autoscale, true);
  assert.ok(config('realtime').quality.lodAggressiveness > defaultConfig().quality.lodAggressiveness);
  assert.equal(config('performance').quality.msaa, 1);
  assert.equal(config('quality').quality.msaa, 4);
  assert.ok(config('quality').quality.resolutionScale > 1);
  assert.equal(config('mobile').quality.targetFps, 30);
  assert.ok(config('mobile').quality.maxGpuMemoryMB < config('bigdata').quality.maxGpuMemoryMB);
});

test('built-in presets are frozen', () => {
  const preset = getPreset('mobile');
  assert.ok(Object.isFrozen(preset) && Object.isFrozen(preset.quality));
  assert.throws(() => {
    preset.quality.msaa = 4;
  }, TypeError);
});

test('registerPreset validates, refuses built-ins unless override, and can be undone', () => {
  assert.throws(() => registerPreset('mobile', { theme: 'dark' }), /already exists/);
  assert.throws(() => registerPreset('Bad Name', {}), ConfigError);
  assert.throws(() => registerPreset('broken', { quality: { msaa: 2 } }), /preset "broken": quality\.msaa: expected 1 \| 4, got 2/);
  assert.throws(() => registerPreset('evil', JSON.parse('{"__proto__": {"x": 1}}')), /forbidden key/);

  const mine = registerPreset('trading-desk', { theme: 'dark', series: { lineWidth: 2 } });
  assert.ok(Object.isFrozen(mine));
  assert.deepEqual(getPreset('trading-desk'), { theme: 'dark', series: { lineWidth: 2 } });
  assert.ok(presetNames().includes('trading-desk'));
  assert.throws(() => registerPreset('trading-desk', {}), /already exists/);

  registerPreset('mobile', { theme: 'dark' }, { override: true });
  assert.deepEqual(getPreset('mobile'), { theme: 'dark' });
  assert.equal(presetNames().filter((n) => n === 'mobile').length, 1);

  assert.equal(unregisterPreset('mobile'), true);
  assert.equal(getPreset('mobile').quality.targetFps, 30);
  assert.equal(unregisterPreset('trading-desk'), true);
  assert.equal(getPreset('trading-desk'), undefined);
  assert.equal(unregisterPreset('balanced'), false);
  assert.ok(getPreset('balanced'));
});

test('each preset file starts with the schema comment and parses to the embedded preset', async () => {
  for (const name of EXPECTED) {
    const text = await readFile(new URL(`presets/${name}.yaml`, ROOT), 'utf8');
    assert.ok(text.startsWith('# yaml-language-server: $schema=./schema.json\n'), name);
    const { config } = await parseConfigText(text, { filename: `${name}.yaml` });
    assert.deepEqual(config, getPreset(name), name);
  }
});

test('generated artifacts are up to date', async () => {
  const artifacts = await generateArtifacts();
  assert.equal(artifacts.length, 3);
  for (const { path, content } of artifacts) {
    const current = await readFile(path, 'utf8');
    assert.ok(
      current === content,
      `${path} is stale: run npx tsc -p tsconfig.node.json && node scripts/gen-config-artifacts.mjs`,
    );
  }
});

// A small JSON Schema (draft-07 subset) check, to be sure editors using
// presets/schema.json accept the presets and flag what the runtime rejects.
function jsonSchemaErrors(schema, value, root = schema, path = '') {
  if (schema.$ref) {
    const target = schema.$ref.replace(/^#\//, '').split('/').reduce((node, key) => node[key], root);
    return jsonSchemaErrors({ ...target, ...schema, $ref: undefined }, value, root, path);
  }
  const errors = [];
  const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  if (schema.type && !(schema.type === type || (schema.type === 'integer' && Number.isInteger(value)))) {
    return [`${path}: type`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: enum`);
  if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: minimum`);
  if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: maximum`);
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: pattern`);
  if (type === 'object' && schema.properties) {
    for (const [key, child] of Object.entries(value)) {
      if (schema.properties[key]) errors.push(...jsonSchemaErrors(schema.properties[key], child, root, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: additional`);
    }
    for (const key of schema.required ?? []) if (!(key in value)) errors.push(`${path}.${key}: required`);
  }
  if (type === 'array' && schema.items) {
    value.forEach((item, i) => errors.push(...jsonSchemaErrors(schema.items, item, root, `${path}[${i}]`)));
  }
  return errors;
}

test('presets/schema.json accepts every preset and rejects bad settings', async () => {
  const schema = JSON.parse(await readFile(new URL('presets/schema.json', ROOT), 'utf8'));
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  for (const name of EXPECTED) assert.deepEqual(jsonSchemaErrors(schema, getPreset(name)), [], name);
  assert.deepEqual(jsonSchemaErrors(schema, { quality: { msaa: 2 } }), ['.quality.msaa: enum']);
  assert.deepEqual(jsonSchemaErrors(schema, { colors: { up: '#12' } }), ['.colors.up: pattern']);
  assert.deepEqual(jsonSchemaErrors(schema, { thme: 'dark' }), ['.thme: additional']);
  assert.equal(schema.properties.quality.properties.msaa.default, 4);
});
