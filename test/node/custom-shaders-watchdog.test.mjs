// The hook watchdog's policy: strikes in a row over the budget disable a hook (once); a frame
// within budget forgives; a reset (new source) starts again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HookWatchdog, DEFAULT_HOOK_BUDGET_MS } from '../../build/node/custom-shaders/index.js';

test('three frames in a row over budget disable a hook, once; one slow frame is forgiven', () => {
  const dog = new HookWatchdog();
  const budget = (id) => (id === 'tight' ? 5 : DEFAULT_HOOK_BUDGET_MS);
  assert.deepEqual(dog.record(['tight', 'loose'], 12, budget), []);
  assert.deepEqual(dog.record(['tight', 'loose'], 3, budget), [], 'a frame within budget resets the strikes');
  assert.deepEqual(dog.record(['tight'], 12, budget), []);
  assert.deepEqual(dog.record(['tight'], 12, budget), []);
  assert.deepEqual(dog.record(['tight', 'loose'], 12, budget), ['tight']);
  assert.deepEqual(dog.record(['tight', 'loose'], 12, budget), [], 'reported once');
  assert.deepEqual(dog.record(['loose'], NaN, budget), [], 'no measurement, no verdict');
  dog.reset('tight');
  assert.deepEqual(dog.record(['tight'], 12, budget), [], 'a reset hook starts again');
  assert.equal(DEFAULT_HOOK_BUDGET_MS, 1000);
});
