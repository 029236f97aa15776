// Heatmaps: a known grid drawn by the WebGPU grid kind (r32float texture, interpolation in the
// fragment shader, LUT texture) and by the Canvas2D fallback (the shared sampling maths), pixel
// colours checked against the colormap and compared between the renderers; NaN transparent;
// <gpu-chart> with grid data, streaming columns, and bad grids.
import { resolveColormap, sampleGrid, colorPosition, lutIndex } from '../../dist/core/index.js';
import { normalizeGrid } from '../../dist/data/index.js';
import { Canvas2dRenderer, DeviceManager } from '../../dist/index.js';
import { WebGpuRenderer } from '../../dist/render/webgpu/index.js';
import { assert, assertEqual, createChart, nextEvent, pixel } from './helpers.js';
import { canvasCapture, webGpuCapture } from './compare-pixels.js';

const W = 200;
const H = 100;
const PANE = { x: 0, y: 0, width: W, height: H };
const RED = [220, 38, 38];

/**
 * A grid layer filling the pane (row 0 at the bottom).
 * @param {any} store @param {any} interpolation @param {any} [colormap] @param {any} [range]
 */
function gridLayer(store, interpolation, colormap = 'viridis', range = null) {
  const map = resolveColormap(colormap);
  const [min, max] = range ?? store.range();
  return { kind: 'grid', id: 'g', pane: PANE, source: store, count: 1, cols: store.count, ringOffset: store.ringOffset, x0: 0, x1: W, yBottom: H, yTop: 0, min, max, scale: 'linear', interpolation, lut: map.lut, lutKey: colormap };
}

/** @returns {import('../../dist/core/index.js').FrameScene} */
function scene(layers) {
  return { width: W, height: H, background: [1, 1, 1, 1], plot: PANE, layers };
}

/** A red rectangle under the whole pane (what NaN cells must show). */
function redUnder() {
  return { kind: 'rects', id: 'under', pane: PANE, rects: Float32Array.of(0, 0, W, H), colors: Uint32Array.of((RED[0] | (RED[1] << 8) | (RED[2] << 16) | (255 << 24)) >>> 0), count: 1 };
}

const lutColor = (/** @type {any} */ map, /** @type {number} */ t) => Array.from(resolveColormap(map).lut.subarray(lutIndex(t) * 4, lutIndex(t) * 4 + 3));
const rgb = (snap, x, y) => pixel(snap, x, y).slice(0, 3);
const near = (actual, expected, tolerance, what) => assert(actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance), `${what}: expected ${expected}, got ${actual}`);

/** Pixels whose colours differ by more than `tolerance` in some channel, and the largest difference. */
function compare(a, b, tolerance) {
  let over = 0;
  let worst = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.max(Math.abs(a.data[i] - b.data[i]), Math.abs(a.data[i + 1] - b.data[i + 1]), Math.abs(a.data[i + 2] - b.data[i + 2]));
    worst = Math.max(worst, d);
    if (d > tolerance) over++;
  }
  return { over, worst, fraction: over / (a.width * a.height) };
}

describe('heatmap', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('draws a 2×2 grid nearest: each cell its colormap colour, in both renderers, the same pixels', async () => {
    // Row 0 (bottom): 0, 1; row 1 (top): 2, 3.
    const store = normalizeGrid({ rows: 2, cols: 2, values: Float32Array.of(0, 1, 2, 3), x0: 0, dx: 1, y0: 0, dy: 1 });
    const s = scene([gridLayer(store, 'nearest')]);
    const gpu = await webGpuCapture(s);
    const cpu = await canvasCapture(s);
    for (const [who, snap] of [['webgpu', gpu], ['canvas2d', cpu]]) {
      near(rgb(snap, 50, 75), lutColor('viridis', 0), 1, `${who}: bottom-left cell (0)`);
      near(rgb(snap, 150, 75), lutColor('viridis', 1 / 3), 1, `${who}: bottom-right cell (1)`);
      near(rgb(snap, 50, 25), lutColor('viridis', 2 / 3), 1, `${who}: top-left cell (2)`);
      near(rgb(snap, 150, 25), lutColor('viridis', 1), 1, `${who}: top-right cell (3)`);
    }
    const diff = compare(gpu, cpu, 1);
    assertEqual(diff.over, 0, `webgpu and canvas2d agree on every pixel (worst ${diff.worst})`);
  });

  it('draws a 4×4 grid bilinear and bicubic: the shader matches the shared maths and the Canvas2D fallback', async () => {
    const values = new Float32Array(16);
    for (let i = 0; i < 16; i++) values[i] = ((i * 7) % 16) / 3;
    const store = normalizeGrid({ rows: 4, cols: 4, values, x0: 0, dx: 1, y0: 0, dy: 1 });
    for (const interpolation of /** @type {const} */ (['bilinear', 'bicubic'])) {
      const layer = gridLayer(store, interpolation, 'magma');
      const s = scene([layer]);
      const gpu = await webGpuCapture(s);
      const cpu = await canvasCapture(s);
      // Expected colours from the pure functions at a few pixel centres.
      for (const [x, y] of [[37, 61], [100, 50], [163, 12], [5, 95]]) {
        const u = ((x + 0.5) / W) * 4;
        const v = ((H - y - 0.5) / H) * 4;
        const t = colorPosition(sampleGrid(layer, u, v, interpolation), layer.min, layer.max, 'linear');
        near(rgb(gpu, x, y), lutColor('magma', t), 4, `webgpu ${interpolation} at (${x}, ${y})`);
        near(rgb(cpu, x, y), lutColor('magma', t), 1, `canvas2d ${interpolation} at (${x}, ${y})`);
      }
      const diff = compare(gpu, cpu, 6);
      assert(diff.fraction < 0.005, `${interpolation}: webgpu and canvas2d within 6/255 on ≥ 99.5% of pixels (${diff.over} over, worst ${diff.worst})`);
      // Smooth: no jump of a cell's whole colour between neighbouring pixels inside the grid.
      const nearest = await canvasCapture(scene([gridLayer(store, 'nearest', 'magma')]));
      assert(compare(nearest, cpu, 6).over > 1000, `${interpolation} differs from nearest`);
    }
  });

  it('on a log y axis each pixel finds its cell through 10^ (not linearly between the edges), in both renderers', async () => {
    // Rows of 33 units from 1 to 100 on a log axis over the pane: boundaries at 34 and 67 fall at
    // 23.4 px and 8.7 px from the top; a linear map would put them at 33.3 and 66.7.
    const store = normalizeGrid({ rows: 3, cols: 1, values: Float32Array.of(0, 1, 2), x0: 0, dx: 1, y0: 1, dy: 33 });
    const c = 3 / 99;
    const layer = { ...gridLayer(store, 'nearest'), yBottom: H, yTop: 0, yLog: { a: -2 / H, b: 2, c, d: -1 * c } };
    const s = scene([layer]);
    const gpu = await webGpuCapture(s);
    const cpu = await canvasCapture(s);
    for (const [who, snap] of [['webgpu', gpu], ['canvas2d', cpu]]) {
      near(rgb(snap, 100, 50), lutColor('viridis', 0), 1, `${who}: y=50 px is in row 0 (value 10^1 = 10)`);
      near(rgb(snap, 100, 15), lutColor('viridis', 0.5), 1, `${who}: y=15 px is in row 1 (value 10^1.7 ≈ 50)`);
      near(rgb(snap, 100, 4), lutColor('viridis', 1), 1, `${who}: y=4 px is in row 2 (value ≈ 83)`);
    }
    const diff = compare(gpu, cpu, 1);
    assert(diff.over <= W * 2, `webgpu and canvas2d agree but for f32 rounding at the row edges (${diff.over} pixels, worst ${diff.worst})`);
  });

  it('draws NaN cells transparent (what is below shows), nearest and interpolated, in both renderers', async () => {
    const store = normalizeGrid({ rows: 2, cols: 2, values: Float32Array.of(0, NaN, 2, 3), x0: 0, dx: 1, y0: 0, dy: 1 });
    for (const interpolation of ['nearest', 'bilinear', 'bicubic']) {
      const s = scene([redUnder(), gridLayer(store, interpolation)]);
      for (const [who, snap] of [['webgpu', await webGpuCapture(s)], ['canvas2d', await canvasCapture(s)]]) {
        near(rgb(snap, 150, 75), RED, 1, `${who} ${interpolation}: the NaN cell shows the layer below`);
        near(rgb(snap, 120, 60), RED, 1, `${who} ${interpolation}: anywhere in the NaN cell`);
        assert(Math.abs(rgb(snap, 20, 90)[0] - RED[0]) > 30, `${who} ${interpolation}: a finite cell is coloured`);
      }
    }
  });

  it('draws a streamed ring at its offset: only new columns uploaded, the texture keeps its size', async () => {
    const store = normalizeGrid({ rows: 1, cols: 0, values: [], maxColumns: 4, x0: 0, dx: 1, y0: 0, dy: 1 });
    store.append(Float32Array.of(0, 1, 2, 3, 4, 5)); // shown: 2 3 4 5, ring offset 2
    const manager = DeviceManager.shared();
    const device = await manager.acquire();
    const allocations = manager.allocations.owner();
    const renderer = new WebGpuRenderer({ device, pipelines: manager.pipelines(device), allocations, target: { kind: 'offscreen', format: 'rgba8unorm', width: W, height: H }, sampleCount: 1 });
    const range = [0, 9];
    let snap = await renderer.capture(scene([gridLayer(store, 'nearest', 'grays', range)]));
    const gray = (v) => lutColor('grays', v / 9);
    for (let i = 0; i < 4; i++) near(rgb(snap, 25 + 50 * i, 50), gray(2 + i), 1, `column ${i} before`);
    const bytes = allocations.byteLength;
    store.append(Float32Array.of(6, 7, 8)); // shown: 5 6 7 8
    snap = await renderer.capture(scene([gridLayer(store, 'nearest', 'grays', range)]));
    for (let i = 0; i < 4; i++) near(rgb(snap, 25 + 50 * i, 50), gray(5 + i), 1, `column ${i} after the append`);
    assertEqual(allocations.byteLength, bytes, 'no GPU memory added by appends');
    const cpu = await canvasCapture(scene([gridLayer(store, 'nearest', 'grays', range)]));
    assertEqual(compare(snap, cpu, 1).over, 0, 'the ring reads the same in canvas2d');
    renderer.dispose();
  });

  it('<gpu-chart>: grid data draws a heatmap with a colour bar, appended columns scroll it with constant memory', async () => {
    const rows = 16;
    const cols = 32;
    const values = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) values[r * cols + c] = r;
    const chart = await createChart({ attributes: { colormap: 'inferno', interpolation: 'bilinear' }, data: { rows, cols, values, x0: 0, dx: 1000, y0: 0, dy: 1, maxColumns: cols } });
    const plot = chart.model.plotCss();
    assertEqual(chart.model.series[0]?.type, 'heatmap', 'a heatmap series');
    const { yMin, yMax } = chart.getViewport();
    assertEqual(yMin, 0, 'y autoscale is the grid extent (bottom)');
    assertEqual(yMax, rows, 'y autoscale is the grid extent (top)');
    let snap = await chart.snapshot();
    const ratio = snap.width / chart.clientWidth;
    const at = (x, y) => rgb(snap, x * ratio, y * ratio);
    near(at(plot.x + plot.width / 2, plot.y + plot.height - 3), lutColor('inferno', 0), 12, 'bottom row: the low end');
    near(at(plot.x + plot.width / 2, plot.y + 3), lutColor('inferno', 1), 12, 'top row: the high end');
    const bar = chart.shadowRoot?.querySelector('.color-bar');
    assert(bar, 'a colour bar in the overlay');
    assert(bar.textContent?.includes('15'), `the colour bar shows the max, got ${bar.textContent}`);

    const memory = chart.gpuMemoryBytes;
    const store = chart.model.gridData;
    const buffer = store.values;
    const end = chart.getViewport().end;
    // Appended columns run the other way: 15 at the bottom, 0 at the top (the range stays 0..15).
    const flipped = new Float32Array(rows * 4);
    for (let c = 0; c < 4; c++) for (let r = 0; r < rows; r++) flipped[c * rows + r] = rows - 1 - r;
    for (let k = 0; k < 20; k++) {
      chart.append({ columns: flipped });
      await chart.nextFrame();
    }
    assertEqual(chart.getViewport().end, end + 80 * 1000, 'the window scrolls by dx per column');
    assertEqual(store.count, cols, 'the window keeps maxColumns columns');
    assertEqual(store.values, buffer, 'the ring is written in place');
    assertEqual(chart.gpuMemoryBytes, memory, 'GPU memory constant (texture size kept)');
    snap = await chart.snapshot();
    near(at(plot.x + plot.width / 2, plot.y + plot.height - 3), lutColor('inferno', 1), 12, 'the appended columns (15 at the bottom) are shown');
  });

  it('<gpu-chart>: a bad grid is a gpu-data-error naming the field, and the last picture stays', async () => {
    const chart = await createChart({ data: { rows: 2, cols: 2, values: [0, 1, 2, 3], x0: 0, dx: 1, y0: 0, dy: 1 } });
    const before = await chart.snapshot();
    for (const [bad, field] of [
      [{ rows: 2, cols: 2, values: [0, 1, 2], x0: 0, dx: 1, y0: 0, dy: 1 }, 'values'],
      [{ rows: 2, cols: 2.5, values: [0, 1, 2, 3, 4], x0: 0, dx: 1, y0: 0, dy: 1 }, 'cols'],
      [{ rows: 2, cols: 2, values: [0, 1, 2, 3], x0: 0, dx: 0, y0: 0, dy: 1 }, 'dx'],
    ]) {
      const error = nextEvent(chart, 'gpu-data-error');
      chart.data = bad;
      const { detail } = await error;
      assertEqual(detail.code, 'invalid-grid', 'code');
      assertEqual(detail.column, field, 'the field is named');
      await chart.nextFrame();
      const after = await chart.snapshot();
      assertEqual(compare(before, after, 0).over, 0, `the last good picture stays (${field})`);
    }
    const configError = nextEvent(chart, 'gpu-config-error');
    chart.setAttribute('colormap', 'rainbow');
    const { detail } = await configError;
    assert(JSON.stringify(detail).includes('colormap'), `an unknown colormap names the attribute: ${JSON.stringify(detail)}`);
  });

  it('<gpu-chart type="heatmap">: the long form { x, y, value } is a grid; rows of a time series are reported', async () => {
    const chart = await createChart({ attributes: { type: 'heatmap' }, data: { x: [1, 2, 1, 2], y: [10, 10, 20, 20], value: [0, 1, 2, 3] } });
    assertEqual(chart.model.gridData?.rows, 2, 'rows from the distinct y');
    assertEqual(chart.model.gridData?.count, 2, 'columns from the distinct x');
    const error = nextEvent(chart, 'gpu-data-error');
    chart.data = { time: [0, 1000], value: [1, 2] };
    const { detail } = await error;
    assertEqual(detail.code, 'invalid-grid', 'a heatmap chart says it needs a grid');
  });
});
