import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartModel, residentLinePoints, isGapY } from '../../build/node/core/index.js';
import { columnBounds, M4Decimator, MinMaxPyramid, GAP } from '../../build/node/data/index.js';

// GPU level of detail (quality.gpuLod) must pick the points the CPU's M4 picks. The GPU kernel's
// CPU twin (residentLinePoints, the same f32 values and rules as shaders/m4.wgsl) stands in for
// the GPU here; test/browser/gpu-lod.test.js compares the real GPU's output with it.

/** A seeded random walk with values exact in f32 after subtracting the first (integers), NaN gaps optional. */
function walk(n, seed, gaps = false) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  let v = 1000;
  for (let i = 0; i < n; i++) {
    time[i] = 1_700_000_000_000 + i * 1000 + (rand() < 0.1 ? 500 : 0);
    v += Math.round((rand() - 0.5) * 20);
    value[i] = gaps && rand() < 0.002 ? NaN : v;
  }
  return { time, value };
}

function lineOf(frame) {
  return frame.scene.layers.find((l) => l.kind === 'line' || l.kind === 'resident-line');
}

function pointsOf(layer) {
  if (layer.kind === 'line') return { points: layer.points, count: layer.count };
  return residentLinePoints(layer);
}

/** Consecutive gaps collapse, a leading gap goes (the CPU dedups them; the GPU path keeps one per column). */
function normalise({ points, count }) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const x = points[i * 2];
    const y = points[i * 2 + 1];
    if (isGapY(y)) {
      if (out.length === 0 || isGapY(out[out.length - 1][1])) continue;
      out.push([NaN, 1e30]);
    } else out.push([x, y]);
  }
  while (out.length && isGapY(out[out.length - 1][1])) out.pop();
  return out;
}

function assertSamePoints(cpu, gpu, what) {
  const a = normalise(cpu);
  const b = normalise(gpu);
  assert.equal(b.length, a.length, `${what}: ${b.length} points on the GPU path, ${a.length} on the CPU path`);
  for (let i = 0; i < a.length; i++) {
    if (isGapY(a[i][1])) {
      assert.ok(isGapY(b[i][1]), `${what}: point ${i} is a gap on the CPU path only`);
      continue;
    }
    assert.ok(Math.abs(a[i][0] - b[i][0]) < 1e-3 && Math.abs(a[i][1] - b[i][1]) < 2e-3, `${what}: point ${i} CPU ${a[i]} GPU ${b[i]}`);
  }
}

function models(data, width = 700, height = 300) {
  const make = (gpuLod) => {
    const model = new ChartModel();
    model.setOptions({ gpuLod });
    model.setData({ time: data.time, columns: { value: data.value } });
    model.setSize({ width, height, pixelRatio: 1 });
    return model;
  };
  return { cpu: make(null), gpu: make({ minRows: 0, maxRows: 1e9 }) };
}

test('column bounds are M4Decimator\'s columns (linear and log x)', () => {
  const { time, value } = walk(50_000, 7);
  const pyramid = new MinMaxPyramid(value);
  /** @type {[number, number, boolean][]} */
  const windows = [[time[0], time[time.length - 1], false], [time[1000] + 1, time[20_000] - 1, false], [time[100], time[40_000], true]];
  for (const [t0, t1, logX] of windows) {
    const m4 = new M4Decimator().decimate(time, value, time.length, pyramid, t0, t1, 333, logX);
    const b = columnBounds(time, time.length, t0, t1, 333, logX);
    // Every index M4 kept in column c lies in that column's bounds.
    for (let k = 0; k < m4.count; k++) {
      const c = m4.columns[k];
      if (c < 0 || m4.indices[k] === GAP) continue;
      assert.ok(m4.indices[k] >= b.bounds[c] && m4.indices[k] < b.bounds[c + 1], `index ${m4.indices[k]} in column ${c} [${b.bounds[c]}, ${b.bounds[c + 1]})`);
    }
    assert.equal(b.inside, m4.visiblePoints);
  }
});

test('the GPU path picks the CPU path\'s points: whole data, zoomed, panned past the ends, with gaps', () => {
  for (const gaps of [false, true]) {
    const data = walk(400_000, gaps ? 3 : 11, gaps);
    const { cpu, gpu } = models(data);
    const views = [null, [data.time[50_000], data.time[90_000]], [data.time[0] - 5e6, data.time[100_000]], [data.time[300_000], data.time[399_999] + 9e7]];
    for (const view of views) {
      for (const model of [cpu, gpu]) if (view) model.viewport.setX(view[0], view[1]);
      const a = cpu.frame();
      const b = gpu.frame();
      const what = `${gaps ? 'gaps, ' : ''}window ${view ?? 'all'}`;
      assert.equal(lineOf(a).kind, 'line');
      assert.equal(lineOf(b).kind, 'resident-line', `${what}: the GPU path draws`);
      assert.equal(b.lod.visiblePoints, a.lod.visiblePoints);
      assert.ok(b.lod.drawnPoints >= a.lod.drawnPoints, 'drawnPoints is an upper bound on the GPU path');
      assertSamePoints(pointsOf(lineOf(a)), pointsOf(lineOf(b)), what);
    }
  }
});

test('the GPU path stays off where it cannot help: few rows per column, log y, short series', () => {
  const data = walk(20_000, 5);
  const { gpu } = models(data, 800);
  gpu.viewport.setX(data.time[100], data.time[1500]);
  assert.equal(lineOf(gpu.frame()).kind, 'line', 'under 4 rows per column: raw points on the CPU');
  gpu.viewport.setX(data.time[0], data.time[19_999]);
  assert.equal(lineOf(gpu.frame()).kind, 'resident-line');
  gpu.setOptions({ yScale: 'log' });
  assert.equal(lineOf(gpu.frame()).kind, 'line', 'a log value scale is not linear in the value');
  gpu.setOptions({ yScale: 'linear', gpuLod: { minRows: 1e6, maxRows: 1e9 } });
  assert.equal(lineOf(gpu.frame()).kind, 'line', 'below minRows');
  gpu.setOptions({ gpuLod: { minRows: 0, maxRows: 10_000 } });
  assert.equal(lineOf(gpu.frame()).kind, 'line', 'above what one binding holds');
});

test('streaming keeps the resident copy and says which rows are new', () => {
  const data = walk(100_000, 9);
  const { gpu } = models(data);
  const first = lineOf(gpu.frame());
  const key = first.column.key;
  assert.equal(first.column.appendedFrom, -1);
  const t = data.time[data.time.length - 1];
  gpu.append({ time: Float64Array.of(t + 1000, t + 2000), columns: { value: Float64Array.of(5, 6) } });
  const second = lineOf(gpu.frame());
  assert.equal(second.column.key, key, 'same resident copy');
  assert.equal(second.column.appendedFrom, 99_999, 'from the last old row (it may have been updated in place)');
  assert.equal(second.column.length, 100_002);
  gpu.setData({ time: data.time, columns: { value: data.value } });
  assert.notEqual(lineOf(gpu.frame()).column.key, key, 'new data: a new copy');
});

test('lowerBoundNear finds what lowerBound finds, from any start and step', async () => {
  const { lowerBound, lowerBoundNear } = await import('../../build/node/data/lod/search.js');
  const { time } = walk(5_000, 13);
  let s = 1;
  const rand = () => ((s = (s * 48271) % 2147483647) / 2147483647);
  for (let k = 0; k < 5_000; k++) {
    const from = Math.floor(rand() * 5_000);
    const t = time[0] + rand() * (time[4_999] - time[0]) * 1.1 - 1e5;
    const step = 1 + Math.floor(rand() * 300);
    const expected = Math.max(from, lowerBound(time, 5_000, t));
    assert.equal(lowerBoundNear(time, 5_000, t, from, step), expected, `t ${t} from ${from} step ${step}`);
  }
});

test('a GPU-LOD frame builds no fine pyramid (its y range reads a coarse one); a CPU frame does', () => {
  const data = walk(200_000, 5);
  const { cpu, gpu } = models(data);
  const rawBytes = data.time.byteLength + data.value.byteLength;
  const gpuFrame = gpu.frame();
  cpu.frame();
  assert.equal(lineOf(gpuFrame).kind, 'resident-line');
  // model.store is private to TypeScript (bracket access is its escape hatch); the held bytes say which pyramids exist.
  const gpuPyramids = gpu['store'].byteLength - rawBytes;
  const cpuPyramids = cpu['store'].byteLength - rawBytes;
  assert.ok(cpuPyramids >= (200_000 / 16) * 8, `CPU path holds the fine pyramid (${cpuPyramids} bytes)`);
  assert.ok(gpuPyramids > 0 && gpuPyramids * 32 < cpuPyramids, `GPU path holds only a coarse one (${gpuPyramids} bytes)`);
  // Same y range either way.
  assert.deepEqual(gpuFrame.yRange, cpu.frame().yRange);
});
