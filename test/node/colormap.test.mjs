// Colormaps: built-in tables against matplotlib, custom stops, validation, NaN, packing (no DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COLORMAP_NAMES,
  ColormapError,
  isColormapName,
  resolveColormap,
  sampleColormap,
  packColormapColor,
  writeColormapColor,
  categoricalColor,
} from '../../build/node/core/colormap/index.js';

const STEP = 1 / 255;

/** Custom stops, typed for the JSDoc check (plain arrays are not Rgba tuples to it). */
const stops = (/** @type {any[]} */ list) => /** @type {import('../../build/node/core/colormap/index.js').ColorStop[]} */ (list);

function assertClose(actual, expected, tolerance, message) {
  assert.equal(actual.length, expected.length, message);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tolerance + 1e-9, `${message}: component ${i} is ${v}, expected ${expected[i]} ± ${tolerance}`));
}

test('every built-in name resolves to a 256-entry opaque LUT, cached', () => {
  assert.deepEqual([...COLORMAP_NAMES], ['viridis', 'magma', 'inferno', 'plasma', 'turbo', 'cividis', 'grays']);
  for (const name of COLORMAP_NAMES) {
    assert.ok(isColormapName(name));
    const map = resolveColormap(name);
    assert.equal(map.name, name);
    assert.ok(map.lut instanceof Uint8Array);
    assert.equal(map.lut.length, 256 * 4);
    for (let i = 0; i < 256; i++) assert.equal(map.lut[i * 4 + 3], 255, `${name} row ${i} opaque`);
    assert.equal(resolveColormap(name), map, `${name} is cached`);
  }
  assert.equal(isColormapName('virdis'), false);
  assert.equal(isColormapName('Viridis'), false);
});

test('viridis matches matplotlib at its ends and middle', () => {
  const viridis = resolveColormap('viridis');
  const v0 = [0.267004, 0.004874, 0.329415, 1];
  const v128 = [0.127568, 0.566949, 0.550556, 1];
  const v255 = [0.993248, 0.906157, 0.143936, 1];
  assertClose(sampleColormap(viridis, 0), v0, STEP, 'viridis(0)');
  assertClose(sampleColormap(viridis, 128 / 255), v128, STEP, 'viridis row 128');
  // matplotlib's cmap(0.5) picks row 128; t = 0.5 sits halfway between LUT rows 127 and 128.
  assertClose(sampleColormap(viridis, 0.5), v128, 2 * STEP, 'viridis(0.5)');
  assertClose(sampleColormap(viridis, 1), v255, STEP, 'viridis(1)');
  // Clamped outside 0..1, infinities included.
  assert.deepEqual(sampleColormap(viridis, -3), sampleColormap(viridis, 0));
  assert.deepEqual(sampleColormap(viridis, 7), sampleColormap(viridis, 1));
  assert.deepEqual(sampleColormap(viridis, -Infinity), sampleColormap(viridis, 0));
  assert.deepEqual(sampleColormap(viridis, Infinity), sampleColormap(viridis, 1));
});

test('grays runs black to white through mid grey', () => {
  const grays = resolveColormap('grays');
  assert.deepEqual(sampleColormap(grays, 0), [0, 0, 0, 1]);
  assert.deepEqual(sampleColormap(grays, 1), [1, 1, 1, 1]);
  assertClose(sampleColormap(grays, 0.5), [0.5, 0.5, 0.5, 1], STEP, 'grays(0.5)');
  for (let i = 0; i < 256; i++) assert.equal(grays.lut[i * 4], i, `grays row ${i}`);
});

test('custom stops interpolate linearly, alpha included, and are not cached', () => {
  const rgbStops = stops([
    { offset: 0, color: [1, 0, 0, 1] },
    { offset: 0.5, color: [0, 0, 1, 0.5] },
    { offset: 1, color: [0, 1, 0, 0] },
  ]);
  const map = resolveColormap(rgbStops);
  assert.equal(map.name, 'custom');
  assertClose(sampleColormap(map, 0), [1, 0, 0, 1], STEP, 'start');
  assertClose(sampleColormap(map, 0.25), [0.5, 0, 0.5, 0.75], STEP, 'quarter');
  assertClose(sampleColormap(map, 0.5), [0, 0, 1, 0.5], STEP, 'middle stop');
  assertClose(sampleColormap(map, 0.75), [0, 0.5, 0.5, 0.25], STEP, 'three quarters');
  assertClose(sampleColormap(map, 1), [0, 1, 0, 0], STEP, 'end');
  assert.notEqual(resolveColormap(rgbStops), map, 'custom stops build a fresh map');

  // Stops not spanning 0..1 hold their end colours; equal offsets make a hard edge.
  const inner = resolveColormap(stops([{ offset: 0.25, color: [0, 0, 0, 1] }, { offset: 0.75, color: [1, 1, 1, 1] }]));
  assertClose(sampleColormap(inner, 0.1), [0, 0, 0, 1], 0, 'before the first stop');
  assertClose(sampleColormap(inner, 0.5), [0.5, 0.5, 0.5, 1], STEP, 'between');
  assertClose(sampleColormap(inner, 0.9), [1, 1, 1, 1], 0, 'after the last stop');
  const edge = resolveColormap(
    stops([
      { offset: 0, color: [1, 0, 0, 1] },
      { offset: 0.5, color: [1, 0, 0, 1] },
      { offset: 0.5, color: [0, 0, 1, 1] },
      { offset: 1, color: [0, 0, 1, 1] },
    ]),
  );
  assert.deepEqual(sampleColormap(edge, 127 / 255), [1, 0, 0, 1]);
  assert.deepEqual(sampleColormap(edge, 128 / 255), [0, 0, 1, 1]);
});

test('every bad spec throws a ColormapError naming its field', () => {
  const ok = (offset) => ({ offset, color: [0, 0, 0, 1] });
  const cases = [
    ['virdis', 'colormap', /unknown colormap "virdis" \(known: viridis, magma, inferno, plasma, turbo, cividis, grays\)/],
    [42, 'colormap', /name or an array/],
    [[], 'colormap', /at least 2 stops, got 0/],
    [[ok(0)], 'colormap', /at least 2 stops, got 1/],
    [[ok(0), null], 'colormap[1]', /colormap stop 1: expected \{ offset, color \}/],
    [[ok(0), ok(NaN)], 'colormap[1].offset', /colormap stop 1: offset NaN is not a finite number/],
    [[ok(0), ok(Infinity)], 'colormap[1].offset', /not a finite number/],
    [[ok(0), ok('1')], 'colormap[1].offset', /offset "1" is not a finite number/],
    [[ok(-0.1), ok(1)], 'colormap[0].offset', /colormap stop 0: offset -0.1 is outside 0..1/],
    [[ok(0), ok(1.5)], 'colormap[1].offset', /offset 1.5 is outside 0..1/],
    [[ok(0), ok(0.6), ok(0.4)], 'colormap[2].offset', /colormap stop 2: offset 0.4 is below the previous 0.6/],
    [[ok(0), { offset: 1, color: [0, 0, 0] }], 'colormap[1].color', /color must be \[r, g, b, a\]/],
    [[ok(0), { offset: 1 }], 'colormap[1].color', /color must be/],
    [[ok(0), { offset: 1, color: [0, NaN, 0, 1] }], 'colormap[1].color[1]', /colormap stop 1: color component 1 \(NaN\)/],
    [[ok(0), { offset: 1, color: [0, 0, 1.2, 1] }], 'colormap[1].color[2]', /component 2 \(1.2\) is not a number in 0..1/],
    [[ok(0), { offset: 1, color: [0, 0, 0, -1] }], 'colormap[1].color[3]', /component 3/],
  ];
  // Bad specs on purpose (as from JSON config): untyped.
  for (const [spec, field, message] of /** @type {[any, string, RegExp][]} */ (cases)) {
    assert.throws(
      () => resolveColormap(spec),
      (error) => {
        assert.ok(error instanceof ColormapError, `${JSON.stringify(spec)} throws a ColormapError`);
        assert.ok(error instanceof Error);
        assert.equal(error.name, 'ColormapError');
        assert.equal(error.field, field, `field for ${error.message}`);
        assert.match(error.message, message);
        return true;
      },
    );
  }
});

test('NaN is transparent everywhere', () => {
  const map = resolveColormap('magma');
  assert.deepEqual(sampleColormap(map, NaN), [0, 0, 0, 0]);
  assert.equal(packColormapColor(map, NaN), 0);
  const out = new Uint8ClampedArray([9, 9, 9, 9, 9, 9, 9, 9]);
  writeColormapColor(map, NaN, out, 2);
  assert.deepEqual([...out], [9, 9, 0, 0, 0, 0, 9, 9]);
});

test('pack and write agree with sample at LUT points, and pick the nearest entry between them', () => {
  for (const name of COLORMAP_NAMES) {
    const map = resolveColormap(name);
    const out = new Uint8Array(8);
    for (let i = 0; i < 256; i++) {
      const t = i / 255;
      const rgba = sampleColormap(map, t).map((c) => Math.round(c * 255));
      const packed = packColormapColor(map, t);
      assert.ok(Number.isInteger(packed) && packed >= 0 && packed <= 0xffffffff);
      assert.deepEqual([packed & 0xff, (packed >>> 8) & 0xff, (packed >>> 16) & 0xff, packed >>> 24], rgba, `${name} row ${i} packed`);
      writeColormapColor(map, t, out, 4);
      assert.deepEqual([...out.subarray(4)], rgba, `${name} row ${i} written`);
      assert.deepEqual([...out.subarray(4)], [...map.lut.subarray(i * 4, i * 4 + 4)]);
    }
    assert.equal(packColormapColor(map, 0.4 / 255), packColormapColor(map, 0));
    assert.equal(packColormapColor(map, 0.6 / 255), packColormapColor(map, 1 / 255));
    assert.equal(packColormapColor(map, -1), packColormapColor(map, 0));
    assert.equal(packColormapColor(map, 2), packColormapColor(map, 1));
  }
  // Little-endian RGBA8: the bytes of a Uint32Array view read r, g, b, a.
  const grays = resolveColormap('grays');
  const words = new Uint32Array([packColormapColor(grays, 1), packColormapColor(grays, 0)]);
  assert.deepEqual([...new Uint8Array(words.buffer)], [255, 255, 255, 255, 0, 0, 0, 255]);
});

test('categorical colours: 10 distinct opaque colours that cycle', () => {
  const first = Array.from({ length: 10 }, (_, k) => categoricalColor(k));
  assert.equal(new Set(first).size, 10);
  for (const c of first) {
    assert.ok(Number.isInteger(c) && c >= 0 && c <= 0xffffffff);
    assert.equal(c >>> 24, 255, 'opaque');
  }
  assert.equal(first[0], (0x4e | (0x79 << 8) | (0xa7 << 16) | (0xff << 24)) >>> 0, 'Tableau blue first, packed r | g<<8 | b<<16 | a<<24');
  for (let k = 0; k < 30; k++) assert.equal(categoricalColor(k + 10), categoricalColor(k));
  assert.equal(categoricalColor(-1), categoricalColor(9));
  assert.equal(categoricalColor(3.7), categoricalColor(3));
  assert.equal(categoricalColor(NaN), 0);
});
