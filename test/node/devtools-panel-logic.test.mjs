// The DevTools panel's pure logic (devtools/panel-logic.js): the patch sent to updateConfig, the
// expressions evaluated in the page, and the summaries it shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configPatch, describeEvent, frameSummary, parseEditedConfig, snapshotExpression, updateConfigExpression, bytes, ms } from '../../devtools/panel-logic.js';

test('configPatch keeps only the changed leaves; arrays whole', () => {
  const before = { theme: 'light', quality: { msaa: 4, tier: null }, colors: { series: ['#111', '#222'] }, features: { zoom: true } };
  const after = { theme: 'dark', quality: { msaa: 4, tier: 'high' }, colors: { series: ['#111', '#333'] }, features: { zoom: true } };
  assert.deepEqual(configPatch(before, after), {
    patch: { theme: 'dark', quality: { tier: 'high' }, colors: { series: ['#111', '#333'] } },
    removed: [],
  });
  assert.deepEqual(configPatch(before, before).patch, {});
});

test('configPatch reports removed keys and adds new ones', () => {
  const { patch, removed } = configPatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 }, e: { f: 1 } });
  assert.deepEqual(patch, { e: { f: 1 } });
  assert.deepEqual(removed.sort(), ['a', 'b.d']);
  // A value that changes type (object → number) is sent as it is: the schema will judge it.
  assert.deepEqual(configPatch({ q: { x: 1 } }, { q: 5 }).patch, { q: 5 });
  assert.throws(() => configPatch({}, [1]), /JSON object/);
});

test('parseEditedConfig explains bad input instead of throwing', () => {
  assert.deepEqual(parseEditedConfig('{"a":1}'), { value: { a: 1 } });
  assert.match(parseEditedConfig('{"a":').error, /^Invalid JSON/);
  assert.match(parseEditedConfig('[1]').error, /JSON object/);
  assert.match(parseEditedConfig('null').error, /JSON object/);
});

test('expressions are valid JavaScript, with ids and patches quoted', () => {
  const registry = { version: 1, snapshot: () => [{ id: 'chart-1' }], updateConfig: (id, patch) => ({ id, patch }) };
  const run = (expression) => new Function('globalThis', 'location', `return ${expression};`)({ __GPU_CHARTS__: registry }, { href: 'http://x/' });
  assert.deepEqual(run(snapshotExpression()), { url: 'http://x/', available: true, charts: [{ id: 'chart-1' }] });
  const tricky = 'a"); alert(1); ("';
  assert.deepEqual(run(updateConfigExpression(tricky, { theme: 'it\'s "dark"' })), { id: tricky, patch: { theme: 'it\'s "dark"' } });
  const detailed = { version: 1, snapshot: (detail) => [{ id: 'chart-1', detail }] };
  const withDetail = new Function('globalThis', 'location', `return ${snapshotExpression('chart-"2')};`)({ __GPU_CHARTS__: detailed }, { href: 'http://z/' });
  assert.deepEqual(withDetail.charts, [{ id: 'chart-1', detail: 'chart-"2' }]);
  const none = new Function('globalThis', 'location', `return ${snapshotExpression()};`)({}, { href: 'http://y/' });
  assert.deepEqual(none, { url: 'http://y/', available: false, charts: [] });
});

test('frame summary, units and event lines', () => {
  const frames = [1, 2, 3, 4, 100].map((cpuMs, i) => ({ frame: i, cpuMs, gpuMs: i % 2 ? null : cpuMs / 2 }));
  assert.deepEqual(frameSummary(frames), { frames: 5, cpuP50: 3, cpuP95: 100, gpuP50: 1.5, gpuP95: 50 });
  assert.deepEqual(frameSummary([]), { frames: 0, cpuP50: null, cpuP95: null, gpuP50: null, gpuP95: null });
  assert.equal(ms(1.234), '1.23 ms');
  assert.equal(ms(null), 'n/a');
  assert.equal(bytes(512), '512 B');
  assert.equal(bytes(3 * 1024 * 1024), '3.0 MiB');
  assert.equal(describeEvent({ type: 'gpu-fallback', detail: { renderer: 'canvas2d', reason: 'requested' } }), 'fallback to canvas2d: requested');
  assert.equal(describeEvent({ type: 'gpu-recovery', detail: { phase: 'retrying', attempt: 2, reason: 'unknown' } }), 'recovery retrying (attempt 2): unknown');
  assert.equal(describeEvent({ type: 'gpu-config-error', detail: { issues: [{ path: 'quality.msaa', message: 'expected 1 | 4' }] } }), 'config error: quality.msaa: expected 1 | 4');
});
