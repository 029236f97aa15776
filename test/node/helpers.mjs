// Shared by the Node tests.
import assert from 'node:assert/strict';
import { DataError } from '../../build/node/data/index.js';

/** The seeded PRNG (mulberry32) the demo and benchmarks use: the same seed, the same data. */
export { rng } from '../../demo/sample-data.js';

function checkDataError(caught, expected) {
  assert.ok(caught instanceof DataError, `expected a DataError, got ${caught}`);
  for (const [key, want] of Object.entries(expected)) {
    if (key === 'message' && want instanceof RegExp) assert.match(caught.message, want);
    else assert.deepEqual(caught[key], want, `${key} of "${caught.message}"`);
  }
  return caught;
}

/** Asserts that `run` throws a DataError whose fields equal `expected` (message: string or RegExp). */
export function throwsDataError(run, expected) {
  let caught;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  return checkDataError(caught, expected);
}

/** The same for a promise that must reject. */
export async function rejectsDataError(promise, expected) {
  let caught;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  return checkDataError(caught, expected);
}
