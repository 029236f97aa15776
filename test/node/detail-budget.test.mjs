// The moving 3D frame's detail from a time budget (core/scene/detail-budget.ts): the count settles
// where the measured time meets the budget, adapts when the machine slows down or speeds up, and
// stays within its floor and what there is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetailBudget, unitsWithin, recordDraw } from '../../build/node/core/index.js';

/** A simulated machine: `fixed` ms per frame plus `perUnit` ms per unit. */
function settle(budget, available, fixed, perUnit, frames = 30) {
  let units = 0;
  for (let i = 0; i < frames; i++) {
    units = unitsWithin(budget, available);
    recordDraw(budget, units, fixed + perUnit * units);
  }
  return units;
}

test('the count settles where the measured draw time meets the budget', () => {
  const budget = createDetailBudget(2, 100, 1000);
  const units = settle(budget, 1e6, 0.4, 0.0001);
  // (2 − 0.4) / 0.0001 = 16,000 units: 2 ms.
  const ms = 0.4 + 0.0001 * units;
  assert.ok(Math.abs(ms - 2) < 0.1, `settled at ${units} units, ${ms.toFixed(3)} ms`);
});

test('a slower machine (or a loaded one) draws fewer units, a faster one more', () => {
  const budget = createDetailBudget(2, 100, 1000);
  const fast = settle(budget, 1e6, 0.2, 0.0001);
  const slow = settle(budget, 1e6, 0.2, 0.0004);
  assert.ok(slow < fast / 3, `slow ${slow}, fast ${fast}`);
  const again = settle(budget, 1e6, 0.2, 0.0001);
  assert.ok(Math.abs(again - fast) / fast < 0.05, `back to ${again} (was ${fast})`);
});

test('growth per frame is capped: one cheap frame does not let the next draw everything', () => {
  const budget = createDetailBudget(2, 100, 1000);
  assert.equal(unitsWithin(budget, 1e6), 1000);
  recordDraw(budget, 1000, 0.001);
  assert.equal(unitsWithin(budget, 1e6), 2000);
});

test('one stalled frame (a garbage collection, another process) does not collapse the next frames\' detail', () => {
  const budget = createDetailBudget(2, 100, 1000);
  const settled = settle(budget, 1e6, 0.2, 0.0001);
  recordDraw(budget, settled, 40);
  const next = unitsWithin(budget, 1e6);
  assert.ok(next > settled * 0.9, `${next} after a stall (was ${settled})`);
});

test('never below the floor, never above what there is', () => {
  const budget = createDetailBudget(2, 500, 1000);
  for (let i = 0; i < 5; i++) recordDraw(budget, 1000, 1000);
  assert.equal(unitsWithin(budget, 1e6), 500);
  assert.equal(unitsWithin(budget, 300), 300);
  const fresh = createDetailBudget(2, 10, 50);
  assert.equal(unitsWithin(fresh, 20), 20);
});

test('empty or broken measurements are ignored', () => {
  const budget = createDetailBudget(2, 10, 50);
  recordDraw(budget, 0, 5);
  recordDraw(budget, 10, NaN);
  recordDraw(budget, 10, -1);
  assert.equal(budget.costMs, 0);
  assert.equal(unitsWithin(budget, 1e6), 50);
});
