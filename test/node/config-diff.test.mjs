import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIFF_RULES, defaultConfig, diffConfig, resolveConfig } from '../../build/node/config/index.js';

function resolve(...layers) {
  const result = resolveConfig(layers);
  assert.equal(result.ok, true, JSON.stringify((/** @type {{ issues?: unknown }} */ (result)).issues));
  return result.config;
}

const BASE = [
  {
    series: { items: [{ id: 'close', color: 'blue' }, { id: 'volume', type: 'bar' }] },
    indicators: [{ id: 'sma', type: 'sma', params: { period: 20 } }],
  },
];

function diffWith(update) {
  return diffConfig(resolve(...BASE), resolve(...BASE, update));
}

test('identical configs need no work', () => {
  const a = resolve(...BASE);
  assert.deepEqual(diffConfig(a, a), { changedPaths: [], work: 'none', subsystems: [] });
  assert.deepEqual(diffConfig(a, resolve(...BASE)), { changedPaths: [], work: 'none', subsystems: [] });
});

test('work classification table', () => {
  const cases = [
    [{ theme: 'dark' }, 'uniforms', ['theme'], ['theme']],
    [{ colors: { up: 'lime' } }, 'uniforms', ['colors.up'], ['theme']],
    [{ colors: { series: ['red'] } }, 'uniforms', ['colors.series'], ['theme']],
    [{ series: { lineWidth: 3 } }, 'uniforms', ['series.lineWidth'], ['series']],
    [{ series: { items: [{ id: 'close', color: 'red' }] } }, 'uniforms', ['series.items[0].color'], ['series']],
    [{ axes: { y: { position: 'left' } } }, 'uniforms', ['axes.y.position'], ['axes']],
    [{ timeZone: 'Asia/Tokyo' }, 'uniforms', ['timeZone'], ['axes']],
    [{ text: { fontSize: 16 } }, 'uniforms', ['text.fontSize'], ['text']],
    [{ indicators: [{ id: 'sma', color: 'red' }] }, 'uniforms', ['indicators[0].color'], ['indicators']],
    [{ quality: { msaa: 1 } }, 'pipelines', ['quality.msaa'], ['renderer']],
    [{ series: { type: 'area' } }, 'pipelines', ['series.type'], ['series']],
    [{ series: { items: [{ id: 'volume', type: 'line' }] } }, 'pipelines', ['series.items[1].type'], ['series']],
    [{ quality: { maxGpuMemoryMB: 1024 } }, 'buffers', ['quality.maxGpuMemoryMB'], ['renderer']],
    [{ quality: { resolutionScale: 0.5 } }, 'buffers', ['quality.resolutionScale'], ['renderer']],
    [{ quality: { lodAggressiveness: 1 } }, 'buffers', ['quality.lodAggressiveness'], ['data']],
    [{ series: { items: [{ id: 'close', column: 'adjClose' }] } }, 'buffers', ['series.items[0].column'], ['data', 'series']],
    [{ series: { items: [{ id: 'new' }] } }, 'buffers', ['series.items'], ['data', 'series']],
    [{ indicators: [{ id: 'sma', params: { period: 50 } }] }, 'buffers', ['indicators[0].params.period'], ['indicators']],
    [{ quality: { targetFps: 30 } }, 'none', ['quality.targetFps'], ['autotune']],
    [{ features: { autoTune: false } }, 'none', ['features.autoTune'], ['autotune']],
    [{ features: { zoom: false } }, 'none', ['features.zoom'], ['interaction']],
    [{ telemetry: { enabled: true, sampling: 1 } }, 'none', ['telemetry.enabled', 'telemetry.sampling'], ['telemetry']],
    [{ features: { pan: false } }, 'none', ['features.pan'], ['interaction']],
    [{ telemetry: { batchSize: 10 } }, 'none', ['telemetry.batchSize'], ['telemetry']],
  ];
  for (const [update, work, changedPaths, subsystems] of cases) {
    const diff = diffWith(update);
    assert.deepEqual(diff, { changedPaths, work, subsystems }, JSON.stringify(update));
  }
});

test('the most expensive change decides the work; subsystems are collected', () => {
  const diff = diffWith({ theme: 'dark', quality: { msaa: 1 }, telemetry: { enabled: true } });
  assert.equal(diff.work, 'pipelines');
  assert.deepEqual(diff.subsystems, ['renderer', 'telemetry', 'theme']);
  assert.equal(diffWith({ theme: 'dark', quality: { lodAggressiveness: 0.9 } }).work, 'buffers');
});

test('optional settings appearing or disappearing are changes', () => {
  const a = resolve({});
  const b = resolve({ colors: { background: '#000' }, quality: { maxGpuMemoryMB: 512 } });
  assert.deepEqual(diffConfig(a, b).changedPaths, ['colors.background', 'quality.maxGpuMemoryMB']);
  assert.deepEqual(diffConfig(b, a).changedPaths, ['colors.background', 'quality.maxGpuMemoryMB']);
});

test('reordered items count as a list change', () => {
  const a = resolve({ series: { items: [{ id: 'a' }, { id: 'b' }] } });
  const b = resolve({ series: { items: [{ id: 'b' }, { id: 'a' }] } });
  assert.deepEqual(diffConfig(a, b), { changedPaths: ['series.items'], work: 'buffers', subsystems: ['data', 'series'] });
});

test('every top-level setting has a rule', () => {
  const keys = Object.keys(defaultConfig());
  for (const key of keys) {
    const covered = [...DIFF_RULES.keys()].some((rule) => rule === key || rule.startsWith(`${key}.`) || rule.startsWith(`${key}[`));
    assert.ok(covered, key);
  }
});

test('diff is fast (< 20 µs for a typical config)', () => {
  const a = resolve(...BASE, { theme: 'dark', colors: { series: ['red', 'blue', 'green'] } });
  const b = resolve(...BASE, { theme: 'light', colors: { series: ['red', 'blue', 'green'] }, quality: { msaa: 1 } });
  for (let i = 0; i < 2000; i++) diffConfig(a, b); // warm up
  const runs = 20_000;
  const started = performance.now();
  for (let i = 0; i < runs; i++) diffConfig(a, b);
  const micros = ((performance.now() - started) * 1000) / runs;
  assert.ok(micros < 20, `diffConfig took ${micros.toFixed(2)} µs`);
});
