// Scatter series and the markers primitive: every marker shape drawn by WebGPU and by Canvas2D
// (pixels compared), colours from a column through a colormap, hover picking the right row through
// the spatial index, pan/zoom without re-uploading the markers, and bad input reported.
import { DeviceManager } from '../../dist/index.js';
import { ChartModel } from '../../dist/core/index.js';
import { WebGpuRenderer } from '../../dist/render/webgpu/index.js';
import { assert, assertEqual, colorDistance, createChart, nextEvent, pixel, recordEvents, sleep } from './helpers.js';
import { canvasCapture, webGpuCapture as gpuCapture } from './compare-pixels.js';

const WIDTH = 260;
const HEIGHT = 170;
const PLOT = { x: 20.5, y: 10, width: 220, height: 150 };
const SHAPES = ['circle', 'square', 'triangle', 'cross', 'diamond'];
/** @type {import('../../dist/core/index.js').Rgba} */
const WHITE = [1, 1, 1, 1];
const pack = ([r, g, b], a = 255) => (r | (g << 8) | (b << 16) | (a << 24)) >>> 0;

/** A markers layer: (x, y) plot px with an identity transform, one size and colour each. */
function markersLayer(shape, points, dataKey) {
  const data = new Float32Array(points.length * 4);
  const bits = new Uint32Array(data.buffer);
  points.forEach(([x, y, size, color], i) => {
    data[i * 4] = x;
    data[i * 4 + 1] = y;
    data[i * 4 + 2] = size;
    bits[i * 4 + 3] = color;
  });
  return { kind: 'markers', id: shape, data, count: points.length, shape, transform: [1, 0, 1, 0], dataKey };
}

/** @returns {import('../../dist/core/index.js').FrameScene} */
function sceneOf(layers) {
  return { width: WIDTH, height: HEIGHT, background: WHITE, plot: PLOT, layers };
}

/** Rows of markers of growing size (4 to 22 px), at fractional positions, several colours. */
function shapePoints() {
  const colors = [pack([37, 99, 235]), pack([220, 38, 38]), pack([22, 163, 74]), pack([0, 0, 0]), pack([234, 88, 12], 160)];
  const points = [];
  let k = 0;
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 8; col++) {
      const size = 4 + ((row * 8 + col) % 10) * 2;
      points.push([14 + col * 27 + (k % 3) * 0.3, 16 + row * 36 + (k % 2) * 0.5, size, colors[k % colors.length]]);
      k++;
    }
  }
  return points;
}

let device = null;
async function gpuRenderer(width = WIDTH, height = HEIGHT) {
  const manager = DeviceManager.shared();
  device ??= await manager.acquire();
  return new WebGpuRenderer({ device, pipelines: manager.pipelines(device), allocations: manager.allocations.owner(), target: { kind: 'offscreen', format: 'rgba8unorm', width, height } });
}

function diffStats(a, b) {
  let off = 0;
  let strong = 0;
  let worst = 0;
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.max(Math.abs(a.data[i] - b.data[i]), Math.abs(a.data[i + 1] - b.data[i + 1]), Math.abs(a.data[i + 2] - b.data[i + 2]));
    worst = Math.max(worst, d);
    sum += d;
    if (d > 24) off++;
    if (d > 128) strong++;
  }
  return { off, strong, worst, mean: sum / (a.data.length / 4) };
}

/** Pixels not (near) white. */
function inked(snap) {
  let n = 0;
  for (let i = 0; i < snap.data.length; i += 4) if (snap.data[i] < 235 || snap.data[i + 1] < 235 || snap.data[i + 2] < 235) n++;
  return n;
}

const at = (x, y) => [Math.floor(PLOT.x + x), Math.floor(PLOT.y + y)];

describe('markers primitive', () => {
  it('draws every shape alike in WebGPU and Canvas2D', async () => {
    const areas = {};
    for (const shape of SHAPES) {
      const scene = sceneOf([markersLayer(shape, shapePoints(), 1)]);
      const gpu = await gpuCapture(scene);
      const cpu = await canvasCapture(scene);
      const stats = diffStats(gpu, cpu);
      const ink = inked(gpu);
      console.log(`${shape}: webgpu vs canvas2d ${JSON.stringify(stats)}, inked ${ink} / ${inked(cpu)}`);
      assert(ink > 300, `${shape}: markers drawn (${ink} px)`);
      // Canvas2D runs the shader's splat in JavaScript (same distances, coverage and max-key rule):
      // the pictures agree to a level or two of rounding, pixel for pixel.
      assertEqual(ink, inked(cpu), `${shape}: the same inked pixels`);
      assertEqual(stats.off, 0, `${shape}: no pixel differs beyond 24 levels`);
      assert(stats.worst <= 2, `${shape}: every pixel within 2 levels (worst ${stats.worst})`);
      areas[shape] = ink;
      // The centre of the largest marker (22 px, blue) is its colour in both.
      for (const [name, snap] of [['webgpu', gpu], ['canvas2d', cpu]]) {
        const centre = pixel(snap, ...at(14 + 1 * 27 + 0.3 + 0.0, 16 + 36 * 2 + 0.5));
        assert(colorDistance(centre, [220, 38, 38]) < 40 || colorDistance(centre, [37, 99, 235]) < 40 || colorDistance(centre, [22, 163, 74]) < 40 || colorDistance(centre, [0, 0, 0]) < 40, `${name} ${shape}: a marker's centre is its colour (${centre})`);
      }
    }
    // The shapes are different: areas 4r² (square) > πr² (circle) > 20r²/9 (cross) > 2r²
    // (diamond and triangle, alike).
    assert(areas.square > areas.circle && areas.circle > areas.cross && areas.cross > areas.diamond && areas.cross > areas.triangle, `areas in the expected order: ${JSON.stringify(areas)}`);
    assert(Math.abs(areas.triangle - areas.diamond) / areas.diamond < 0.1, `triangle and diamond cover about the same: ${JSON.stringify(areas)}`);
  });

  it('draws the same pixels when the markers are split into chunks (small storage bindings)', async () => {
    const scene = sceneOf([markersLayer('circle', shapePoints(), 3)]);
    const whole = await gpuCapture(scene);
    const manager = DeviceManager.shared();
    device ??= await manager.acquire();
    // 7 markers per storage binding: the 32 markers go in 5 chunks, each dispatched on its own.
    const renderer = new WebGpuRenderer({ device, limits: { maxStorageBufferBindingSize: 16 * 7 }, pipelines: manager.pipelines(device), allocations: manager.allocations.owner(), target: { kind: 'offscreen', format: 'rgba8unorm', width: WIDTH, height: HEIGHT } });
    try {
      const chunked = await renderer.capture(scene);
      let differing = 0;
      for (let i = 0; i < whole.data.length; i++) if (whole.data[i] !== chunked.data[i]) differing++;
      assertEqual(differing, 0, 'chunked and whole pictures are identical');
      assert(inked(chunked) > 300, 'markers drawn');
    } finally {
      renderer.dispose();
    }
  });

  it('puts a square\'s corner where a circle leaves it empty', async () => {
    const one = (shape) => sceneOf([markersLayer(shape, [[100, 70, 20, pack([0, 0, 0])]], 2)]);
    for (const capture of [gpuCapture, canvasCapture]) {
      const square = await capture(one('square'));
      const circle = await capture(one('circle'));
      const corner = at(100 - 8, 70 - 8);
      assert(pixel(square, ...corner)[0] < 40, `square corner inked (${pixel(square, ...corner)})`);
      assert(pixel(circle, ...corner)[0] > 200, `circle corner empty (${pixel(circle, ...corner)})`);
    }
  });
});

/** Scatter data: a row key, x in no order, y, a size and a colour column. */
function scatterData(n, seed = 1) {
  let s = seed;
  const random = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const time = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    time[i] = i;
    x[i] = random() * 100 - 50;
    y[i] = random() * 10;
    c[i] = i;
  }
  return { time, x, y, c };
}

function scatterModel(data, options = {}) {
  const model = new ChartModel();
  model.setSize({ width: 320, height: 220, pixelRatio: 1 });
  model.setOptions({ grid: false });
  model.setData({ time: data.time, columns: { x: data.x, y: data.y, c: data.c } });
  model.setSeriesOptions([{ column: 'y', type: 'scatter', ...options }]);
  return model;
}

describe('scatter series', () => {
  it('colours points by a column through the colormap (min → first colour, max → last)', async () => {
    const data = scatterData(400, 3);
    const model = scatterModel(data, { colorBy: 'c', colormap: 'viridis', markerSize: 8 });
    const scene = model.frame().scene;
    const layer = scene.layers.find((l) => l.kind === 'markers');
    assert(layer, 'a markers layer');
    assertEqual(layer.count, 400, 'every point');
    const bits = new Uint32Array(layer.data.buffer);
    const rgb = (u) => [u & 255, (u >>> 8) & 255, (u >>> 16) & 255];
    // viridis runs from dark purple (68, 1, 84) to yellow (253, 231, 37).
    assert(colorDistance(rgb(bits[3]), [68, 1, 84]) < 12, `row 0 (c min) is viridis(0): ${rgb(bits[3])}`);
    assert(colorDistance(rgb(bits[399 * 4 + 3]), [253, 231, 37]) < 12, `last row (c max) is viridis(1): ${rgb(bits[399 * 4 + 3])}`);
    // And on screen, at the last point's position (drawn last: on top), in both renderers.
    const xScale = (v) => model.xOf(v);
    const main = model.panes()[0].rect;
    const [lo, hi] = model.yRange();
    const px = Math.round(xScale(data.x[399]));
    const py = Math.round(main.y + ((hi - data.y[399]) / (hi - lo)) * main.height);
    for (const [name, snap] of [['webgpu', await gpuCapture(scene)], ['canvas2d', await canvasCapture(scene)]]) {
      assert(colorDistance(pixel(snap, px, py), [253, 231, 37]) < 40, `${name}: the last point is yellow on screen (${pixel(snap, px, py)} at ${px},${py})`);
    }
  });

  it('pans and zooms without uploading the markers again', async () => {
    const data = scatterData(50_000, 5);
    const model = scatterModel(data, { colorBy: 'c' });
    const renderer = await gpuRenderer(320, 220);
    try {
      renderer.render(model.frame().scene);
      assert(renderer.lastUploadBytes >= 50_000 * 16, `first frame uploads the markers (${renderer.lastUploadBytes} bytes)`);
      model.viewport.setX(-20, 10);
      renderer.render(model.frame().scene);
      assertEqual(renderer.lastUploadBytes, 0, 'a zoom uploads no layer data');
      assert(renderer.lastSkippedUploads >= 1, 'the markers chunk was skipped');
      model.viewport.panX(0.1);
      renderer.render(model.frame().scene);
      assertEqual(renderer.lastUploadBytes, 0, 'a pan uploads no layer data');
      const moved = { ...data, x: data.x.map((v) => v + 1) };
      model.setData({ time: moved.time, columns: { x: moved.x, y: moved.y, c: moved.c } }, true);
      renderer.render(model.frame().scene);
      assert(renderer.lastUploadBytes >= 50_000 * 16, `new data is uploaded (${renderer.lastUploadBytes} bytes)`);
    } finally {
      renderer.dispose();
    }
  });

  it('skips non-finite points and takes x bounds from the x column', () => {
    const data = scatterData(100, 7);
    data.x[5] = NaN;
    data.y[9] = NaN;
    const model = scatterModel(data);
    const layer = model.frame().scene.layers.find((l) => l.kind === 'markers');
    assertEqual(layer.count, 98, 'two points skipped');
    const [start, end] = model.viewport.dataBounds;
    const finite = Array.from(data.x).filter(Number.isFinite);
    assertEqual(start, Math.min(...finite), 'x bounds start at the smallest x');
    assertEqual(end, Math.max(...finite), 'x bounds end at the largest x');
  });
});

const container = (chart) => chart.shadowRoot.querySelector('.container');
function pointer(chart, type, x, y) {
  const rect = container(chart).getBoundingClientRect();
  container(chart).dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, clientX: rect.left + x, clientY: rect.top + y, pointerId: 1, button: 0, buttons: 0, isPrimary: true }));
}

describe('<gpu-chart> scatter', () => {
  it('hover picks the row of the point under the pointer', async () => {
    const data = scatterData(20_000, 11);
    const chart = await createChart({ width: 500, height: 300, data: { time: data.time, x: data.x, y: data.y, c: data.c } });
    chart.series = [{ column: 'y', type: 'scatter', colorBy: 'c', markerSize: 6 }];
    await chart.nextFrame();
    const model = chart.model;
    const main = model.panes()[0].rect;
    const [lo, hi] = model.yRange();
    const ratio = model.chartSize.pixelRatio;
    for (const row of [17, 4321, 19_999]) {
      const x = model.xOf(data.x[row]);
      const y = (main.y + ((hi - data.y[row]) / (hi - lo)) * main.height) / ratio;
      // The exact brute-force nearest row to that spot (the point itself, unless another sits on it).
      let best = -1;
      let bestD = Infinity;
      for (let i = 0; i < data.x.length; i++) {
        const dx = model.xOf(data.x[i]) - x;
        const dy = (main.y + ((hi - data.y[i]) / (hi - lo)) * main.height) / ratio - y;
        const d = dx * dx + dy * dy;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      const crosshair = nextEvent(chart, 'gpu-crosshair');
      pointer(chart, 'pointermove', x + 0.4, y - 0.3);
      const event = await crosshair;
      const values = event.detail.values;
      assert(values.length >= 2, `tooltip rows: ${JSON.stringify(values)}`);
      assertEqual(values[0].index, best, `row picked near row ${row}`);
      assertEqual(values[0].value, data.y[best], 'y of that row');
      assert(values.some((v) => v.value === data.x[best]), 'x of that row in the tooltip');
      assert(values.some((v) => v.value === data.c[best]), 'colour column of that row in the tooltip');
    }
    chart.remove();
  });

  it('reports an unknown marker and colormap at their paths, and bad data', async () => {
    const data = scatterData(50, 2);
    const chart = await createChart({ data: { time: data.time, x: data.x, y: data.y, c: data.c } });
    chart.series = [{ column: 'y', type: 'scatter', marker: 'circle' }];
    await chart.nextFrame();
    const good = chart.model.series.map((s) => s.marker);
    const recorder = recordEvents(chart, ['gpu-config-error', 'gpu-data-error']);
    chart.series = [{ column: 'y', type: 'scatter', marker: /** @type {any} */ ('star'), colormap: /** @type {any} */ ('rainbow') }];
    await chart.nextFrame();
    await sleep(20);
    const paths = recorder.events.filter((e) => e.type === 'gpu-config-error').flatMap((e) => e.detail.issues.map((i) => i.path));
    assert(paths.includes('series[0].marker'), `marker error at its path: ${paths}`);
    assert(paths.includes('series[0].colormap'), `colormap error at its path: ${paths}`);
    assertEqual(JSON.stringify(chart.model.series.map((s) => s.marker)), JSON.stringify(good), 'the last good series stay');
    chart.data = { time: data.time, x: data.x.subarray(0, 10), y: data.y };
    await sleep(20);
    const lengths = recorder.events.find((e) => e.type === 'gpu-data-error' && e.detail.code === 'length-mismatch');
    assert(lengths && lengths.detail.column === 'x', 'mismatched column lengths: gpu-data-error naming the column');
    assertEqual(chart.model.data.length, 50, 'the last good data stays');
    const x = data.x.slice();
    x[3] = NaN;
    x[4] = Infinity;
    chart.data = { time: data.time, x, y: data.y, c: data.c };
    await chart.nextFrame();
    const warning = recorder.events.find((e) => e.type === 'gpu-data-error' && e.detail.code === 'non-finite');
    assert(warning && warning.detail.count === 2 && warning.detail.column === 'x', `non-finite x counted: ${JSON.stringify(warning?.detail)}`);
    recorder.stop();
    chart.remove();
  });
});
