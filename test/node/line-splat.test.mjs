// Dense lines rasterized like the GPU (src/core/scene/line-splat.ts): square-capped segment
// rectangles tested at 4× MSAA's sample positions, a line's samples a union, lines blended in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplatter } from '../../build/node/core/scene/line-splat.js';
import { findPolylineRuns, firstRunAtOrAfter, isDenseRuns, DENSE_MAX_STEP } from '../../build/node/core/scene/polyline-runs.js';
import { GAP_Y } from '../../build/node/core/scene/frame-scene.js';

/** @type {[number, number, number, number]} */
const RED = [1, 0, 0, 1];
const runsOf = (pairs) => findPolylineRuns(Float32Array.from(pairs.flat()), pairs.length);
/** The image's alpha at canvas px (x, y), 0 outside it. */
function alphaAt(image, x, y) {
  const row = y - image.top;
  const col = x - image.left;
  if (row < 0 || row >= image.height || col < 0 || col >= image.width) return 0;
  return image.keys[row * image.width + col] >>> 24;
}
const splat = (clip, lines) => {
  const s = new LineSplatter();
  s.begin(clip);
  for (const { pairs, color = RED, width = 1, origin = { x: clip.x, y: clip.y } } of lines) s.add(runsOf(pairs), origin, color, width);
  return s.image();
};

test('a vertical span covers its columns by sample: 1 px wide at a column centre is that column, whole, ends capped', () => {
  // x 5.5, y 10 → 20, width 1: the rectangle x 5…6, y 9.5…20.5 (square caps of half the width).
  const image = splat({ x: 0, y: 0, width: 20, height: 40 }, [{ pairs: [[5.5, 10], [5.5, 20]] }]);
  assert.ok(image);
  for (let y = 10; y < 20; y++) assert.equal(alphaAt(image, 5, y), 255, `row ${y}`);
  assert.equal(alphaAt(image, 4, 15), 0);
  assert.equal(alphaAt(image, 6, 15), 0);
  // Row 9: samples at y 9.625 and 9.875 lie in the cap (≥ 9.5), 9.125 and 9.375 do not: half.
  assert.equal(alphaAt(image, 5, 9), 128);
  // Row 20: samples at 20.125 and 20.375 lie below 20.5: half.
  assert.equal(alphaAt(image, 5, 20), 128);
  assert.equal(alphaAt(image, 5, 8), 0);
  assert.equal(alphaAt(image, 5, 21), 0);
});

test('a 1.5 px span takes a quarter-pixel of its neighbours: the samples there', () => {
  // x 5.5 ± 0.75 → 4.75 … 6.25: column 4 has its sample at x 4.875 inside (1 of 4), column 6 its sample at 6.125 (1 of 4).
  const image = splat({ x: 0, y: 0, width: 20, height: 40 }, [{ pairs: [[5.5, 10], [5.5, 20]], width: 1.5 }]);
  assert.equal(alphaAt(image, 5, 15), 255);
  assert.equal(alphaAt(image, 4, 15), 64);
  assert.equal(alphaAt(image, 6, 15), 64);
});

test('a diagonal join is a rotated rectangle: pixels on its axis covered, pixels far off it not', () => {
  const image = splat({ x: 0, y: 0, width: 40, height: 40 }, [{ pairs: [[5.5, 5.5], [25.5, 25.5]], width: 2 }]);
  for (let k = 6; k < 25; k++) assert.equal(alphaAt(image, k, k), 255, `on the axis at ${k}`);
  for (let k = 8; k < 22; k++) assert.equal(alphaAt(image, k + 3, k - 3), 0, `3 px off the axis at ${k}`);
});

test("a translucent line's overlapping segments blend once (a union); a second line blends over the first", () => {
  /** @type {[number, number, number, number]} */
  const half = [1, 0, 0, 0.5];
  // A run up and back down over the same pixels: many segments on one column.
  const image = splat({ x: 0, y: 0, width: 20, height: 40 }, [{ pairs: [[5.5, 10], [5.5, 30], [5.5, 12], [5.5, 28]], color: half }]);
  for (let y = 12; y < 28; y++) assert.equal(alphaAt(image, 5, y), 128, `row ${y} blended once`);
  /** @type {[number, number, number, number]} */
  const blue = [0, 0, 1, 0.5];
  const two = splat({ x: 0, y: 0, width: 20, height: 40 }, [
    { pairs: [[5.5, 10], [5.5, 30]], color: half },
    { pairs: [[5.5, 10], [5.5, 30]], color: blue },
  ]);
  const key = two.keys[20 * two.width + 5];
  // Straight-alpha over: alpha 0.5 + 0.5 × 0.5 = 0.75; colour (blue × 0.5 + red × 0.25) / 0.75.
  assert.ok(Math.abs((key >>> 24) - 191) <= 1, `alpha ${key >>> 24}`); // 8-bit alpha below: 191 or 192
  assert.equal(key & 255, 85); // red
  assert.equal((key >>> 16) & 255, 170); // blue
});

test('points are relative to the pane origin; the image is clipped to the region and covers only rows drawn', () => {
  const clip = { x: 100, y: 50, width: 30, height: 30 };
  const image = splat(clip, [{ pairs: [[2.5, -10], [2.5, 12]], origin: { x: 100, y: 50 } }]);
  assert.equal(image.left, 100);
  assert.equal(image.top, 50); // the span starts above the region: clipped at its top row
  assert.equal(alphaAt(image, 102, 55), 255);
  assert.equal(alphaAt(image, 102, 62), 128); // the cap's row
  assert.equal(image.height, 13);
});

test('gaps break a line; nothing drawn gives no image', () => {
  const image = splat({ x: 0, y: 0, width: 20, height: 40 }, [{ pairs: [[1.5, 10.5], [2.5, 10.5], [3.5, GAP_Y], [14.5, 10.5], [15.5, 10.5]] }]);
  assert.equal(alphaAt(image, 2, 10), 255);
  assert.equal(alphaAt(image, 15, 10), 255);
  for (let x = 4; x < 14; x++) assert.equal(alphaAt(image, x, 10), 0, `no join across the gap at ${x}`);
  assert.equal(splat({ x: 0, y: 0, width: 20, height: 40 }, [{ pairs: [[-50.5, 10], [-40.5, 12]] }]), null);
});

test('the splatter reuses its buffers: a second image does not keep the first one\'s pixels', () => {
  const s = new LineSplatter();
  s.begin({ x: 0, y: 0, width: 20, height: 40 });
  s.add(runsOf([[5.5, 10], [5.5, 30]]), { x: 0, y: 0 }, RED, 1);
  s.image();
  s.begin({ x: 0, y: 0, width: 20, height: 40 });
  s.add(runsOf([[12.5, 10], [12.5, 30]]), { x: 0, y: 0 }, RED, 1);
  const image = s.image();
  assert.equal(alphaAt(image, 5, 20), 0);
  assert.equal(alphaAt(image, 12, 20), 255);
});

test('isDenseRuns: an M4 line (a run per column) is dense; long steps or x going back are not', () => {
  const columns = (n, step) => Array.from({ length: n }, (_, c) => [[c * step + 0.5, 10 + (c % 7)], [c * step + 0.5, 20 - (c % 5)]]).flat();
  assert.equal(isDenseRuns(runsOf(columns(100, 1))), true);
  assert.equal(isDenseRuns(runsOf(columns(100, DENSE_MAX_STEP))), true);
  assert.equal(isDenseRuns(runsOf(columns(100, DENSE_MAX_STEP + 1))), false);
  assert.equal(isDenseRuns(runsOf(columns(8, 1))), false, 'too few runs to bother');
  const back = columns(100, 1);
  back[150] = [0.5, 10];
  assert.equal(isDenseRuns(runsOf(back)), false);
  // A gap may jump: no segment joins across it.
  const gapped = [...columns(50, 1), [49.5, GAP_Y], ...columns(50, 1).map(([x, y]) => [x + 400, y])];
  assert.equal(isDenseRuns(runsOf(gapped)), true);
});

test('a gap that jumps back in x makes a line not dense (its runs could not be bisected); firstRunAtOrAfter bisects', () => {
  const columns = (n, at) => Array.from({ length: n }, (_, c) => [[at + c + 0.5, 10], [at + c + 0.5, 20]]).flat();
  assert.equal(isDenseRuns(runsOf([...columns(50, 100), [149.5, GAP_Y], ...columns(50, 0)])), false);
  const runs = runsOf(columns(50, 0));
  assert.equal(firstRunAtOrAfter(runs, -5), 0);
  assert.equal(firstRunAtOrAfter(runs, 10), 10); // run 10 is at x 10.5
  assert.equal(firstRunAtOrAfter(runs, 10.5), 10);
  assert.equal(firstRunAtOrAfter(runs, 10.6), 11);
  assert.equal(firstRunAtOrAfter(runs, 1000), 50);
});
