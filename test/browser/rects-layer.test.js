// The `rects` scene layer (candles, wicks, volume bars, OHLC ticks): drawn by the WebGPU renderer
// (4× MSAA and 1×) and the Canvas2D fallback from hand-built scenes, compared pixel for pixel, and
// specific pixels checked against the snapping rule (edges rounded to the nearest pixel boundary,
// halves up; spans under minSize widened around their centre).
import { Canvas2dRenderer, DeviceManager } from '../../dist/index.js';
import { WebGpuRenderer } from '../../dist/render/webgpu/index.js';
import { rectCount, sceneRectCount, scenePointCount, snapRectSpan } from '../../dist/core/index.js';
import { assert, assertEqual, pixel } from './helpers.js';

const WIDTH = 240;
const HEIGHT = 150;
// Fractional origin on purpose: snapping happens in canvas pixels, after adding the unrounded
// origin, so a plot-relative 10.0 lands on the half pixel 40.5 (rounded up to 41).
const PLOT = { x: 30.5, y: 12.25, width: 180, height: 110 };
const SCISSOR = { x: 30, y: 12, x1: 210, y1: 122 }; // floor origin, ceil size: columns 30..209, rows 12..121

const WHITE = [255, 255, 255];
const UP = [38, 166, 154];
const DOWN = [239, 83, 80];
const VOLUME = [37, 99, 235];
const GRID = [120, 120, 120];

/** @type {(rgb: number[], a?: number) => import('../../dist/core/index.js').Rgba} */
const rgba = ([r, g, b], a = 1) => [r / 255, g / 255, b / 255, a];
/** @type {(rgb: number[], a?: number) => number} */
const pack = ([r, g, b], a = 255) => (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;

/** A rects layer from [x0, y0, x1, y1, packedColor] rows. */
/** @returns {import('../../dist/core/index.js').RectsLayer} */
function rectsLayer(id, rows, extra = {}) {
  return {
    kind: 'rects',
    id,
    rects: Float32Array.from(rows.flatMap((row) => row.slice(0, 4))),
    colors: Uint32Array.from(rows.map((row) => row[4])),
    count: rows.length,
    ...extra,
  };
}

/**
 * A candle as two rects (wick first, then body, as a chart would emit them). Prices are already
 * plot-relative y pixels: a close above the open on screen (smaller y) is an up candle.
 */
function candle(x, open, high, low, close, bodyWidth) {
  const color = pack(close <= open ? UP : DOWN);
  return [
    [x, high, x, low, color], // zero width: minSize makes it one pixel column
    [x - bodyWidth / 2, open, x + bodyWidth / 2, close, color],
  ];
}

/**
 * Candles (up and down, a doji with open == close), an OHLC-style tick, translucent volume bars in
 * their own layer, a minSize 3 layer, and rectangles that cross each edge of the plot.
 */
function candleScene() {
  const candles = [
    ...candle(14.05, 60, 20, 80, 30, 7.5), // up: canvas x 40.8..48.3 → columns 41..47, wick column 44
    ...candle(30, 40, 25, 70, 55, 8), // down: body edges on half pixels (canvas 56.5..64.5 → 57..65)
    ...candle(50.25, 50, 45, 55, 50, 6), // doji: zero-height body widened to one row
    ...candle(70, 35.3, 30, 75, 64.6, 5.2),
    ...candle(90.9, 66, 40, 90, 44, 9),
  ];
  const clipped = [
    [-20, 5, 6.2, 15, pack(UP)], // crosses the left edge
    [170.4, 95, 200, 104.6, pack(DOWN)], // crosses the right edge
    [120, -30, 126, 8.4, pack(UP)], // crosses the top
    [140, 100, 146, 140, pack(DOWN)], // crosses the bottom
    [-1e6, 200, 1e6, 300, pack(UP)], // entirely below the plot, huge
    [100.2, 10.6, 100.2, 10.6, pack(DOWN)], // a point: one pixel
  ];
  const volume = [];
  for (let i = 0; i < 12; i++) volume.push([5 + i * 14, 110 - ((i * 37) % 30) - 5, 15 + i * 14, 110, pack(VOLUME, 128)]);
  const thick = [[160.2, 20, 160.2, 60, pack(DOWN)], [150, 70.1, 175, 70.1, pack(UP)]]; // minSize 3
  return {
    width: WIDTH,
    height: HEIGHT,
    background: rgba(WHITE),
    plot: PLOT,
    layers: [
      rectsLayer('volume', volume),
      rectsLayer('candles', [...candles, ...clipped]),
      rectsLayer('thick', thick, { minSize: 3 }),
    ],
  };
}

/** 10 000 random rects, dense and overlapping, in up and down colours (and a few translucent). */
function denseScene(seed = 1) {
  let state = seed;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows = [];
  for (let i = 0; i < 10_000; i++) {
    const x = random() * 200 - 10;
    const y = random() * 130 - 10;
    const w = random() < 0.5 ? 0 : random() * 6;
    const h = random() * 20;
    const color = i % 97 === 0 ? pack(VOLUME, 100) : pack(random() < 0.5 ? UP : DOWN);
    rows.push([x, y, x + w, y + h, color]);
  }
  return { width: WIDTH, height: HEIGHT, background: rgba(WHITE), plot: PLOT, layers: [rectsLayer('dense', rows)] };
}

/**
 * 10 000 rects in a wide canvas whose colours never share a pixel column (blocks of three columns
 * alternate up/down, five stacked bars per column): the Canvas2D renderer's grouped-by-colour path.
 */
function columnsScene() {
  const plot = { x: 8, y: 4, width: 2000, height: 180 };
  const rows = [];
  for (let column = 0; column < 2000; column++) {
    const color = pack(Math.floor(column / 3) % 2 ? DOWN : UP);
    for (let k = 0; k < 5; k++) rows.push([column + 0.5, k * 36 + 2 + (column % 7), column + 0.5, k * 36 + 30 - (column % 5), color]);
  }
  return { width: 2016, height: 188, background: rgba(WHITE), plot, layers: [rectsLayer('columns', rows)] };
}

async function webGpuRenderer(scene, sampleCount = 4) {
  const manager = DeviceManager.shared();
  const device = await manager.acquire();
  const allocations = manager.allocations.owner();
  const renderer = new WebGpuRenderer({
    device,
    pipelines: manager.pipelines(device),
    allocations,
    target: { kind: 'offscreen', format: 'rgba8unorm', width: scene.width, height: scene.height },
    sampleCount,
  });
  return { renderer, allocations };
}

async function webGpuCapture(scene, sampleCount = 4) {
  const { renderer } = await webGpuRenderer(scene, sampleCount);
  try {
    return await renderer.capture(scene);
  } finally {
    renderer.dispose();
  }
}

async function canvasCapture(scene) {
  const renderer = new Canvas2dRenderer({ canvas: document.createElement('canvas') });
  try {
    return await renderer.capture(scene);
  } finally {
    renderer.dispose();
  }
}

/** Per-pixel comparison: how many pixels differ at all, and the largest channel difference. */
function diff(a, b) {
  assertEqual(a.width, b.width, 'width');
  assertEqual(a.height, b.height, 'height');
  let differing = 0;
  let worst = 0;
  for (let p = 0; p < a.width * a.height; p++) {
    let d = 0;
    for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs(a.data[p * 4 + c] - b.data[p * 4 + c]));
    if (d > 0) differing++;
    worst = Math.max(worst, d);
  }
  return { pixels: a.width * a.height, differing, worst };
}

const rgb = (snap, x, y) => pixel(snap, x, y).slice(0, 3);
const same = (actual, expected) => actual.every((v, i) => v === expected[i]);

/** The colour of `color` at `alpha` (0..255) over white, as either renderer rounds it (±1). */
const over = (color, alpha) => color.map((c) => (c * alpha + 255 * (255 - alpha)) / 255);

describe('rects layer', () => {
  it('snaps edges to whole pixels: rounded, halves up, after adding the origin, minSize around the centre', () => {
    const out = [0, 0];
    const snap = (a, b, origin, minSize = 1) => (snapRectSpan(a, b, origin, minSize, out), [...out]);
    assertEqual(snap(10.3, 17.8, 30.5).join(), '41,48', 'body 40.8..48.3');
    assertEqual(snap(17.8, 10.3, 30.5).join(), '41,48', 'corners in either order');
    assertEqual(snap(10, 12, 30.5).join(), '41,43', 'half pixel rounds up');
    assertEqual(snap(14.05, 14.05, 30.5).join(), '44,45', 'zero-width wick: the column holding its centre');
    assertEqual(snap(14, 14, 30).join(), '44,45', 'wick on a pixel boundary: the column to its right');
    assertEqual(snap(14.05, 14.05, 30.5, 3).join(), '43,46', 'minSize 3');
    assertEqual(snap(14.05, 14.05, 30.5, 0).join(), '45,45', 'minSize 0: an empty span');
    assertEqual(snap(-3.2, -1.7, 0).join(), '-3,-2', 'negative coordinates');
  });

  it('counts rects and their corners for statistics, never past the arrays', () => {
    const scene = candleScene();
    const rects = scene.layers.reduce((n, layer) => n + layer.count, 0);
    assertEqual(sceneRectCount(scene), rects, 'rects');
    assertEqual(scenePointCount(scene), rects * 2, 'two corner points per rect');
    assertEqual(rectCount({ ...scene.layers[0], count: 1000 }), 12, 'count capped by the arrays');
    assertEqual(rectCount({ ...scene.layers[0], colors: new Uint32Array(3) }), 3, 'count capped by the colours');
  });

  it('draws candles the same in WebGPU (4× and 1× MSAA) and Canvas2D, to the pixel', async () => {
    const scene = candleScene();
    const cpu = await canvasCapture(scene);
    for (const sampleCount of [4, 1]) {
      const gpu = await webGpuCapture(scene, sampleCount);
      const stats = diff(gpu, cpu);
      console.log(`candles, webgpu ${sampleCount}x vs canvas2d: ${JSON.stringify(stats)}`);
      // Opaque pixels are identical; only the translucent volume bars' blend may round differently
      // (premultiplied floats on the GPU, 8-bit steps in the canvas): at most 1 level.
      assert(stats.worst <= 1, `no pixel differs by more than 1 level (worst ${stats.worst})`);
      let opaqueOff = 0;
      for (let p = 0; p < stats.pixels; p++) {
        const i = p * 4;
        const g = [gpu.data[i], gpu.data[i + 1], gpu.data[i + 2]];
        if ([UP, DOWN, WHITE].some((c) => same(g, c)) && !same(g, [cpu.data[i], cpu.data[i + 1], cpu.data[i + 2]])) opaqueOff++;
      }
      assertEqual(opaqueOff, 0, `${sampleCount}x: pixels in an opaque colour that differ`);
    }
  });

  it('puts body edges, wick columns and colours on the expected pixels, in both renderers', async () => {
    const scene = candleScene();
    for (const [name, snap] of [['webgpu', await webGpuCapture(scene)], ['canvas2d', await canvasCapture(scene)]]) {
      const expect = (x, y, color, what) => {
        const actual = rgb(snap, x, y);
        assert(same(actual, color), `${name}: ${what} at canvas (${x}, ${y}) is ${color}, got ${actual}`);
      };
      // Up candle: body canvas x 40.8..48.3 → columns 41..47; open 60 / close 30 → y 42.25..72.25 →
      // rows 42..71 (72.25 rounds to 72, exclusive). Wick at 44.55: column 44, y 32.25..92.25 → rows 32..91.
      expect(41, 50, UP, 'up body, left column');
      expect(47, 50, UP, 'up body, right column');
      expect(40, 50, WHITE, 'left of the up body');
      expect(48, 50, WHITE, 'right of the up body');
      expect(44, 42, UP, 'up body, top row');
      expect(44, 71, UP, 'up body, bottom row');
      expect(44, 32, UP, 'wick, top row');
      expect(44, 31, WHITE, 'above the wick');
      expect(44, 91, UP, 'wick, bottom row');
      expect(44, 92, WHITE, 'below the wick');
      for (const y of [35, 80, 88]) {
        expect(43, y, WHITE, 'left of the wick');
        expect(45, y, WHITE, 'right of the wick');
      }
      // Down candle: body 56.5..64.5 → columns 57..64 (halves round up at both edges: 8 px wide),
      // y 52.25..67.25 → rows 52..66. Wick centred at 60.5: column 60, rows 37..81.
      expect(56, 60, WHITE, 'left of the down body');
      expect(57, 60, DOWN, 'down body, left column');
      expect(64, 60, DOWN, 'down body, right column');
      expect(65, 60, WHITE, 'right of the down body');
      expect(60, 38, DOWN, 'down wick (centre 60.5: column 60)');
      expect(59, 38, WHITE, 'left of the down wick');
      expect(61, 38, WHITE, 'right of the down wick');
      expect(60, 36, WHITE, 'above the down wick');
      // Doji at x 80.75: zero-height body at y 62.25 widened to one row: 61.75..62.75 → row 62.
      expect(78, 62, UP, 'doji body row');
      expect(78, 61, WHITE, 'above the doji body');
      expect(78, 63, WHITE, 'below the doji body');
      // A point rect at (130.7, 22.85): one pixel, (130, 22).
      expect(130, 22, DOWN, 'point rect');
      expect(131, 22, WHITE, 'right of the point rect');
      expect(130, 23, WHITE, 'below the point rect');
      // minSize 3: a zero-width bar at 190.7 → 189.2..192.2 → columns 189..191; a zero-height one at
      // y 82.35 → 80.85..83.85 → rows 81..83.
      expect(188, 50, WHITE, 'left of the minSize bar');
      for (const x of [189, 190, 191]) expect(x, 50, DOWN, 'minSize bar');
      expect(192, 50, WHITE, 'right of the minSize bar');
      for (const y of [81, 82, 83]) expect(185, y, UP, 'minSize row');
      expect(185, 80, WHITE, 'above the minSize row');
      expect(185, 84, WHITE, 'below the minSize row');
      // Clipped to the scissor rectangle (columns 30..209, rows 12..121).
      expect(30, 20, UP, 'left-crossing rect at the first plot column');
      expect(29, 20, WHITE, 'nothing left of the plot');
      expect(209, 110, DOWN, 'right-crossing rect at the last plot column');
      expect(210, 110, WHITE, 'nothing right of the plot');
      expect(152, 12, UP, 'top-crossing rect at the first plot row');
      expect(152, 11, WHITE, 'nothing above the plot');
      expect(172, 121, DOWN, 'bottom-crossing rect at the last plot row');
      expect(172, 122, WHITE, 'nothing below the plot');
      // Translucent volume bar (alpha 128) over white, where no candle is: bar 0 is x 35.5..45.5 →
      // columns 36..45, y 117.25..122.25 → rows 117..121.
      const expected = over(VOLUME, 128);
      const actual = rgb(snap, 37, 119);
      assert(actual.every((v, i) => Math.abs(v - expected[i]) <= 1), `${name}: translucent volume bar ${actual} ≈ ${expected.map(Math.round)}`);
      expect(37, 122, WHITE, 'below the volume bar');
      let outside = 0;
      for (let y = 0; y < HEIGHT; y++) {
        for (let x = 0; x < WIDTH; x++) {
          if (x >= SCISSOR.x && x < SCISSOR.x1 && y >= SCISSOR.y && y < SCISSOR.y1) continue;
          if (!same(rgb(snap, x, y), WHITE)) outside++;
        }
      }
      assertEqual(outside, 0, `${name}: pixels drawn outside the plot`);
    }
  });

  it('draws 10 000 dense, overlapping rects the same in both renderers, in array order', async () => {
    const scene = denseScene();
    const gpu = await webGpuCapture(scene);
    const cpu = await canvasCapture(scene);
    const stats = diff(gpu, cpu);
    console.log(`10k dense rects, webgpu vs canvas2d: ${JSON.stringify(stats)}`);
    // Opaque colours overlap in every column, so only array order gives the same picture; the few
    // translucent rects may round their blend by one level.
    assert(stats.worst <= 1, `no pixel differs by more than 1 level (worst ${stats.worst})`);
    assert(stats.differing < stats.pixels * 0.01, `under 1% of pixels differ at all (${stats.differing})`);
  });

  it('draws 10 000 rects grouped by colour the same in both renderers, and times the fallback', async () => {
    const scene = columnsScene();
    const { renderer, allocations } = await webGpuRenderer(scene);
    try {
      const gpu = await renderer.capture(scene);
      const element = document.createElement('canvas');
      const canvas = new Canvas2dRenderer({ canvas: element });
      const cpu = await canvas.capture(scene);
      const stats = diff(gpu, cpu);
      console.log(`10k column rects, webgpu vs canvas2d: ${JSON.stringify(stats)}`);
      assertEqual(stats.differing, 0, 'pixels that differ');
      // Spot checks: column 0 is up, column 3 down, each bar is one pixel column wide.
      assert(same(rgb(gpu, 8, 4 + 2 + 1), UP), 'first bar, up');
      assert(same(rgb(gpu, 11, 4 + 5), DOWN), 'fourth column, down');

      // Chromium records canvas calls and rasterizes them later: reading one pixel back makes each
      // timed frame include its rasterization. (getContext returns the renderer's own context.)
      const flush = () => element.getContext('2d').getImageData(0, 0, 1, 1);
      // Warmed up first: the first calls run unoptimised (and, in this runner, coverage-instrumented) code.
      const time = (fn, runs = 5) => {
        for (let i = 0; i < 3; i++) fn();
        const started = performance.now();
        for (let i = 0; i < runs; i++) fn();
        return (performance.now() - started) / runs;
      };
      const grouped = time(() => (canvas.render(scene), flush()));
      const gpuCpu = time(() => renderer.render(scene));
      // The dense scene's colours overlap, so it is drawn in array order, switching fillStyle about
      // 5 000 times; the same rects in one colour switch it once.
      const dense = denseScene();
      const inOrder = time(() => (canvas.render(dense), flush()));
      const oneColour = { ...dense, layers: [{ ...dense.layers[0], colors: new Uint32Array(10_000).fill(pack(UP)) }] };
      const single = time(() => (canvas.render(oneColour), flush()));
      console.log(
        `canvas2d 10k rects: 2016x188 grouped by colour ${grouped.toFixed(2)} ms; 240x150 in array order ${inOrder.toFixed(2)} ms, ` +
          `same rects in one colour ${single.toFixed(2)} ms; webgpu encode+submit 2016x188 ${gpuCpu.toFixed(2)} ms`,
      );
      canvas.dispose();
    } finally {
      renderer.dispose();
    }
    assertEqual(allocations.count, 0, 'every buffer and texture released on dispose');
  });

  it('grows its buffers by doubling, keeps other layer kinds drawing, and releases everything', async () => {
    const small = candleScene();
    const { renderer, allocations } = await webGpuRenderer(small);
    try {
      /** @type {import('../../dist/core/index.js').FrameScene} */
      const mixed = {
        ...small,
        layers: [
          // Both on pixel centres (canvas rows 17 and 112), so their rows are fully covered.
          { kind: 'segments', id: 'grid', points: Float32Array.from([-40, 5.25, 260, 5.25]), count: 2, color: rgba(GRID), width: 1 },
          ...small.layers,
          { kind: 'line', id: 'line', points: Float32Array.from([0, 100.25, 180, 100.25]), count: 2, color: rgba(GRID), width: 1 },
        ],
      };
      let snap = await renderer.capture(mixed);
      assert(same(rgb(snap, 100, 17), GRID), `grid segment before the rects layers drawn (${rgb(snap, 100, 17)})`);
      assert(same(rgb(snap, 200, 112), GRID), `line after the rects layers drawn (${rgb(snap, 200, 112)})`);
      assert(same(rgb(snap, 44, 50), UP), 'rects drawn between them');
      const before = allocations.byteLength;
      // The same slots with 10 000 rects: the candles layer's buffers grow (to 16 384 rects).
      const dense = denseScene();
      const grown = { ...mixed, layers: [mixed.layers[0], mixed.layers[1], dense.layers[0], mixed.layers[3], mixed.layers[4]] };
      snap = await renderer.capture(grown);
      const after = allocations.byteLength;
      assert(after - before >= 16384 * 20 - 256 * 20, `buffers grew (${before} → ${after} bytes)`);
      const reference = await canvasCapture(grown);
      const stats = diff(snap, reference);
      console.log(`mixed scene with 10k rects, webgpu vs canvas2d: ${JSON.stringify(stats)}`);
      assert(stats.worst <= 128 && stats.differing < stats.pixels * 0.05, `grown scene still matches the canvas (${JSON.stringify(stats)})`);
      // Back to the small scene: no new allocations.
      await renderer.capture(mixed);
      assertEqual(allocations.byteLength, after, 'buffers reused, not reallocated');
      // An empty rects layer draws nothing and fails nothing.
      await renderer.capture({ ...small, layers: [rectsLayer('empty', [])] });
    } finally {
      renderer.dispose();
    }
    assertEqual(allocations.count, 0, 'every buffer and texture released on dispose');
    assertEqual(allocations.byteLength, 0, 'no bytes held after dispose');
  });
});
