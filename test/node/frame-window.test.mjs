import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameWindow, percentile } from '../../build/node/perf/frame-window.js';

/** @type {(frame: number, startedAt: number, cpuMs: number, gpuMs?: number | null) => import('../../build/node/perf/frame-stats.js').FrameStats} */
const stats = (frame, startedAt, cpuMs, gpuMs = null) => ({
  frame, startedAt, cpuMs, sceneMs: 0, renderMs: 0, gpuMs,
  pointsDrawn: 0, visiblePoints: 0, totalPoints: 0, lod: 'raw', renderer: 'webgpu', memoryBytes: 0,
});

test('percentile interpolates between ranks and leaves its input alone', () => {
  const values = [5, 1, 3, 2, 4];
  assert.equal(percentile(values, 0.5), 3);
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(percentile([10], 0.95), 10);
  assert.equal(percentile([], 0.5), null);
  assert.deepEqual(values, [5, 1, 3, 2, 4]);
});

test('counts frames since a time, medians of the last n, ring wraps', () => {
  const window = new FrameWindow(8);
  for (let i = 1; i <= 12; i++) window.add(stats(i, i * 100, i));
  assert.equal(window.size, 8);
  assert.deepEqual(window.recent('cpu', 3), [10, 11, 12]);
  assert.equal(window.countSince(900), 3);
  assert.equal(window.medianCpuMs(4), 10.5);
  assert.equal(window.latest.frame, 12);
});

test('a late GPU time fills its frame instead of adding one; no GPU time gives null', () => {
  const window = new FrameWindow(8);
  window.add(stats(1, 10, 2));
  window.add(stats(2, 20, 2));
  assert.equal(window.medianGpuMs(10), null);
  window.add(stats(1, 10, 2, 0.5));
  assert.equal(window.size, 2);
  assert.equal(window.medianGpuMs(10), 0.5);
  assert.equal(window.latest.frame, 2, 'latest stays the newest frame');
  window.add(stats(2, 20, 2, 0.7));
  assert.equal(window.latest.gpuMs, 0.7);
  assert.deepEqual(window.recent('gpu', 2), [0.5, 0.7]);
});
