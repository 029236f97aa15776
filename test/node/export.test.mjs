// SVG and CSV exports (src/export): every scene layer kind written by its own function, PNG
// rasters that decode to the right pixels, level of detail for markers, CSV of a window of rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { sceneToSvg, SVG_LAYERS, rowsCsv, windowRows, csvCell, encodePng, frameTexts } from '../../build/node/export/index.js';
import { residentLineAsLine } from '../../build/node/core/scene/resident-line-points.js';
import { GAP_Y } from '../../build/node/core/scene/frame-scene.js';

const plot = { x: 10, y: 20, width: 100, height: 50 };
/** @returns {any} a FrameScene */
const scene = (layers) => ({ width: 200, height: 100, background: [1, 1, 1, 1], plot, layers });
const pack = (r, g, b, a = 255) => (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;

/** Decodes a PNG made by encodePng (8-bit RGBA, Sub or None filters) into { width, height, rgba }. */
function decodePng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat = [];
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') [width, height] = [view.getUint32(at + 8), view.getUint32(at + 12)];
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    const filter = raw[row];
    for (let i = 0; i < width * 4; i++) {
      const left = filter === 1 && i >= 4 ? rgba[y * width * 4 + i - 4] : 0;
      rgba[y * width * 4 + i] = (raw[row + 1 + i] + left) & 255;
    }
  }
  return { width, height, rgba };
}

/** The PNG inside an <image href="data:image/png;base64,…">. */
function imageOf(svg) {
  const match = /href="data:image\/png;base64,([^"]+)"/.exec(svg);
  assert.ok(match, 'an embedded PNG');
  return decodePng(new Uint8Array(Buffer.from(match[1], 'base64')));
}

/** Well-formed enough to parse: every tag closed in order, attributes quoted. */
function assertBalanced(svg) {
  const stack = [];
  for (const [, close, name, , selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g)) {
    if (close) assert.equal(stack.pop(), name, `closing </${name}>`);
    else if (!selfClosing) stack.push(name);
  }
  assert.deepEqual(stack, [], 'every element closed');
  assert.doesNotMatch(svg.replace(/<[^>]*>/g, ''), /[<>]/, 'no stray angle brackets in text');
}

test('SVG_LAYERS has one writer per scene layer kind', () => {
  assert.deepEqual(Object.keys(SVG_LAYERS).sort(), ['area', 'band', 'bars3d', 'cluster', 'density', 'grid', 'line', 'lines3d', 'markers', 'points3d', 'rects', 'resident-line', 'segments', 'surface3d']);
  // 3D layers are refused with a clear message rather than silently left out of the file.
  assert.throws(() => SVG_LAYERS.surface3d(/** @type {any} */ ({ kind: 'surface3d', id: 'vol' }), /** @type {any} */ ({})), /SVG export does not cover 3D charts \(layer "vol" of kind surface3d\): use toBlob/);
});

test('a GPU level-of-detail line exports the points its CPU twin picks, as a plain line would', async () => {
  const values = Float64Array.from({ length: 400 }, (_, i) => Math.round(Math.sin(i / 9) * 20));
  const bounds = Uint32Array.from({ length: 41 }, (_, c) => c * 10);
  /** @type {import('../../build/node/core/scene/frame-scene.js').ResidentLineLayer} */
  const layer = { kind: /** @type {const} */ ('resident-line'), id: 'price', column: { key: {}, values, length: 400, version: 1, appendedFrom: -1, origin: 0 }, bounds, columns: 40, columnWidth: 2, ay: -1, by: 25, before: null, after: null, count: 160, color: [0, 0, 1, 1], width: 1 };
  const twin = residentLineAsLine(layer);
  assert.ok(twin.count > 40 && twin.count <= 160, `M4 points: ${twin.count}`);
  const svg = await sceneToSvg({ scene: scene([layer]), pixelRatio: 1 });
  const expected = await sceneToSvg({ scene: scene([twin]), pixelRatio: 1 });
  assert.equal(svg, expected);
  assert.match(svg, /class="series line" d="M1 25L/);
});

test('a line becomes one stroked path, broken at gaps, translated to its pane and clipped', async () => {
  const points = Float32Array.from([0, 10, 10, 20, 20, GAP_Y, 30, 5, 40.04, 6]);
  const svg = await sceneToSvg({ scene: scene([{ kind: 'line', id: 'price', points, count: 5, color: [1, 0, 0, 0.5], width: 2 }]), pixelRatio: 2, title: 'Price <chart>' });
  assertBalanced(svg);
  assert.match(svg, /width="100" height="50" viewBox="0 0 200 100"/, 'CSS size, device-px viewBox');
  assert.match(svg, /<title>Price &lt;chart&gt;<\/title>/);
  assert.match(svg, /<g transform="translate\(10 20\)" clip-path="url\(#clip0\)"><path data-layer="price" class="series line" d="M0 10L10 20M30 5L40 6"/);
  assert.match(svg, /stroke="#ff0000" stroke-opacity="0.5" stroke-width="2"/);
  assert.match(svg, /<clipPath id="clip0"><rect width="100" height="50"\/><\/clipPath>/);
});

test('an area closes each run down to its baseline', async () => {
  const svg = await sceneToSvg({ scene: scene([{ kind: 'area', id: 'a', points: Float32Array.from([0, 10, 5, 5, 10, 8]), count: 3, fill: [0, 0, 1, 0.25], baseline: 50 }]), pixelRatio: 1 });
  assert.match(svg, /d="M0 50L0 10 5 5 10 8 10 50Z" fill="#0000ff" fill-opacity="0.25"/);
});

test('segments become one path of independent moves', async () => {
  const svg = await sceneToSvg({ scene: scene([{ kind: 'segments', id: 'grid', points: Float32Array.from([0, 0, 100, 0, 0, 25, 100, 25]), count: 4, color: [0.9, 0.9, 0.9, 1], width: 1 }]), pixelRatio: 1 });
  assert.match(svg, /d="M0 0L100 0M0 25L100 25"/);
});

test('rects snap to device pixels like the renderers and share one path per colour', async () => {
  const up = pack(0, 255, 0);
  const down = pack(255, 0, 0);
  const rects = Float32Array.from([1.2, 10, 4.6, 20, 10, 5, 10.2, 30, 20, 0, 25, 10]);
  const svg = await sceneToSvg({ scene: scene([{ kind: 'rects', id: 'candles', rects, colors: Uint32Array.from([up, up, down]), count: 3 }]), pixelRatio: 1 });
  const paths = [...svg.matchAll(/<path data-layer="candles" class="rects" d="([^"]+)" fill="(#[0-9a-f]+)"/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(paths, [
    // 1.2..4.6 → px 1..5 (edges rounded); the 0.2-px wick widens to 1 px around its centre.
    ['M1 10h4v10h-4ZM10 5h1v25h-1Z', '#00ff00'],
    ['M20 0h5v10h-5Z', '#ff0000'],
  ]);
});

test('markers: the renderers\' transform, one marker per pixel and colour, none outside the pane', async () => {
  const n = 10_000;
  const data = new Float32Array((n + 2) * 4);
  const bits = new Uint32Array(data.buffer);
  for (let i = 0; i < n; i++) {
    // Ten thousand points on the same two pixels.
    data.set([i % 2 === 0 ? 1 : 2, 1, 4], i * 4);
    bits[i * 4 + 3] = pack(0, 0, 255);
  }
  data.set([3, 3, 6], n * 4);
  bits[n * 4 + 3] = pack(255, 0, 0, 128);
  data.set([500, 1, 4], (n + 1) * 4); // far outside
  bits[(n + 1) * 4 + 3] = pack(255, 0, 0);
  const layer = { kind: 'markers', id: 'pts', data, count: n + 2, shape: 'circle', transform: [10, 0, 10, 0], dataKey: 1 };
  const svg = await sceneToSvg({ scene: scene([layer]), pixelRatio: 1 });
  assertBalanced(svg);
  const blue = /d="([^"]+)" fill="#0000ff"/.exec(svg)[1];
  assert.equal(blue.match(/M/g).length, 2, 'two distinct pixels → two circles');
  assert.ok(blue.startsWith('M8 10a2 2 0 1 0 4 0'), blue);
  assert.match(svg, /M27 30a3 3 0 1 0 6 0[^"]*" fill="#ff0000" fill-opacity="0.502"/, 'the translucent red marker, radius 3');
  assert.equal(svg.match(/M4998/g), null, 'outside the pane: left out');
  const squares = await sceneToSvg({ scene: scene([{ ...layer, count: 1, shape: 'square' }]), pixelRatio: 1 });
  assert.match(squares, /d="M8 8h4v4h-4Z"/);
});

test('a band fills A forward and B backward, broken at gaps', async () => {
  const points = Float32Array.from([0, 10, 0, 20, 10, 12, 10, 22, 20, GAP_Y, 20, 30, 30, 5, 30, 6, 40, 5, 40, 7]);
  const svg = await sceneToSvg({ scene: scene([{ kind: 'band', id: 'ci', points, count: 5, fill: [0, 0, 0, 0.1] }]), pixelRatio: 1 });
  assert.match(svg, /d="M0 10L10 12L10 22L0 20ZM30 5L40 5L40 7L30 6Z" fill-rule="nonzero"/);
});

test('a grid is an embedded PNG of its visible pixels, sampled like the Canvas2D renderer', async () => {
  const lut = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) lut.set([i, 0, 255 - i, 255], i * 4);
  const source = { id: 1, version: 1, layout: 'rows', values: Float32Array.from([0, 1, 2, NaN]), width: 2, rows: 2, changesSince: () => null };
  // 2 × 2 cells over 20 × 10 px: row 0 at the bottom.
  const layer = { kind: 'grid', id: 'heat', source, count: 1, cols: 2, ringOffset: 0, x0: 0, x1: 20, yBottom: 10, yTop: 0, min: 0, max: 2, scale: 'linear', interpolation: 'nearest', lut, lutKey: 'test' };
  const svg = await sceneToSvg({ scene: scene([layer]), pixelRatio: 1 });
  assert.match(svg, /<image data-layer="heat" class="grid" x="0" y="0" width="20" height="10"/);
  const { width, height, rgba } = imageOf(svg);
  assert.deepEqual([width, height], [20, 10]);
  const pixel = (x, y) => [...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
  assert.deepEqual(pixel(2, 8), [0, 0, 255, 255], 'bottom left: value 0');
  assert.deepEqual(pixel(15, 8), [128, 0, 127, 255], 'bottom right: value 1 (index 127.5 → 128)');
  assert.deepEqual(pixel(2, 2), [255, 0, 0, 255], 'top left: value 2');
  assert.deepEqual(pixel(15, 2), [0, 0, 0, 0], 'top right: missing, transparent');
});

test('a density map is a PNG of one pixel per cell, counts coloured by densityLevel', async () => {
  const colormap = new Uint8Array(1024);
  for (let i = 0; i < 256; i++) colormap.set([i, i, i, 255], i * 4);
  const points = Float32Array.from([1, 1, 2, 2, 3, 3, 15, 1]);
  const layer = { kind: 'density', id: 'dens', points, count: 4, version: 1, transform: [1, 0, 1, 0], cellSize: 10, colormap, scale: 'linear' };
  const svg = await sceneToSvg({ scene: scene([layer]), pixelRatio: 1 });
  assert.match(svg, /class="density" x="0" y="0" width="100" height="50"/);
  const { width, height, rgba } = imageOf(svg);
  assert.deepEqual([width, height], [10, 5]);
  assert.deepEqual([...rgba.subarray(0, 8)], [255, 255, 255, 255, 85, 85, 85, 255], '3 points (the maximum), then 1 (255/3 = 85)');
  assert.equal(rgba[8 + 3], 0, 'an empty cell stays transparent');
});

test('clusters: one disc per cell at the centroid, the count written on clusters', async () => {
  const points = Float32Array.from([1, 1, 3, 3, 55, 25]);
  // 32 px cells at one px per unit: level 5 exactly (t = 0), so each disc sits at its centroid.
  const layer = { kind: 'cluster', id: 'cl', points, count: 3, version: 1, transform: [1, 0, 1, 0], cellSize: 32, color: [0, 0.5, 0, 1], pointRadius: 3, minRadius: 8, radiusStep: 2 };
  const svg = await sceneToSvg({ scene: scene([layer]), pixelRatio: 1 });
  assertBalanced(svg);
  assert.equal(svg.match(/<circle /g).length, 2);
  assert.match(svg, /<circle cx="2" cy="2" r="8"\/>/);
  assert.match(svg, /<circle cx="55" cy="25" r="3"\/>/);
  assert.match(svg, /<text x="2" y="2">2<\/text>/);
});

test('overlay text: axis labels and titles land where the overlay shows them, escaped', async () => {
  /** @type {any} a FrameResult */
  const frame = {
    scene: scene([]),
    xLabels: [{ position: 60, label: '12:00', major: true }],
    yLabels: [{ position: 30, label: '1.5k', major: false }],
    xKind: 'time',
    xTitle: '',
    yAxes: [{ id: 'y', side: 'right', scale: 'linear', x: 110, width: 64, title: 'P&L', labels: [], range: [0, 1] }],
    plot: { x: 10, y: 20, width: 100, height: 50 },
    panes: [{ id: 'main', rect: { x: 10, y: 20, width: 100, height: 50 }, title: '', yRange: [0, 1] }],
    lod: { mode: 'raw', visiblePoints: 0, drawnPoints: 0 },
    yRange: [0, 1],
  };
  const texts = frameTexts(frame, { width: 200, fontSize: 12 });
  assert.deepEqual(texts.map((t) => [t.role, t.text, t.x, t.y]), [
    ['x-label', '12:00', 60, 76],
    ['y-label', '1.5k', 116, 30],
    ['title', 'P&L', 165, 45],
  ]);
  const svg = await sceneToSvg({ scene: frame.scene, pixelRatio: 2, texts, legend: [{ name: 'close "BTC"', color: '#2563eb' }] });
  assertBalanced(svg);
  assert.match(svg, /<g class="overlay" transform="scale\(2\)"/);
  assert.match(svg, />P&amp;L<\/text>/);
  assert.match(svg, /close &quot;BTC&quot;/);
});

test('encodePng round-trips through zlib', async () => {
  const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) & 255);
  const decoded = decodePng(await encodePng(rgba, 3, 2));
  assert.deepEqual([decoded.width, decoded.height], [3, 2]);
  assert.deepEqual([...decoded.rgba], [...rgba]);
  await assert.rejects(encodePng(new Uint8Array(4), 2, 2), /needs 16 bytes/);
});

test('CSV: the window\'s rows, ISO times, full precision, missing values empty, names escaped', () => {
  const keys = Float64Array.from([0, 60_000, 120_000, 180_000]);
  assert.deepEqual(windowRows(keys, 4, 60_000, 150_000), [1, 3]);
  assert.deepEqual(windowRows(keys, 4, 500_000, 600_000), [4, 4]);
  const csv = rowsCsv({ keyName: 'time', keys, length: 4, columns: [{ name: 'close', values: [1, 0.1 + 0.2, NaN, 4] }, { name: 'a,"b"', values: [5, 6, 7, 8] }], first: 1, end: 3, time: true });
  assert.equal(csv, 'time,close,"a,""b"""\r\n1970-01-01T00:01:00.000Z,0.30000000000000004,6\r\n1970-01-01T00:02:00.000Z,,7\r\n');
  const numeric = rowsCsv({ keyName: 'x', keys: [1.5, 2.5], length: 2, columns: [], first: 0, end: 99, time: false });
  assert.equal(numeric, 'x\r\n1.5\r\n2.5\r\n');
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
});
