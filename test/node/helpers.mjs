// Shared by the Node tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DataError } from '../../build/node/data/index.js';

/** The seeded PRNG (mulberry32) the demo and benchmarks use: the same seed, the same data. */
export { rng } from '../../demo/sample-data.js';

/** A shader file's text (shaders/<name>.wgsl). */
export const wgsl = (name) => readFileSync(new URL(`../../shaders/${name}.wgsl`, import.meta.url), 'utf8');

/** The WGSL texts composeHookModule splices a hook into, read from shaders/ as the build inlines them. */
export const hookTemplateSources = () => ({
  primitives: wgsl('primitives'),
  markers: wgsl('markers'),
  rects: wgsl('rects'),
  grid: wgsl('grid'),
  density: wgsl('density'),
  shared: wgsl('hook-shared'),
  pointInput: wgsl('hook-point-input'),
  points: wgsl('hook-points'),
  markersHook: wgsl('hook-markers'),
  rectsHook: wgsl('hook-rects'),
  bandHook: wgsl('hook-band'),
  colormap: wgsl('hook-colormap'),
});

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

/**
 * The result, asserted to have succeeded, typed as the success case (the tests' type-check, not
 * strict, does not narrow `{ ok: true } | { ok: false }` on `ok`).
 * @template {{ ok: boolean }} Result
 * @param {Result} result
 * @returns {Extract<Result, { ok: true }>}
 */
export function succeeded(result) {
  assert.equal(result.ok, true, `expected success: ${JSON.stringify(/** @type {{ issues?: unknown }} */ (result).issues)}`);
  return /** @type {Extract<Result, { ok: true }>} */ (result);
}

/**
 * The result, asserted to have failed, typed as the failure case.
 * @template {{ ok: boolean }} Result
 * @param {Result} result
 * @returns {Extract<Result, { ok: false }>}
 */
export function failed(result) {
  assert.equal(result.ok, false, 'expected a failure');
  return /** @type {Extract<Result, { ok: false }>} */ (result);
}
