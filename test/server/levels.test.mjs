// Roll-up slicing (server/query/levels.mjs): the first level of a huge table is built slice by
// slice; the slices must cover every row before the split exactly once and never cut a bucket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rollupSlices, rollupSelect, LEVEL_EXPONENTS } from '../../server/query/levels.mjs';
import { CLICKHOUSE } from '../../server/query/dialect.mjs';

const COARSEST = 2 ** LEVEL_EXPONENTS[LEVEL_EXPONENTS.length - 1];

test('slices cover [first, split) contiguously, with inner edges on the coarsest bucket', () => {
  for (const [first, split, rows, perSlice] of [
    [1_700_000_001_234, 1_700_000_001_234 + 1e9 * 1000, 1e9, 5e7],
    [5, 10 * COARSEST + 17, 1000, 10],
    [COARSEST * 3, COARSEST * 3 + 1000, 10, 1],
  ]) {
    const slices = rollupSlices(first, split, rows, perSlice, COARSEST);
    assert.ok(slices.length >= 1);
    assert.ok(slices[0][0] <= first, 'the first slice starts at or before the first row');
    assert.equal(slices.at(-1)[1], split, 'the last slice ends at the split');
    for (let i = 0; i < slices.length; i++) {
      const [from, to] = slices[i];
      assert.ok(to > from);
      assert.equal(from % COARSEST, 0, 'slice starts on a coarsest-bucket edge');
      if (i > 0) assert.equal(from, slices[i - 1][1], 'contiguous');
      if (i < slices.length - 1) assert.equal(to % COARSEST, 0, 'inner edge aligned');
    }
  }
  // 1B one-second rows in slices of 50M: about 20 statements, not one.
  const big = rollupSlices(0, 1e12, 1e9, 5e7, COARSEST);
  assert.ok(big.length >= 18 && big.length <= 22, `${big.length} slices`);
});

test('nothing to roll up gives no slices', () => {
  assert.deepEqual(rollupSlices(100, 100, 0, 10, COARSEST), []);
  assert.deepEqual(rollupSlices(100, 50, 10, 10, COARSEST), []);
});

test('a slice bounds the raw rows it groups; bounds must be integers', () => {
  const sql = rollupSelect(CLICKHOUSE, 'ticks', { time: 'time', value: 'price', volume: null }, 2 ** 14, 2 ** 30, 2 ** 26);
  assert.match(sql, /`time` >= toInt64\(67108864\) AND `time` < toInt64\(1073741824\)/);
  assert.throws(() => rollupSelect(CLICKHOUSE, 'ticks', { time: 'time', value: 'price', volume: null }, 2 ** 14, 2 ** 30, 0.5), /integers/);
});
