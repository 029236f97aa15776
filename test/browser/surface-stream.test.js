// Streaming surfaces in a real browser with real WebGPU (SwiftShader): columns appended to a
// surface (`append({ columns })`) show where they belong in both renderers, the window drops the
// oldest, a renderer that keeps its buffers (only the new columns written) draws the same picture
// as a fresh full upload, GPU memory stays flat over many appends, a bad append is refused with
// gpu-data-error and the picture kept, and device loss rebuilds the streamed scene.
import { ChartModel, DeviceManager, GpuChart, loadSeriesType } from '../../dist/index.js';
import { appendGrid3d, parseGrid3d, resolveColormap, shade, surfaceHeightIndex, transformPoint } from '../../dist/core/index.js';
import { WebGpuRenderer } from '../../dist/render/webgpu/index.js';
import { assert, assertEqual, createChart, nextEvent, pixel, until } from './helpers.js';
import { canvasCapture, webGpuCapture } from './compare-pixels.js';

await loadSeriesType('surface');

const W = 240;
const H = 180;
// Looking down the box from high up: every column of the surface is in view, none hides another.
const CAMERA = { projection: 'orthographic', azimuth: -90, elevation: 70, distance: 5.8, target: [0, 0, 0], fov: 32 };
const ROWS = 8;
const WINDOW = 24;
const LOW = 0.2;
const HIGH = 0.8;

/** k columns of ROWS heights, all `h`. */
const flat = (k, h) => new Float32Array(k * ROWS).fill(h);

/** A model of a surface chart streaming into a WINDOW-column ring, colour range fixed to [0, 1]. */
function streamingModel() {
  const grid = parseGrid3d({ rows: ROWS, cols: 0, values: [], maxColumns: WINDOW, x0: 0, dx: 1, y0: 0, dy: 1 });
  const model = new ChartModel();
  model.setOptions({ defaultType: 'surface' });
  model.setSize({ width: W, height: H, pixelRatio: 1 });
  model.three.setGrid(grid);
  model.setSeriesOptions([{ column: 'z', id: 's', type: 'surface', colorMin: 0, colorMax: 1 }]);
  model.three.camera = /** @type {any} */ ({ ...CAMERA, target: [...CAMERA.target] });
  const scene = () => model.frame().scene;
  return { grid, model, scene };
}

/** Canvas px of shown column c, middle row, on the surface of a scene. */
function columnPixel(scene, c) {
  const layer = scene.layers.find((l) => l.kind === 'surface3d');
  const r = ROWS / 2;
  const h = layer.heights[surfaceHeightIndex(layer, r, c)];
  const clip = [0, 0, 0, 0];
  transformPoint(layer.camera.viewProj, layer.xs[c], layer.ys[r], h * layer.zScale + layer.zOffset, clip);
  const pane = layer.pane ?? scene.plot;
  return [Math.round(pane.x + ((clip[0] / clip[3] + 1) / 2) * pane.width), Math.round(pane.y + ((1 - clip[1] / clip[3]) / 2) * pane.height)];
}

/** The colour of height h on a flat (upward-facing) part of the surface. */
function flatColour(scene, h) {
  const layer = scene.layers.find((l) => l.kind === 'surface3d');
  const lut = resolveColormap('viridis').lut;
  const i = Math.round(h * 255) * 4;
  const light = shade(0, 0, 1, layer.camera.light);
  return [lut[i] * light, lut[i + 1] * light, lut[i + 2] * light];
}

function near(actual, expected, tolerance, what) {
  assert(expected.every((v, i) => Math.abs(actual[i] - v) <= tolerance), `${what}: expected ${expected.map(Math.round)}, got ${actual.slice(0, 3)}`);
}

/** Share of pixels whose colours differ by more than `tolerance` in some channel. */
function differing(a, b, tolerance) {
  let over = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.max(Math.abs(a.data[i] - b.data[i]), Math.abs(a.data[i + 1] - b.data[i + 1]), Math.abs(a.data[i + 2] - b.data[i + 2])) > tolerance) over++;
  }
  return over / (a.width * a.height);
}

describe('streaming surfaces: the scene in both renderers', () => {
  it('appended columns show at the right end in WebGPU and Canvas2D; the window drops the oldest; only new columns are written', async () => {
    const { grid, scene } = streamingModel();
    const manager = DeviceManager.shared();
    const device = await manager.acquire();
    const allocations = manager.allocations.owner();
    const renderer = new WebGpuRenderer({ device, pipelines: manager.pipelines(device), allocations, target: { kind: 'offscreen', format: 'rgba8unorm', width: W, height: H }, sampleCount: 4 });
    try {
      await renderer.ready;
      appendGrid3d(grid, { columns: flat(WINDOW, LOW) });
      let s = scene();
      let gpu = await renderer.capture(s);
      near(pixel(gpu, ...columnPixel(s, 20)), flatColour(s, LOW), 8, 'before: the right end is low');
      const bytes = allocations.byteLength;
      const buffers = allocations.count;
      // 30 more: 24 low then 6 high. The ring wraps (offset 6); shown: 18 low, then 6 high at the right.
      appendGrid3d(grid, { columns: flat(24, LOW) });
      appendGrid3d(grid, { columns: flat(6, HIGH) });
      assertEqual(grid.ring.offset, 6, 'the ring wrapped');
      s = scene();
      gpu = await renderer.capture(s);
      const cpu = await canvasCapture(s);
      for (const [who, snap] of [['webgpu', gpu], ['canvas2d', cpu]]) {
        near(pixel(snap, ...columnPixel(s, 21)), flatColour(s, HIGH), who === 'webgpu' ? 8 : 14, `${who}: an appended column (21) shows the high colour`);
        near(pixel(snap, ...columnPixel(s, 4)), flatColour(s, LOW), who === 'webgpu' ? 8 : 14, `${who}: an older column (4) keeps the low colour`);
      }
      assertEqual(allocations.byteLength, bytes, 'no GPU memory added by appends');
      assertEqual(allocations.count, buffers, 'no buffer created by appends');
      // The buffers written column by column draw what a fresh renderer uploading everything draws.
      const fresh = await webGpuCapture(s);
      assert(differing(gpu, fresh, 8) < 0.001, `in-place writes match a full upload (${(differing(gpu, fresh, 8) * 100).toFixed(3)} % differ)`);
      // A whole window of high columns: every low one has dropped out.
      appendGrid3d(grid, { columns: flat(WINDOW, HIGH) });
      s = scene();
      gpu = await renderer.capture(s);
      for (const [who, snap] of [['webgpu', gpu], ['canvas2d', await canvasCapture(s)]]) {
        near(pixel(snap, ...columnPixel(s, 2)), flatColour(s, HIGH), who === 'webgpu' ? 8 : 14, `${who}: the oldest shown column is now high (the low ones dropped)`);
      }
      assertEqual(allocations.byteLength, bytes, 'still no GPU memory added');
    } finally {
      renderer.dispose();
    }
  });
});

describe('<gpu-chart type="surface"> streaming', () => {
  const manager = DeviceManager.shared();
  const defaults = GpuChart.recovery;
  beforeEach(() => {
    GpuChart.recovery = { ...defaults, retry: { ...defaults.retry, baseMs: 10, maxMs: 40 } };
  });
  afterEach(() => {
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
    GpuChart.recovery = defaults;
  });

  const rows = 16;
  const window = 48;
  const start = () => ({ rows, cols: 0, values: [], maxColumns: window, x0: 0, dx: 1, y0: 0, dy: 1 });
  /** k columns from global column `from` on: a ridge that travels across rows as columns go. */
  function wave(from, k) {
    const out = new Float32Array(k * rows);
    for (let j = 0; j < k; j++) for (let r = 0; r < rows; r++) out[j * rows + r] = Math.sin((from + j) / 5) * Math.cos(r / 3);
    return out;
  }
  const xLabels = (chart) => [...chart.shadowRoot.querySelectorAll('.axes3d-label')].filter((l) => /** @type {HTMLElement} */ (l).dataset.axis === 'x').map((l) => Number(l.textContent.replace(/[^\d.-]/g, '')));

  /** A streaming surface chart, its window full (columns 0 … 47). */
  async function streamingChart(attributes = {}) {
    const chart = await createChart({ attributes: { type: 'surface', ...attributes }, data: start() });
    chart.setCamera({ azimuth: -60, elevation: 35 });
    chart.append({ columns: wave(0, window) });
    // A camera change draws the moving level of detail for a moment: pictures are compared settled.
    await until(() => !chart.model.three.moving, 'the camera settles');
    await chart.nextFrame();
    return chart;
  }

  it('appends scroll the window and the x axis; GPU memory and the heights array stay the same over 200 columns', async () => {
    const chart = await streamingChart();
    const grid = chart.model.three.grid;
    assertEqual(grid.cols, window, 'the window is full');
    const values = grid.values;
    const memory = chart.gpuMemoryBytes;
    const ledger = { ...manager.allocations.totals };
    assert(ledger.bytes >= memory, `the page ledger counts the chart (${ledger.bytes} B)`);
    assert(memory > 0, `the chart holds GPU memory (${memory})`);
    const before = await chart.snapshot();
    const labelsBefore = xLabels(chart);
    for (let k = 0; k < 200; k += 4) {
      chart.append({ columns: wave(window + k, 4) });
      await chart.nextFrame();
      assertEqual(chart.gpuMemoryBytes, memory, `GPU memory flat after ${k + 4} columns`);
    }
    assertEqual(JSON.stringify(manager.allocations.totals), JSON.stringify(ledger), 'the page ledger too: no buffer or byte added');
    assertEqual(grid.cols, window, 'the window keeps maxColumns columns');
    assertEqual(grid.values, values, 'the ring is written in place');
    assertEqual(grid.bounds.x.join(), [200.5, 247.5].join(), 'the box shows the newest columns');
    const labelsAfter = xLabels(chart);
    assert(Math.max(...labelsAfter) > Math.max(...labelsBefore) + 150, `the x axis scrolled: ${labelsBefore} → ${labelsAfter}`);
    const after = await chart.snapshot();
    assert(differing(before, after, 30) > 0.01, 'the surface changed shape');
  });

  it('a bad append (wrong column height, a non-finite height, another shape) fires gpu-data-error naming the field; the picture stays', async () => {
    const chart = await streamingChart();
    const before = await chart.snapshot();
    const grid = chart.model.three.grid;
    const version = grid.ring.version;
    for (const [bad, field] of [
      [{ columns: new Float32Array(rows + 3) }, 'columns'],
      [{ columns: Float32Array.of(...wave(0, 1).slice(0, rows - 1), NaN) }, `columns[${rows - 1}]`],
      [{ time: [1], value: [2] }, 'columns'],
    ]) {
      const error = nextEvent(chart, 'gpu-data-error');
      chart.append(bad);
      const { detail } = await error;
      assertEqual(detail.column, field, 'the field is named');
      assertEqual(detail.code, 'invalid-grid', 'code');
    }
    assertEqual(grid.ring.version, version, 'nothing was written');
    await chart.nextFrame();
    assert(differing(before, await chart.snapshot(), 8) < 0.001, 'last good picture kept');
    // bars3d still refuses appends (a grid of bars is replaced, not streamed).
    const bars = await createChart({ attributes: { type: 'bars3d' }, data: { x: [0, 1], y: [0, 1], z: [[1, 2], [3, 4]] } });
    const refused = nextEvent(bars, 'gpu-data-error');
    bars.append({ columns: [1, 2] });
    assert(/bars3d/.test((await refused).detail.message), 'bars3d says it does not append');
  });

  it('rebuilds a streamed surface after device loss and draws the identical picture; appends go on', async () => {
    const chart = await streamingChart();
    chart.append({ columns: wave(window, 30) });
    await chart.nextFrame();
    const before = await chart.snapshot();
    const recovered = new Promise((resolve) => chart.addEventListener('gpu-recovery', (e) => e.detail.phase === 'recovered' && resolve()));
    manager.device.destroy();
    await recovered;
    await chart.nextFrame();
    const after = await chart.snapshot();
    assert(differing(before, after, 8) < 0.001, `identical after recovery (${(differing(before, after, 8) * 100).toFixed(3)} %)`);
    chart.append({ columns: wave(window + 30, 10) });
    await chart.nextFrame();
    assert(differing(after, await chart.snapshot(), 30) > 0.005, 'appends after recovery draw');
  });

  it('the Canvas2D 2.5D path streams the same surface (renderer="canvas2d") close to WebGPU', async () => {
    const gpuChart = await streamingChart();
    const cpuChart = await streamingChart({ renderer: 'canvas2d' });
    assertEqual(cpuChart.rendererKind, 'canvas2d', 'canvas renderer');
    const cpuBefore = await cpuChart.snapshot();
    for (const chart of [gpuChart, cpuChart]) {
      chart.append({ columns: wave(window, 37) });
      await chart.nextFrame();
    }
    const gpu = await gpuChart.snapshot();
    const cpu = await cpuChart.snapshot();
    assert(differing(cpuBefore, cpu, 30) > 0.01, 'the Canvas2D picture follows the appends');
    const diff = differing(gpu, cpu, 48);
    assert(diff < 0.05, `2.5D fallback within tolerance after appends: ${(diff * 100).toFixed(2)} %`);
  });
});
