// The CPU twin of the markers shader's splat (what Canvas2D draws): coverage values at known
// pixels, the "most coverage wins" rule where markers overlap, the clip, and what is skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splatMarkers } from '../../build/node/core/index.js';

const RED = 0xff0000ff; // r = 255, a = 255 (r | g << 8 | b << 16 | a << 24)
const BLUE = 0xffff0000;
const CLIP = { x: 0, y: 0, width: 40, height: 30 };

/**
 * A layer of markers at pane px (x, y) with a diameter and a colour (identity transform).
 * @returns {any}
 */
function layer(markers, shape = 'circle') {
  const data = new Float32Array(markers.length * 4);
  const bits = new Uint32Array(data.buffer);
  markers.forEach(([x, y, d, color], i) => {
    data[i * 4] = x;
    data[i * 4 + 1] = y;
    data[i * 4 + 2] = d;
    bits[i * 4 + 3] = color >>> 0;
  });
  return { kind: 'markers', id: 'm', pane: 0, data, count: markers.length, shape, transform: [1, 0, 1, 0], dataKey: 1 };
}

/** The key at canvas pixel (x, y); 0 outside the splat's box (nothing drawn there). */
const keyAt = (splat, x, y) =>
  x < splat.left || y < splat.top || x >= splat.left + splat.width || y >= splat.top + splat.height ? 0 : splat.keys[(y - splat.top) * splat.width + (x - splat.left)] >>> 0;
const alphaAt = (splat, x, y) => keyAt(splat, x, y) >>> 24;

test('a circle: full inside, the shader ramp 0.5 − (|p| − r) on its rim, nothing beyond r + 0.5', () => {
  const splat = splatMarkers(layer([[10, 10, 6, RED]]), { x: 0, y: 0 }, CLIP);
  assert.deepEqual([splat.left, splat.top, splat.width, splat.height], [7, 7, 6, 6]);
  assert.equal(keyAt(splat, 9, 9), RED, 'a pixel well inside is the colour at full alpha');
  // r = 3. Pixel (12, 11): centre (12.5, 11.5), distance √(2.5² + 1.5²) = 2.9155 → coverage
  // 0.5 − (2.9155 − 3) = 0.5845 → alpha ⌊255 × 0.5845 + 0.5⌋ = 149.
  assert.equal(alphaAt(splat, 12, 11), 149);
  assert.equal(keyAt(splat, 12, 11) & 0xffffff, 0x0000ff, 'the rim keeps the colour, only alpha falls');
  // Pixel (12, 10): distance 2.5495 → coverage 0.95 → 242.
  assert.equal(alphaAt(splat, 12, 10), 242);
  // Pixel (12, 12): centre (12.5, 12.5), distance 3.54 ≥ r + 0.5: untouched.
  assert.equal(keyAt(splat, 12, 12), 0);
});

test('overlapping markers: per pixel the one covering it most wins (the GPU atomicMax rule), whatever the order', () => {
  for (const order of [[[10, 10, 6, RED], [12, 10, 6, BLUE]], [[12, 10, 6, BLUE], [10, 10, 6, RED]]]) {
    const splat = splatMarkers(layer(order), { x: 0, y: 0 }, CLIP);
    // (11, 10) is fully inside both: equal coverage, the larger key (blue's rgb) wins, as with atomicMax.
    assert.equal(keyAt(splat, 11, 10), BLUE);
    // (8, 10) is inside red only.
    assert.equal(keyAt(splat, 8, 10), RED);
    // (13, 9) is inside blue, on nothing of red's.
    assert.equal(keyAt(splat, 13, 9), BLUE);
  }
});

test('every shape splats inside its outline only; the clip and the pane origin apply', () => {
  for (const shape of ['circle', 'square', 'triangle', 'cross', 'diamond']) {
    const splat = splatMarkers(layer([[10, 10, 10, RED]], shape), { x: 5, y: 3 }, { x: 0, y: 0, width: 17, height: 100 });
    assert.equal(keyAt(splat, 15, 13), RED, `${shape}: its centre (pane origin added) is full`);
    assert.equal(splat.left + splat.width, 17, `${shape}: clipped on the right`);
    let inked = 0;
    for (const key of splat.keys) if (key >>> 24 > 0) inked++;
    assert.ok(inked > 10 && inked < 11 * 11, `${shape}: ${inked} pixels touched`);
  }
  const square = splatMarkers(layer([[10, 10, 4, RED]], 'square'), { x: 0, y: 0 }, CLIP);
  assert.equal(alphaAt(square, 8, 8), 255, 'square corner pixel (8.5, 8.5): inside');
  assert.equal(alphaAt(square, 7, 9), 0, 'pixel centre (7.5, 9.5) is 0.5 px out: no coverage');
});

test('transparent, sizeless, not-a-number and outside-the-clip markers draw nothing', () => {
  assert.equal(splatMarkers(layer([[10, 10, 6, 0x00ff0000]]), { x: 0, y: 0 }, CLIP), null);
  assert.equal(splatMarkers(layer([[10, 10, 0, RED]]), { x: 0, y: 0 }, CLIP), null);
  assert.equal(splatMarkers(layer([[NaN, 10, 6, RED]]), { x: 0, y: 0 }, CLIP), null);
  assert.equal(splatMarkers(layer([[100, 10, 6, RED]]), { x: 0, y: 0 }, CLIP), null);
  assert.equal(splatMarkers(layer([]), { x: 0, y: 0 }, CLIP), null);
});

test('thousands of overlapping markers of several sizes and alphas: the same keys as a plain per-marker splat', () => {
  // The circle splat takes shortcuts (cached radius thresholds, pixels already full left at once);
  // the picture must be exactly what the shader's formula gives, marker by marker.
  let seed = 3;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const markers = Array.from({ length: 20_000 }, (_, i) => [random() * 130 - 10, random() * 110 - 10, i % 9 === 0 ? 9.3 : 3, ((i % 4 === 0 ? 0x7f : 0xff) * 2 ** 24 + Math.floor(random() * 0xffffff)) >>> 0]);
  const clip = { x: 2, y: 3, width: 100, height: 80 };
  const pane = { x: 1.5, y: 0.25 };
  const splat = splatMarkers(layer(markers), pane, clip);
  const f32 = Math.fround;
  const expected = new Uint32Array(splat.width * splat.height);
  for (const [mx, my, d, color] of markers) {
    const x = f32(f32(f32(f32(mx) * 1) + 0) + pane.x);
    const y = f32(f32(f32(f32(my) * 1) + 0) + pane.y);
    const r = f32(d) * 0.5;
    const alpha = color >>> 24;
    for (let py = Math.max(Math.floor(y - r), splat.top); py < Math.min(Math.ceil(y + r), splat.top + splat.height); py++) {
      for (let px = Math.max(Math.floor(x - r), splat.left); px < Math.min(Math.ceil(x + r), splat.left + splat.width); px++) {
        const [dx, dy] = [px + 0.5 - x, py + 0.5 - y];
        const coverage = 0.5 - (Math.sqrt(dx * dx + dy * dy) - r);
        if (coverage <= 0) continue;
        const k = Math.min(alpha, (alpha * coverage + 0.5) | 0);
        if (k <= 0) continue;
        const key = ((k << 24) | (color & 0xffffff)) >>> 0;
        const at = (py - splat.top) * splat.width + (px - splat.left);
        if (key > expected[at]) expected[at] = key;
      }
    }
  }
  let differing = 0;
  for (let i = 0; i < expected.length; i++) if (expected[i] !== splat.keys[i] >>> 0) differing++;
  assert.equal(differing, 0, `${differing} of ${expected.length} pixels differ`);
});
