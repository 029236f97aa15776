import assert from 'node:assert/strict';

/**
 * Element-wise comparison of an indicator column with its reference.
 * NaN positions must match exactly. Values must agree to `rel` relative, with
 * an absolute floor of `rel` × 1e-3 × (largest |reference| in the column), so
 * that values crossing zero (MACD histogram, momentum, A/D oscillator) are
 * judged against the column's scale instead of their own tiny magnitude.
 */
export function assertClose(actual, expected, rel, label) {
  assert.equal(actual.length, expected.length, `${label}: length`);
  let scale = 0;
  for (const v of expected) if (v === v) scale = Math.max(scale, Math.abs(v));
  const floor = rel * 1e-3 * scale;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (e !== e || a !== a) {
      assert.ok(e !== e && a !== a, `${label}[${i}]: expected ${e}, got ${a}`);
      continue;
    }
    const err = Math.abs(a - e);
    if (err > rel * Math.max(Math.abs(a), Math.abs(e)) && err > floor) {
      assert.fail(`${label}[${i}]: expected ${e}, got ${a} (relative error ${(err / Math.abs(e)).toExponential(2)})`);
    }
  }
}

export function leadingNaN(arr) {
  let k = 0;
  while (k < arr.length && arr[k] !== arr[k]) k++;
  return k;
}
