// The Canvas2D fallback draws the same FrameScene as the WebGPU renderer: both are drawn and their
// pixels compared, then specific pixels (gap, area, clip) are checked in each.
import { Canvas2dRenderer } from '../../dist/index.js';
import { ChartModel } from '../../dist/core/index.js';
import { rsi } from '../../dist/indicators/index.js';
import { ohlcBars } from '../../demo/sample-data.js';
import { assert, assertEqual, colorDistance, pixel } from './helpers.js';
import { canvasCapture, comparePixels, webGpuCapture } from './compare-pixels.js';

const WIDTH = 240;
const HEIGHT = 150;
const GAP = 1e30; // GAP_Y in frame-scene.ts
// A fractional x origin on purpose: both renderers must clip to the same whole-pixel scissor
// rectangle (floor origin, ceil size) while placing points from the unrounded origin.
const PLOT = { x: 30.5, y: 12, width: 180, height: 110 };

const WHITE = [255, 255, 255];
const ORANGE = [249, 115, 22];
const GRID = [120, 120, 120];
/** @type {import('../../dist/core/index.js').Rgba} */
const AREA_FILL = [0.145, 0.388, 0.922, 0.3];
/** AREA_FILL blended over white with 8-bit straight colours. */
const AREA_OVER_WHITE = [0, 1, 2].map((c) => Math.round(Math.round(AREA_FILL[c] * 255) * 0.3 + 255 * 0.7));

/** @type {(rgb: number[], a?: number) => import('../../dist/core/index.js').Rgba} */
const rgba = ([r, g, b], a = 1) => [r / 255, g / 255, b / 255, a];
const points = (pairs) => Float32Array.from(pairs.flat());

/** A line with a gap that leaves the plot on the right, an area with a gap, and grid segments that cross the plot's edges. */
/** @returns {import('../../dist/core/index.js').FrameScene} */
function testScene() {
  const line = [[5, 20], [50, 45], [GAP, GAP], [100, 20], [150, 55], [230, 25]];
  const area = [[0, 80], [40, 70], [70, 85], [GAP, GAP], [110, 75], [140, 65], [180, 78]];
  const grid = [
    [-40, 35.5], [260, 35.5], // horizontal, past both sides of the plot
    [-40, 95.5], [260, 95.5],
    [120, -30], [120, 200], // vertical (canvas column 150), past the top and bottom
  ];
  return {
    width: WIDTH,
    height: HEIGHT,
    background: rgba(WHITE),
    plot: PLOT,
    layers: [
      { kind: 'segments', id: 'grid', points: points(grid), count: grid.length, color: rgba(GRID), width: 1 },
      { kind: 'area', id: 'area', points: points(area), count: area.length, fill: AREA_FILL, baseline: PLOT.height },
      { kind: 'line', id: 'line', points: points(line), count: line.length, color: rgba(ORANGE), width: 2 },
    ],
  };
}

/** Plot-relative point to canvas pixel indices. */
const at = (x, y) => [Math.floor(PLOT.x + x), Math.floor(PLOT.y + y)];

describe('Canvas2dRenderer', () => {
  it('draws the same picture as the WebGPU renderer', async () => {
    const scene = testScene();
    const gpu = await webGpuCapture(scene);
    const cpu = await canvasCapture(scene);
    assertEqual(cpu.width, gpu.width, 'width');
    assertEqual(cpu.height, gpu.height, 'height');
    assertEqual(cpu.data.length, WIDTH * HEIGHT * 4, 'RGBA bytes');

    // Tolerance, from what each renderer does with a pixel:
    // - A pixel fully inside or outside every shape is the same blend in both; only 8-bit rounding
    //   of the translucent area's blend differs (the GPU blends premultiplied floats, the canvas
    //   rounds the straight colour first): within FLAT = 4 levels, with no exception.
    // - An edge pixel gets coverage k/4 from the GPU's 4× MSAA (samples on four different rows and
    //   columns, so a straight edge is off by at most about a quarter of a pixel's coverage) and an
    //   exact fraction from the canvas: edge pixels may differ by up to a quarter or so of the
    //   local contrast, never by half of full scale (STRONG = 128). A difference that large means
    //   the shapes differ (a missing square cap, a notch at a joint, a shifted pixel), not the
    //   antialiasing: none is allowed.
    const FLAT = 4;
    const STRONG = 128;
    const stats = comparePixels(gpu, cpu, { flat: FLAT, strong: STRONG });
    console.log(`canvas2d vs webgpu: ${JSON.stringify(stats)}`);
    assertEqual(stats.flatOff, 0, `flat pixels agree within ${FLAT} (worst ${stats.flatWorst})`);
    // Edges are a small part of the picture: the outlines of a line, an area and three grid lines.
    assert(stats.edge / stats.pixels < 0.15, `edges are a small part of the image (${stats.edge} of ${stats.pixels})`);
    assert(stats.edgeOff / stats.pixels < 0.02, `under 2% of all pixels differ beyond rounding (${stats.edgeOff})`);
    assertEqual(stats.strongOff, 0, `pixels differing by more than ${STRONG} (worst ${stats.worst})`);
    // A quarter of the contrast on some edge pixels, none on most: the mean stays a few levels.
    assert(stats.edgeMean < 8, `mean difference on edges under 8 levels (${stats.edgeMean.toFixed(1)})`);
  });

  it('draws every series type and indicator panes of a chart like the WebGPU renderer', async () => {
    const bars = ohlcBars(400, { seed: 4 });
    const chart = (series, derived = []) => {
      const model = new ChartModel();
      model.setSize({ width: 320, height: 220, pixelRatio: 1 });
      model.setData({ time: bars.time, columns: { open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume } });
      model.setSeriesOptions(series);
      model.setDerived(derived);
      return model.frame().scene;
    };
    const scenes = {
      candlestick: chart([{ column: 'close', type: 'candlestick' }]),
      ohlc: chart([{ column: 'close', type: 'ohlc' }]),
      volume: chart([{ column: 'volume', type: 'volume' }]),
      bar: chart([{ column: 'volume', type: 'bar' }]),
      baseline: chart([{ column: 'close', type: 'baseline' }]),
      area: chart([{ column: 'close', type: 'area' }]),
      panes: chart([{ column: 'close', type: 'candlestick' }], [
        { id: 'rsi', name: 'RSI', values: rsi(bars.close, 14), color: null, lineWidth: 1.5, pane: 'new:rsi' },
        { id: 'hist', name: 'H', values: bars.close.map((c, i) => c - bars.open[i]), color: null, lineWidth: 1, pane: 'new:h', style: 'histogram' },
      ]),
    };
    for (const [name, scene] of Object.entries(scenes)) {
      const stats = comparePixels(await webGpuCapture(scene), await canvasCapture(scene), { flat: 4, strong: 128 });
      assertEqual(stats.flatOff, 0, `${name}: flat pixels agree within 4 (worst ${stats.flatWorst})`);
      assert(stats.edgeOff / stats.pixels < 0.03, `${name}: under 3% of pixels differ beyond rounding (${stats.edgeOff})`);
      assertEqual(stats.strongOff, 0, `${name}: no pixel differs by more than 128 (worst ${stats.worst})`);
    }
  });

  it('leaves gaps empty, fills areas and respects the clip, like the WebGPU renderer', async () => {
    const scene = testScene();
    for (const [name, snap] of [['webgpu', await webGpuCapture(scene)], ['canvas2d', await canvasCapture(scene)]]) {
      const near = (x, y, rgb, tolerance, what) => {
        const actual = pixel(snap, ...at(x, y));
        assert(colorDistance(actual, rgb) <= tolerance, `${name}: ${what} at plot (${x}, ${y}) is ${rgb}, got ${actual}`);
      };
      // The line: drawn on both sides of its gap, nothing inside it (mid-way along where the
      // missing segment from (50, 45) to (100, 20) would run).
      near(27.5, 32.5, ORANGE, 40, 'line before the gap');
      near(125, 37.5, ORANGE, 40, 'line after the gap');
      for (let x = 56; x <= 94; x += 2) {
        const y = 45 - ((x - 50) / 50) * 25;
        if (Math.abs(y - 35.5) > 3) near(x, y, WHITE, 2, 'gap'); // away from the grid line it crosses
      }
      // The area: filled between the polyline and the baseline, empty above it and in its gap.
      near(20, 100, AREA_OVER_WHITE, 3, 'area');
      near(160, 90, AREA_OVER_WHITE, 3, 'area');
      near(20, 60, WHITE, 2, 'above the area');
      near(90, 100, WHITE, 2, 'area gap');
      // Grid lines inside the plot, reaching its edges.
      near(10, 35.5, GRID, 3, 'grid line');
      near(120, 5, GRID, 3, 'vertical grid line');
      near(120, 0, GRID, 3, 'vertical grid line at the top edge');
      // The line reaches the plot's right edge (last column inside: 209)...
      const [lastColumn] = at(PLOT.width - 1.5, 0);
      let inkAtEdge = false;
      for (let y = 0; y < HEIGHT; y++) inkAtEdge ||= colorDistance(pixel(snap, lastColumn, y), ORANGE) <= 40;
      assert(inkAtEdge, `${name}: line drawn up to the plot's right edge (column ${lastColumn})`);
      // ...and nothing is drawn outside the scissor rectangle (x 30..209, y 12..121): not the grid
      // lines that run past every edge, nor the line that leaves on the right.
      let outside = 0;
      for (let y = 0; y < HEIGHT; y++) {
        for (let x = 0; x < WIDTH; x++) {
          if (x >= 30 && x < 210 && y >= 12 && y < 122) continue;
          if (colorDistance(pixel(snap, x, y), WHITE) > 0) outside++;
        }
      }
      assertEqual(outside, 0, `${name}: pixels drawn outside the plot`);
    }
  });

  it('draws into an OffscreenCanvas, resizes it to the scene, counts its memory and lets go on dispose', async () => {
    const canvas = new OffscreenCanvas(10, 10);
    const renderer = new Canvas2dRenderer({ canvas });
    assertEqual(renderer.kind, 'canvas2d', 'kind');
    const scene = testScene();
    const stats = renderer.render(scene);
    assertEqual(stats.pointsDrawn, 13, 'points of the line and the area');
    assert(stats.cpuMs >= 0, 'cpu time measured');
    assertEqual(canvas.width, WIDTH, 'canvas width follows the scene');
    assertEqual(renderer.memoryBytes, WIDTH * HEIGHT * 4, 'memory: one RGBA canvas');
    const snap = await renderer.capture(scene);
    const reference = await canvasCapture(scene);
    assert(snap.data.every((v, i) => v === reference.data[i]), 'same pixels as an HTMLCanvasElement');
    renderer.dispose();
    assertEqual(renderer.memoryBytes, 0, 'no memory after dispose');
    let threw = false;
    try {
      renderer.render(scene);
    } catch {
      threw = true;
    }
    assert(threw, 'render after dispose throws');
  });

  it('draws a dense level-of-detail line (vertical runs per pixel column) exactly like one square-capped segment per subpath', async () => {
    // M4 output: 1–4 points per column at the column's centre, gaps, a degenerate run, a run that
    // ends the line, an opaque and a translucent colour.
    const pairs = [];
    let v = 60;
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let c = 0; c < 170; c++) {
      const x = c + 0.5;
      const n = c === 40 ? 2 : 1 + Math.floor(random() * 4);
      for (let k = 0; k < n; k++) {
        if (c !== 40) v = Math.max(5, Math.min(105, v + (random() - 0.5) * 14));
        pairs.push([x, v]);
      }
      if (c === 90) pairs.push([x, GAP]);
    }
    /** @returns {any} */
    const layer = (color, width) => ({ kind: 'line', id: 'dense', points: points(pairs), count: pairs.length, color, width });
    for (const [color, width] of /** @type {[any, number][]} */ ([[rgba(ORANGE), 1.5], [rgba(ORANGE), 3], [rgba(ORANGE, 0.5), 1.5]])) {
      const scene = { width: WIDTH, height: HEIGHT, background: rgba(WHITE), plot: PLOT, layers: [layer(color, width)] };
      const canvas = new OffscreenCanvas(WIDTH, HEIGHT);
      const renderer = new Canvas2dRenderer({ canvas });
      // One path (pieces of runs are compared with one path in the next test), stroked: dense lines
      // are splatted by default (compared with WebGPU further down).
      Canvas2dRenderer.lineRunsPerPiece = 0;
      Canvas2dRenderer.splatDenseLines = false;
      const got = await renderer.capture(scene).finally(() => {
        Canvas2dRenderer.lineRunsPerPiece = 32;
        Canvas2dRenderer.splatDenseLines = true;
      });
      // The reference: every segment its own square-capped subpath, one stroke (the GPU's rectangles).
      const ref = new OffscreenCanvas(WIDTH, HEIGHT).getContext('2d', { willReadFrequently: true });
      ref.fillStyle = 'rgb(255, 255, 255)';
      ref.fillRect(0, 0, WIDTH, HEIGHT);
      ref.save();
      ref.beginPath();
      ref.rect(Math.floor(PLOT.x), PLOT.y, Math.ceil(PLOT.width), PLOT.height);
      ref.clip();
      ref.translate(PLOT.x, PLOT.y);
      ref.beginPath();
      for (let i = 0; i + 1 < pairs.length; i++) {
        const [ax, ay] = pairs[i];
        const [bx, by] = pairs[i + 1];
        if (ay === GAP || by === GAP) continue;
        if (Math.abs(bx - ax) + Math.abs(by - ay) < 1e-3) {
          ref.moveTo(ax - 0.005, ay);
          ref.lineTo(ax + 0.005, ay);
        } else {
          ref.moveTo(ax, ay);
          ref.lineTo(bx, by);
        }
      }
      ref.lineWidth = width;
      ref.lineCap = 'square';
      ref.lineJoin = 'bevel';
      ref.strokeStyle = `rgba(${ORANGE.join(', ')}, ${color[3]})`;
      ref.stroke();
      ref.restore();
      const want = ref.getImageData(0, 0, WIDTH, HEIGHT).data;
      let worst = 0;
      let off = 0;
      let ink = 0;
      for (let i = 0; i < want.length; i += 4) {
        const d = Math.max(Math.abs(got.data[i] - want[i]), Math.abs(got.data[i + 1] - want[i + 1]), Math.abs(got.data[i + 2] - want[i + 2]));
        worst = Math.max(worst, d);
        if (d > 8) off++;
        if (want[i + 2] < 200) ink++;
      }
      assert(ink > 1500, `the reference has a line (${ink} px)`);
      // One path with the same union: the stroker may differ by a level or so at the edges.
      assert(worst <= 24 && off <= ink * 0.005, `alpha ${color[3]}, width ${width}: worst channel difference ${worst}, ${off} pixels off by more than 8 (of ${ink})`);
      renderer.dispose();
    }
  });

  it('strokes an opaque line in pieces of runs like one path, up to antialiasing where pieces meet; a translucent one as one path', async () => {
    // A chart-wide M4 line (1,130 columns × 1–4 points, a gap), stroked in pieces of 32 runs (the
    // default) and in one path (lineRunsPerPiece = 0), opaque at 1.5 and 3 px and translucent.
    const W = 1200;
    const H = 300;
    const plot = { x: 30.5, y: 12, width: 1140, height: 270 };
    const pairs = [];
    let v = 130;
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let c = 0; c < 1130; c++) {
      const x = c + 0.5;
      for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
        v = Math.max(5, Math.min(265, v + (random() - 0.5) * 30));
        pairs.push([x, v]);
      }
      if (c === 500) pairs.push([x, GAP]);
    }
    const draw = async (color, width, runsPerPiece) => {
      const previous = Canvas2dRenderer.lineRunsPerPiece;
      Canvas2dRenderer.lineRunsPerPiece = runsPerPiece;
      // Stroked: a dense line is splatted by default (the next test).
      Canvas2dRenderer.splatDenseLines = false;
      const renderer = new Canvas2dRenderer({ canvas: new OffscreenCanvas(W, H) });
      try {
        /** @type {any} */
        const scene = { width: W, height: H, background: rgba(WHITE), plot, layers: [{ kind: 'line', id: 'dense', points: points(pairs), count: pairs.length, color, width }] };
        return (await renderer.capture(scene)).data;
      } finally {
        Canvas2dRenderer.lineRunsPerPiece = previous;
        Canvas2dRenderer.splatDenseLines = true;
        renderer.dispose();
      }
    };
    assertEqual(Canvas2dRenderer.lineRunsPerPiece, 32);
    for (const [color, width] of /** @type {[any, number][]} */ ([[rgba(ORANGE), 1.5], [rgba(ORANGE), 3], [rgba(ORANGE, 0.5), 1.5]])) {
      const want = await draw(color, width, 0);
      const got = await draw(color, width, 32);
      let worst = 0;
      let off = 0;
      let ink = 0;
      let big = 0;
      let farBig = 0;
      let farWorst = 0;
      for (let i = 0; i < want.length; i += 4) {
        const d = Math.max(Math.abs(got[i] - want[i]), Math.abs(got[i + 1] - want[i + 1]), Math.abs(got[i + 2] - want[i + 2]));
        worst = Math.max(worst, d);
        if (d > 0) off++;
        if (d > 8) big++;
        const px = (i / 4) % W;
        // Pieces end every 32 runs, here every 32 columns.
        const seamDist = Math.abs(((px - plot.x - 0.5 + 16) % 32) - 16);
        if (seamDist > 4) {
          farWorst = Math.max(farWorst, d);
          if (d > 8) farBig++;
        }
        if (want[i + 2] < 200) ink++;
      }
      assert(ink > 20_000, `the line is drawn (${ink} px)`);
      const what = `alpha ${color[3]}, width ${width}: ${off} px differ (of ${ink} px of line); by more than 8: ${big} (${farBig} more than 4 px from a piece's end); worst ${worst} (${farWorst} away from pieces' ends)`;
      console.log(`pieces vs one path: ${what}`);
      if (color[3] < 1) assert(off === 0, `translucent: one path either way; ${what}`);
      // Opaque: where two pieces meet (~35 shared endpoints) both antialias the edge around the
      // shared point, a little darker (≤ 12 px a seam by more than 8 levels, up to ~64 levels);
      // elsewhere Skia rasterizes a small path and a big one a level or so apart, a rare edge
      // pixel more (measured: 17–18 px by more than 8, of 25k–39k).
      else assert(worst <= 96 && big <= 35 * 12 && farBig <= ink * 0.002, what);
    }
  });

  it('rasterizes dense lines like the GPU (4× MSAA samples of square-capped segments), several in one image, in layer order', async () => {
    // Chart-wide M4 lines (1,130 columns × 1–4 points, a gap), opaque 1.5 px and 3 px, translucent
    // 1.5 px crossing the others, then a grid layer drawn after them (it must stay on top), in a
    // pane with a fractional origin. Splatted (the default) against WebGPU and against strokes.
    const W = 1200;
    const H = 300;
    const plot = { x: 30.5, y: 12.25, width: 1140, height: 270 };
    let seed = 19;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const dense = (start) => {
      const pairs = [];
      let v = start;
      for (let c = 0; c < 1130; c++) {
        for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
          v = Math.max(5, Math.min(265, v + (random() - 0.5) * 24));
          pairs.push(c + 0.5, v);
        }
        if (c === 700) pairs.push(c + 0.5, GAP);
      }
      return Float32Array.from(pairs);
    };
    const line = (id, pts, color, width) => ({ kind: 'line', id, points: pts, count: pts.length / 2, color, width });
    const grid = [[-40, 140.25], [1300, 140.25]]; // canvas y 152.5: row 152 whole
    /** @type {any} */
    const scene = {
      width: W,
      height: H,
      background: rgba(WHITE),
      plot,
      layers: [
        line('a', dense(60), rgba(ORANGE), 1.5),
        line('b', dense(140), rgba([37, 99, 235]), 3),
        line('c', dense(220), rgba([16, 185, 129], 0.5), 1.5),
        { kind: 'segments', id: 'grid', points: points(grid), count: grid.length, color: rgba(GRID), width: 1 },
      ],
    };
    const draw = async (splat) => {
      Canvas2dRenderer.splatDenseLines = splat;
      const renderer = new Canvas2dRenderer({ canvas: new OffscreenCanvas(W, H) });
      try {
        return await renderer.capture(scene);
      } finally {
        Canvas2dRenderer.splatDenseLines = true;
        renderer.dispose();
      }
    };
    assertEqual(Canvas2dRenderer.splatDenseLines, true, 'on by default');
    // An opaque line alone: the GPU's picture but for a rare sample on an edge (float rounding).
    const draw1 = async (s) => {
      const renderer = new Canvas2dRenderer({ canvas: new OffscreenCanvas(W, H) });
      try {
        return await renderer.capture(s);
      } finally {
        renderer.dispose();
      }
    };
    for (const k of [0, 1]) {
      const one = { ...scene, layers: [scene.layers[k]] };
      const stats = comparePixels(await webGpuCapture(one), await draw1(one), { flat: 4, strong: 128 });
      console.log(`opaque dense line ${scene.layers[k].width} px vs webgpu: ${JSON.stringify(stats)}`);
      assert(stats.edgeOff / stats.pixels < 0.003 && stats.edgeMean < 2 && stats.flatOff === 0, `${scene.layers[k].width} px: as on the GPU (${JSON.stringify(stats)})`);
    }
    const splat = await draw(true);
    const stroke = await draw(false);
    const gpu = await webGpuCapture(scene);
    const splatVsGpu = comparePixels(gpu, splat, { flat: 4, strong: 128 });
    const strokeVsGpu = comparePixels(gpu, stroke, { flat: 4, strong: 128 });
    console.log(`dense lines vs webgpu: splat ${JSON.stringify(splatVsGpu)}; stroke ${JSON.stringify(strokeVsGpu)}`);
    // All of it: what is left is where the GPU blends a translucent line's overlapping segments
    // twice (the splat, like a stroke, covers their union once), still closer than strokes.
    assertEqual(splatVsGpu.strongOff, 0, `no pixel differs from WebGPU's by more than 128 (worst ${splatVsGpu.worst})`);
    assertEqual(splatVsGpu.flatOff, 0, `flat pixels agree (worst ${splatVsGpu.flatWorst})`);
    assert(splatVsGpu.edgeMean < strokeVsGpu.edgeMean && splatVsGpu.edgeOff < strokeVsGpu.edgeOff, `closer to WebGPU than strokes (${splatVsGpu.edgeMean.toFixed(2)} vs ${strokeVsGpu.edgeMean.toFixed(2)})`);
    // Layer order: the grid (drawn after the lines) is on top where it crosses them.
    const gridRow = Math.floor(plot.y + 140.25);
    for (let x = 40; x < 1160; x += 7) {
      const i = (gridRow * W + x) * 4;
      assert(Math.abs(splat.data[i] - GRID[0]) <= 2 && Math.abs(splat.data[i + 2] - GRID[2]) <= 2, `grid on top at x ${x}: ${[...splat.data.slice(i, i + 3)]}`);
    }
    // Clipped to the pane's scissor rectangle: nothing left of it.
    for (let y = 0; y < H; y++) for (let x = 0; x < Math.floor(plot.x); x++) assert(splat.data[(y * W + x) * 4] === 255, `outside the pane at (${x}, ${y})`);
    // A pane wider than one image is splatted in strips (2048 columns by default): strips of 100
    // columns meet without a seam, the same pixels as one image.
    const strips = Canvas2dRenderer.denseLineStripWidth;
    Canvas2dRenderer.denseLineStripWidth = 100;
    const narrow = await draw(true).finally(() => (Canvas2dRenderer.denseLineStripWidth = strips));
    let differ = 0;
    for (let i = 0; i < narrow.data.length; i++) if (narrow.data[i] !== splat.data[i]) differ++;
    assertEqual(differ, 0, 'strips of 100 columns: the same bytes as one image');
  });

  it('strokes a sparse line (long segments) instead of splatting it', async () => {
    const pts = Float32Array.from([0, 10, 200, 100, 400, 20, 600, 90]);
    /** @type {any} */
    const scene = { width: WIDTH, height: HEIGHT, background: rgba(WHITE), plot: PLOT, layers: [{ kind: 'line', id: 's', points: pts, count: 4, color: rgba(ORANGE), width: 1.5 }] };
    const capture = async (splat) => {
      Canvas2dRenderer.splatDenseLines = splat;
      const renderer = new Canvas2dRenderer({ canvas: new OffscreenCanvas(WIDTH, HEIGHT) });
      try {
        return (await renderer.capture(scene)).data;
      } finally {
        Canvas2dRenderer.splatDenseLines = true;
        renderer.dispose();
      }
    };
    const on = await capture(true);
    const off = await capture(false);
    assert(on.every((value, i) => value === off[i]), 'the same strokes either way');
  });

  it('refuses a canvas that already has a WebGPU context, with a clear message', () => {
    const canvas = document.createElement('canvas');
    assert(canvas.getContext('webgpu'), 'webgpu context');
    let message = '';
    try {
      new Canvas2dRenderer({ canvas });
    } catch (error) {
      message = error.message;
    }
    assert(message.includes('fresh canvas'), `clear error, got "${message}"`);
  });
});
