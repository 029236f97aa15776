// 3D charts in a real browser with real WebGPU (SwiftShader): known scenes (a tilted plane, a
// pyramid, overlapping points, bars) from fixed cameras drawn by WebGPU (depth buffer, 4× MSAA)
// and by the Canvas2D 2.5D fallback, pixels checked against the colormap and lighting and
// compared between the renderers; then <gpu-chart type="surface|points3d|bars3d">: the camera API
// and events, orbit by pointer and keyboard, hover picking (x, y, z), bad input, device loss.
import { ChartModel, DeviceManager, GpuChart, loadSeriesType } from '../../dist/index.js';
import { parseGrid3d, parsePoints3d, resolveColormap, shade, transformPoint } from '../../dist/core/index.js';
import { assert, assertEqual, createChart, nextEvent, pixel, recordEvents } from './helpers.js';
import { canvasCapture, comparePixels, webGpuCapture } from './compare-pixels.js';

// The 3D code is a lazy chunk: the scenes below are built on a bare ChartModel, so it is loaded first.
await loadSeriesType('surface');

const W = 240;
const H = 180;
const CAMERA = { projection: 'perspective', azimuth: -50, elevation: 30, distance: 5.8, target: [0, 0, 0], fov: 32 };

/** A grid from z = f(x, y) over [-1, 1]², n × n vertices. */
function gridOf(n, f) {
  const xs = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  return { x: xs, y: xs, z: xs.map((y) => xs.map((x) => f(x, y))) };
}

/** The scene of a 3D chart model (no DOM) with this data and camera. */
function sceneOf(type, data, camera = CAMERA, series = null) {
  const model = new ChartModel();
  model.setOptions({ defaultType: type });
  model.setSize({ width: W, height: H, pixelRatio: 1 });
  if (type === 'points3d') model.three.setPoints(parsePoints3d(data));
  else model.three.setGrid(parseGrid3d(data));
  model.setSeriesOptions(series);
  model.three.camera = /** @type {any} */ ({ ...camera, target: [...camera.target] });
  const frame = model.frame();
  return { model, frame, scene: frame.scene };
}

/** Pane px (canvas px) of a world point through a layer's camera. */
function projectLayer(scene, layer, p) {
  const clip = [0, 0, 0, 0];
  transformPoint(layer.camera.viewProj, p[0], p[1], p[2], clip);
  const pane = layer.pane ?? scene.plot;
  return [pane.x + ((clip[0] / clip[3] + 1) / 2) * pane.width, pane.y + ((1 - clip[1] / clip[3]) / 2) * pane.height];
}

const lut = (name, t) => Array.from(resolveColormap(name).lut.subarray(Math.round(t * 255) * 4, Math.round(t * 255) * 4 + 3));
const near = (actual, expected, tolerance, what) => assert(expected.every((v, i) => Math.abs(actual[i] - v) <= tolerance), `${what}: expected ${expected}, got ${actual.slice(0, 3)}`);

/** Some pixel of the 3×3 around (x, y) has the expected colour. */
function nearAny(snap, x, y, expected, tolerance, what) {
  const seen = [];
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const p = pixel(snap, x + dx, y + dy);
      if (expected.every((v, i) => Math.abs(p[i] - v) <= tolerance)) return;
      seen.push(p.slice(0, 3).join(' '));
    }
  }
  assert(false, `${what}: expected ${expected.map(Math.round)}, around it: ${seen.join(' | ')}`);
}

/** Share of pixels whose colours differ by more than `tolerance` in some channel. */
function differing(a, b, tolerance) {
  let over = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.max(Math.abs(a.data[i] - b.data[i]), Math.abs(a.data[i + 1] - b.data[i + 1]), Math.abs(a.data[i + 2] - b.data[i + 2])) > tolerance) over++;
  }
  return over / (a.width * a.height);
}

describe('3D charts: known scenes in both renderers', () => {
  it('a tilted plane z = x: the centre is the colormap middle, lit by the shared rule; both renderers agree', async () => {
    const { scene, model } = sceneOf('surface', gridOf(11, (x) => x));
    const surface = scene.layers.find((l) => l.kind === 'surface3d');
    assert(surface, 'a surface layer');
    const [cx, cy] = projectLayer(scene, surface, [0, 0, 0]);
    const light = model.three.lastFrame.matrices.light;
    // World normal of z = x: the tangents (1, 0, zScale) and (0, 1, 0).
    const factor = shade(-surface.zScale * (2 / 2), 0, 1, light);
    const expected = lut('viridis', 0.5).map((v) => v * factor);
    const gpu = await webGpuCapture(scene);
    const cpu = await canvasCapture(scene);
    // The colour changes by ~4 LUT entries per pixel here: the pixel whose centre is nearest the
    // projected point is one of the 2×2 around it.
    nearAny(gpu, cx, cy, expected, 6, 'WebGPU centre');
    // Canvas2D: a flat quad coloured by its mean height (t 0.45 or 0.55 next to the centre).
    near(pixel(cpu, cx, cy), expected, 22, 'Canvas2D centre');
    // The pane corner shows the background; the grid planes are drawn (neither all white nor all surface).
    near(pixel(gpu, 1, 1), [255, 255, 255], 0, 'background');
    const diff = differing(gpu, cpu, 40);
    assert(diff < 0.04, `renderers agree within tolerance: ${(diff * 100).toFixed(2)} % of pixels differ by > 40`);
  });

  it('a pyramid from a fixed camera: apex at the top colour, faces lit differently, both renderers agree', async () => {
    const { scene } = sceneOf('surface', gridOf(21, (x, y) => 1 - Math.max(Math.abs(x), Math.abs(y))), { ...CAMERA, azimuth: -30, elevation: 35 });
    const surface = scene.layers.find((l) => l.kind === 'surface3d');
    const apex = projectLayer(scene, surface, [0, 0, 1 * surface.zScale + surface.zOffset]);
    const gpu = await webGpuCapture(scene);
    const cpu = await canvasCapture(scene);
    // Just below the apex on screen: the top of the colormap (viridis yellow), darkened by light only.
    const top = pixel(gpu, apex[0], apex[1] + 3);
    assert(top[1] > 150 && top[2] < 120, `apex is yellow-ish: ${top}`);
    // Two faces of the pyramid (towards -x and towards -y) at mid height, lit differently.
    const faceA = pixel(gpu, ...projectLayer(scene, surface, [-0.5, 0, 0.5 * surface.zScale + surface.zOffset]));
    const faceB = pixel(gpu, ...projectLayer(scene, surface, [0, -0.5, 0.5 * surface.zScale + surface.zOffset]));
    assert(Math.abs(faceA[0] + faceA[1] + faceA[2] - faceB[0] - faceB[1] - faceB[2]) > 6, `faces lit differently: ${faceA} vs ${faceB}`);
    const stats = comparePixels(gpu, cpu, { flat: 40 });
    const diff = differing(gpu, cpu, 48);
    assert(diff < 0.05, `renderers agree within the 2.5D tolerance: ${(diff * 100).toFixed(2)} % differ by > 48 (worst ${stats.worst})`);
  });

  it('the depth buffer: of two points on one line of sight the nearer shows, whatever their order', async () => {
    // Camera on +x looking at the origin: (0.5, 0, 0) is in front of (-0.5, 0, 0).
    const camera = { ...CAMERA, azimuth: 0, elevation: 0 };
    for (const order of [[0, 1], [1, 0]]) {
      const xs = [-1, 1];
      const colors = [0, 1];
      const { scene } = sceneOf('points3d', { x: order.map((i) => xs[i]), y: [0, 0], z: [0, 0], c: order.map((i) => colors[i]) }, camera, [{ column: 'z', id: 'p', type: 'points3d', colorBy: 'c', colormap: 'viridis', markerSize: 16 }]);
      const layer = scene.layers.find((l) => l.kind === 'points3d');
      const [x, y] = projectLayer(scene, layer, [0, 0, 0]);
      const gpu = await webGpuCapture(scene);
      // x = 1 is nearer (the eye is at +x) and has c = 1: the top of the colormap.
      near(pixel(gpu, x, y), lut('viridis', 1), 8, `front point shows (order ${order})`);
      const cpu = await canvasCapture(scene);
      near(pixel(cpu, x, y), lut('viridis', 1), 8, `Canvas2D painter's order too (order ${order})`);
    }
  });

  it('bars: one box per cell, its top coloured by height and lit from the camera; both renderers agree', async () => {
    const data = { x: [0, 1], y: [0, 1], z: [[1, 2], [3, 4]] };
    const { scene } = sceneOf('bars3d', data, { ...CAMERA, elevation: 60 });
    const bars = scene.layers.find((l) => l.kind === 'bars3d');
    assertEqual(bars.count, 4, 'bars');
    const gpu = await webGpuCapture(scene);
    const cpu = await canvasCapture(scene);
    // The top face centre of the tallest bar.
    const top = projectLayer(scene, bars, [bars.data[12], bars.data[13], bars.data[15]]);
    const light = bars.camera.light;
    near(pixel(gpu, top[0], top[1] + 2), lut('viridis', 1).map((v) => v * shade(0, 0, 1, light)), 10, 'tallest bar top');
    const diff = differing(gpu, cpu, 40);
    assert(diff < 0.04, `renderers agree: ${(diff * 100).toFixed(2)} %`);
  });

  it('rotation changes only the camera: a surface is uploaded once, a rotated frame writes no storage', async () => {
    const { scene, model } = sceneOf('surface', gridOf(64, (x, y) => Math.sin(3 * x) * Math.cos(3 * y)));
    const { WebGpuRenderer } = await import('../../dist/render/webgpu/index.js');
    const manager = DeviceManager.shared();
    const device = await manager.acquire();
    const renderer = new WebGpuRenderer({ device, pipelines: manager.pipelines(device), allocations: manager.allocations.owner(), target: { kind: 'offscreen', format: 'rgba8unorm', width: W, height: H }, sampleCount: 4 });
    try {
      await renderer.ready;
      const first = await renderer.capture(scene);
      const before = renderer.memoryBytes;
      model.three.camera = { ...model.three.camera, azimuth: model.three.camera.azimuth + 90 };
      const rotated = model.frame().scene;
      const second = await renderer.capture(rotated);
      assertEqual(renderer.memoryBytes, before, 'no new GPU memory for a rotation');
      assert(differing(first, second, 30) > 0.02, 'the picture turned');
    } finally {
      renderer.dispose();
    }
  });
});

describe('<gpu-chart> in 3D', () => {
  const manager = DeviceManager.shared();
  const defaults = GpuChart.recovery;
  beforeEach(() => {
    GpuChart.recovery = { ...defaults, retry: { ...defaults.retry, baseMs: 10, maxMs: 40 } };
  });
  afterEach(() => {
    document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove());
    GpuChart.recovery = defaults;
  });

  const surfaceData = () => gridOf(33, (x, y) => Math.exp(-3 * (x * x + y * y)));

  it('draws a surface with its box labels and colour bar; getCamera / setCamera / gpu-camera-change', async () => {
    const chart = await createChart({ attributes: { type: 'surface' }, data: surfaceData() });
    const root = chart.shadowRoot;
    const labels = [...root.querySelectorAll('.axes3d-label')];
    assert(labels.length >= 8, `box labels: ${labels.length}`);
    assert(['x', 'y', 'z'].every((axis) => labels.some((l) => /** @type {HTMLElement} */ (l).dataset.axis === axis)), 'labels on every axis');
    assert(root.querySelector('.color-bar'), 'a colour bar');
    assertEqual(root.querySelectorAll('.x-axis .tick').length, 0, 'no time axis');
    const camera = chart.getCamera();
    assertEqual(camera.projection, 'perspective', 'default projection');
    const before = await chart.snapshot();
    const event = nextEvent(chart, 'gpu-camera-change');
    chart.setCamera({ azimuth: 120, projection: 'orthographic' });
    const { detail } = await event;
    assertEqual(detail.source, 'api', 'source');
    assertEqual(detail.camera.azimuth, 120, 'azimuth in the event');
    assertEqual(chart.getCamera().projection, 'orthographic', 'projection set');
    await chart.nextFrame();
    const after = await chart.snapshot();
    assert(differing(before, after, 30) > 0.02, 'the picture follows the camera');
  });

  it('refuses a camera outside sane bounds (API and config) with gpu-config-error; the view stays', async () => {
    const chart = await createChart({ attributes: { type: 'surface' }, data: surfaceData() });
    const camera = chart.getCamera();
    const before = await chart.snapshot();
    const error = nextEvent(chart, 'gpu-config-error');
    chart.setCamera({ elevation: 120, distance: -1 });
    const { detail } = await error;
    const paths = detail.issues.map((i) => i.path).sort();
    assertEqual(paths.join(','), 'camera.distance,camera.elevation', 'paths');
    assert(/outside/.test(detail.issues[0].message), detail.issues[0].message);
    assertEqual(JSON.stringify(chart.getCamera()), JSON.stringify(camera), 'camera unchanged');
    const configError = nextEvent(chart, 'gpu-config-error');
    chart.config = { quality: { tier: 'high' }, camera: { fov: 500 } };
    const config = await configError;
    assert(config.detail.issues.some((i) => i.path === 'camera.fov'), `config path: ${JSON.stringify(config.detail.issues)}`);
    await chart.nextFrame();
    assert(differing(before, await chart.snapshot(), 8) < 0.001, 'last good picture kept');
  });

  it('bad data: a ragged grid and a non-finite height are gpu-data-errors naming the place; the last picture stays', async () => {
    const chart = await createChart({ attributes: { type: 'surface' }, data: surfaceData() });
    const before = await chart.snapshot();
    const ragged = nextEvent(chart, 'gpu-data-error');
    chart.data = { x: [0, 1, 2], y: [0, 1], z: [[0, 1, 2], [0, 1]] };
    assertEqual((await ragged).detail.column, 'z[1]', 'ragged row named');
    const nan = nextEvent(chart, 'gpu-data-error');
    chart.data = { x: [0, 1], y: [0, 1], z: [[0, 1], [NaN, 1]] };
    const { detail } = await nan;
    assertEqual(detail.column, 'z[1][0]', 'cell named');
    assert(/finite/.test(detail.message), detail.message);
    await chart.nextFrame();
    assert(differing(before, await chart.snapshot(), 8) < 0.001, 'last good picture kept');
  });

  it('drag rotates, wheel zooms, shift-drag pans, keys rotate and zoom, double-click resets', async () => {
    const chart = await createChart({ attributes: { type: 'surface' }, data: surfaceData() });
    const target = chart.shadowRoot.querySelector('.container');
    const rect = target.getBoundingClientRect();
    const at = (dx, dy) => ({ clientX: rect.left + 200 + dx, clientY: rect.top + 120 + dy, pointerId: 1, bubbles: true, composed: true });
    const home = chart.getCamera();
    target.dispatchEvent(new PointerEvent('pointerdown', at(0, 0)));
    target.dispatchEvent(new PointerEvent('pointermove', at(50, 20)));
    target.dispatchEvent(new PointerEvent('pointerup', at(50, 20)));
    const rotated = chart.getCamera();
    assert(Math.abs(rotated.azimuth - home.azimuth) > 10 && rotated.elevation > home.elevation, `rotated: ${JSON.stringify(rotated)}`);
    assertEqual(chart.getViewport().start, chart.getViewport().start, 'the 2D viewport is not involved');
    target.dispatchEvent(new WheelEvent('wheel', { ...at(0, 0), deltaY: -200, cancelable: true }));
    assert(chart.getCamera().distance < rotated.distance, 'wheel zooms in');
    target.dispatchEvent(new PointerEvent('pointerdown', { ...at(0, 0), shiftKey: true }));
    target.dispatchEvent(new PointerEvent('pointermove', { ...at(40, 0), shiftKey: true }));
    target.dispatchEvent(new PointerEvent('pointerup', at(40, 0)));
    assert(chart.getCamera().target.some((t) => Math.abs(t) > 0.01), `shift-drag pans: ${chart.getCamera().target}`);
    const beforeKey = chart.getCamera();
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    target.dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
    assert(chart.getCamera().azimuth !== beforeKey.azimuth && chart.getCamera().distance < beforeKey.distance, 'keys rotate and zoom');
    target.dispatchEvent(new MouseEvent('dblclick', { ...at(0, 0) }));
    assertEqual(JSON.stringify(chart.getCamera()), JSON.stringify(home), 'double-click resets');
  });

  it('hover picks the nearest point; the tooltip shows x, y and z', async () => {
    const chart = await createChart({ attributes: { type: 'points3d' }, data: { x: [0, 1], y: [0, 1], z: [0, 1] } });
    chart.setCamera({ azimuth: 0, elevation: 0 });
    await chart.nextFrame();
    const model = chart.model;
    const layer = model.frame().scene.layers.find((l) => l.kind === 'points3d');
    const ratio = model.chartSize.pixelRatio;
    const [px, py] = projectLayer(model.frame().scene, layer, [layer.data[4], layer.data[5], layer.data[6]]);
    const target = chart.shadowRoot.querySelector('.container');
    const rect = target.getBoundingClientRect();
    const crosshair = nextEvent(chart, 'gpu-crosshair');
    target.dispatchEvent(new PointerEvent('pointermove', { clientX: rect.left + px / ratio + 2, clientY: rect.top + py / ratio, pointerId: 1, bubbles: true, composed: true }));
    await crosshair;
    const tooltip = /** @type {HTMLElement} */ (chart.shadowRoot.querySelector('.tooltip'));
    assert(tooltip.style.display !== 'none', 'tooltip shown');
    const text = tooltip.textContent.replace(/\s+/g, ' ');
    assert(/x: 1(?![\d.])/.test(text) && /y: 1(?![\d.])/.test(text) && /z: 1(?![\d.])/.test(text), `tooltip text: ${text}`);
    assertEqual(/** @type {HTMLElement} */ (chart.shadowRoot.querySelector('.crosshair-v')).style.display, 'none', 'no crosshair lines in 3D');
  });

  it('rebuilds the 3D scene after device loss and draws the identical picture', async () => {
    const chart = await createChart({ attributes: { type: 'surface' }, data: surfaceData() });
    const before = await chart.snapshot();
    const recovered = new Promise((resolve) => chart.addEventListener('gpu-recovery', (e) => e.detail.phase === 'recovered' && resolve()));
    manager.device.destroy();
    await recovered;
    await chart.nextFrame();
    const after = await chart.snapshot();
    assert(differing(before, after, 8) < 0.001, `identical after recovery (${(differing(before, after, 8) * 100).toFixed(3)} %)`);
  });

  it('the Canvas2D fallback draws the 3D chart close to WebGPU (renderer="canvas2d")', async () => {
    const gpuChart = await createChart({ attributes: { type: 'surface' }, data: surfaceData() });
    const gpu = await gpuChart.snapshot();
    const cpuChart = await createChart({ attributes: { type: 'surface', renderer: 'canvas2d' }, data: surfaceData() });
    assertEqual(cpuChart.rendererKind, 'canvas2d', 'canvas renderer');
    const cpu = await cpuChart.snapshot();
    const diff = differing(gpu, cpu, 48);
    assert(diff < 0.05, `2.5D fallback within tolerance: ${(diff * 100).toFixed(2)} %`);
  });
});
