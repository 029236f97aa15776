// GPU level of detail (quality.gpuLod, shaders/m4.wgsl): the polyline the GPU's compute passes
// write equals its CPU twin (residentLinePoints) and the CPU path's M4 points, the picture equals
// Canvas2D's drawing of the CPU path, panning uploads no values, appending uploads only new rows;
// the element turns it on only where it should.
import { ChartModel, residentLinePoints, isGapY } from '../../dist/core/index.js';
import { assert, assertEqual, createChart } from './helpers.js';
import { canvasCapture, comparePixels, offscreenWebGpu } from './compare-pixels.js';

const WIDTH = 420;
const HEIGHT = 200;

/** A seeded random walk of integers (exact in f32 after subtracting the first value). */
function walk(n, seed, gaps = false) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const time = new Float64Array(n);
  const value = new Float64Array(n);
  let v = 500;
  for (let i = 0; i < n; i++) {
    time[i] = 1_700_000_000_000 + i * 1000;
    v += Math.round((rand() - 0.5) * 16);
    value[i] = gaps && rand() < 0.001 ? NaN : v;
  }
  return { time, value };
}

function model(data, gpuLod) {
  const m = new ChartModel();
  m.setOptions({ gpuLod });
  m.setData({ time: data.time, columns: { value: data.value } });
  m.setSize({ width: WIDTH, height: HEIGHT, pixelRatio: 1 });
  return m;
}

const lineOf = (frame) => frame.scene.layers.find((l) => l.kind === 'line' || l.kind === 'resident-line');

/** The points read back from the GPU: (x, y) f32 pairs, the count in the buffer's last slot. */
function gpuPoints(words) {
  const floats = new Float32Array(words.buffer);
  const count = floats[floats.length - 2];
  return { points: floats, count };
}

function assertSame(expected, actual, what) {
  assertEqual(actual.count, expected.count, `${what}: point count`);
  let worst = 0;
  for (let i = 0; i < expected.count * 2; i++) {
    const a = expected.points[i];
    const b = actual.points[i];
    if (i % 2 === 1 && isGapY(a)) {
      assert(isGapY(b), `${what}: point ${i >> 1} is a gap on the CPU only`);
      continue;
    }
    worst = Math.max(worst, Math.abs(a - b));
  }
  assert(worst < 2e-3, `${what}: points differ by up to ${worst} px`);
}

describe('GPU level of detail', () => {
  it('computes on the GPU the points its CPU twin computes, draws like Canvas2D, pans without uploading', async () => {
    const data = walk(300_000, 17, true);
    const gpuModel = model(data, { minRows: 0, maxRows: 1e9 });
    const cpuModel = model(data, null);
    const { renderer, issues } = await offscreenWebGpu(WIDTH, HEIGHT);
    try {
      const health = await renderer.ready;
      assertEqual(health.failed.length, 0, `pipelines compile (${JSON.stringify(health.failed)})`);
      const views = [null, [data.time[20_000], data.time[120_000]], [data.time[0] - 4e7, data.time[60_000]], [data.time[250_000], data.time[299_999] + 3e7]];
      for (const view of views) {
        if (view) for (const m of [gpuModel, cpuModel]) m.viewport.setX(view[0], view[1]);
        const frame = gpuModel.frame();
        const layer = lineOf(frame);
        assertEqual(layer.kind, 'resident-line', 'the model asks for the GPU path');
        const gpu = await renderer.capture(frame.scene);
        const read = await renderer.readLayer(layer.id);
        assert(read !== null, 'the points read back');
        const what = `window ${view ?? 'all'}`;
        assertSame(residentLinePoints(layer), gpuPoints(read), `${what}, GPU vs its CPU twin`);

        // The picture equals Canvas2D's drawing of the CPU path's M4 line.
        const cpuFrame = cpuModel.frame();
        assertEqual(lineOf(cpuFrame).kind, 'line');
        const cpu = await canvasCapture(cpuFrame.scene);
        const stats = comparePixels(gpu, cpu, { flat: 40 });
        assert(stats.flatOff <= 40, `${what}: pixels off in flat areas (${JSON.stringify(stats)})`);
      }
      assertEqual(renderer.residentColumnRows, 300_000, 'the values were uploaded once, panning uploaded none');

      // Appending uploads only the new rows (and the last old one, which an append may rewrite).
      const t = data.time[data.time.length - 1];
      gpuModel.append({ time: Float64Array.of(t + 1000, t + 2000, t + 3000), columns: { value: Float64Array.of(1, 2, 3) } });
      gpuModel.viewport.setX(data.time[0], t + 3000);
      const appended = gpuModel.frame();
      renderer.render(appended.scene);
      assertEqual(renderer.residentColumnRows, 300_004, 'an append uploads the new rows only');
      const read = await renderer.readLayer(lineOf(appended).id);
      assertSame(residentLinePoints(lineOf(appended)), gpuPoints(read), 'after an append');
      assertEqual(issues.length, 0, `no renderer issue (${JSON.stringify(issues)})`);
    } finally {
      renderer.dispose();
    }
  });

  it('<gpu-chart>: "auto" keeps lines on the CPU on a software adapter, "on" moves them to the GPU, "off" back', async () => {
    const data = walk(50_000, 5);
    // Pinned: on a software adapter renderer="auto" may pick Canvas2D, which never reduces on the GPU.
    const chart = await createChart({ width: WIDTH, height: HEIGHT, attributes: { renderer: 'webgpu' }, data: { time: data.time, value: data.value } });
    try {
      const m = /** @type {any} */ (chart).chartModel;
      assertEqual(m.options.gpuLod, null, 'SwiftShader is a software adapter: auto stays on the CPU');
      chart.updateConfig({ quality: { gpuLod: 'on' } });
      await chart.nextFrame();
      assert(m.options.gpuLod && m.options.gpuLod.minRows === 0, `on: the model may use the GPU (${JSON.stringify(m.options.gpuLod)})`);
      const kinds = /** @type {any} */ (chart).frames.renderer.lastScene.layers.map((l) => l.kind);
      assert(kinds.includes('resident-line'), `the line is reduced on the GPU (${kinds})`);
      chart.updateConfig({ quality: { gpuLod: 'off' } });
      await chart.nextFrame();
      assertEqual(m.options.gpuLod, null, 'off');
    } finally {
      chart.remove();
    }
  });
});
