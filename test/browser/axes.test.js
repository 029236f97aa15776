// Scientific axes: a numeric (linear / log) x axis and two value axes, drawn by WebGPU and by
// Canvas2D; labels are numbers, the right axis has its own labels at the right places, titles
// with units, and both renderers give comparable pixels.
import { assert, assertEqual, colorDistance, nextEvent, pixel, rowsWithColor, WHITE } from './helpers.js';

const RED = [220, 38, 38];
const BLUE = [37, 99, 235];
const N = 201;

/** x 0..1000; temperature 10..30 °C on the default (left) axis, pressure 990..1030 hPa on the right. */
function data() {
  const x = Float64Array.from({ length: N }, (_, i) => i * 5);
  return {
    x,
    temp: x.map((v) => 10 + (20 * v) / 1000),
    pressure: x.map((v) => 1030 - (40 * v) / 1000),
  };
}

/** @type {any} */
const CONFIG = {
  quality: { tier: 'high' },
  axes: {
    x: { title: 'Distance', unit: 'm' },
    y: { position: 'left', title: 'Temperature', unit: '°C' },
    yAxes: [{ id: 'p', side: 'right', title: 'Pressure', unit: 'hPa' }],
  },
  series: {
    items: [
      { id: 'temp', color: '#dc2626', lineWidth: 2 },
      { id: 'pressure', yAxis: 'p', color: '#2563eb', lineWidth: 2 },
    ],
  },
};

/**
 * @param {string} renderer
 * @param {{ xAxis?: string, config?: any, width?: number, height?: number, value?: Record<string, Float64Array> }} [options]
 * @returns {Promise<import('../../dist/index.js').GpuChart>}
 */
async function axesChart(renderer, { xAxis = 'linear', config = CONFIG, width = 520, height = 300, value = data() } = {}) {
  const chart = /** @type {import('../../dist/index.js').GpuChart} */ (document.createElement('gpu-chart'));
  chart.style.width = `${width}px`;
  chart.style.height = `${height}px`;
  chart.setAttribute('x-axis', xAxis);
  chart.setAttribute('renderer', renderer);
  chart.config = config;
  const ready = nextEvent(chart, 'gpu-ready');
  document.body.append(chart);
  await ready;
  chart.data = value;
  await chart.nextFrame();
  await chart.nextFrame();
  return chart;
}

const texts = (root, selector) => [...root.querySelectorAll(selector)].map((e) => e.textContent.trim());

/** Share of pixels whose RGB differs by more than 6 (sum of channels). */
function differing(a, b) {
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 6) count++;
  }
  return count / (a.width * a.height);
}

describe('scientific axes', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  for (const renderer of ['webgpu', 'canvas2d']) {
    it(`numeric x labels and two value axes, each line on its own axis (${renderer})`, async () => {
      const chart = await axesChart(renderer);
      assertEqual(chart.rendererKind, renderer, 'renderer');
      const root = /** @type {ShadowRoot} */ (chart.shadowRoot);
      // x labels are numbers in data units, not dates.
      const xs = texts(root, '.x-axis .tick');
      assert(xs.length >= 3, `x labels: ${xs}`);
      for (const label of xs) assert(/^-?\d+(\.\d+)?$/.test(label), `numeric x label "${label}"`);
      assert(xs.includes('0') && xs.includes('1000'), `0 and 1000 labelled: ${xs}`);
      assert(!xs.some((l) => /Jan|:/.test(l)), 'no dates');
      // Default axis on the left, pressure axis on the right, each with its own labels and title.
      const left = root.querySelector('.y-axis[data-axis="y"]');
      const right = root.querySelector('.y-axis[data-axis="p"]');
      assert(left && left.classList.contains('left'), 'default axis on the left');
      assert(right && right.classList.contains('right') && right.classList.contains('extra'), 'pressure axis on the right');
      assertEqual(left.querySelector('.axis-title')?.textContent, 'Temperature (°C)', 'left title with unit');
      assertEqual(right.querySelector('.axis-title')?.textContent, 'Pressure (hPa)', 'right title with unit');
      assertEqual(root.querySelector('.x-title')?.textContent, 'Distance (m)', 'x title with unit');
      const plot = chart.model.plotCss();
      const hostBox = chart.getBoundingClientRect();
      assert(right.getBoundingClientRect().left - hostBox.left >= plot.x + plot.width - 1, 'right axis right of the plot');
      assert(left.getBoundingClientRect().right - hostBox.left <= plot.x + 1, 'left axis left of the plot');
      // Right labels are pressures, placed where the pressure scale puts them.
      const rightTicks = [...right.querySelectorAll('.tick')];
      assert(rightTicks.length >= 3, `pressure labels: ${rightTicks.length}`);
      for (const tick of rightTicks) {
        const value = Number(tick.textContent);
        assert(value >= 985 && value <= 1035, `pressure label ${tick.textContent}`);
        const top = parseFloat(/** @type {HTMLElement} */ (tick).style.top);
        assert(Math.abs(top - chart.model.yOf(value, 'p')) < 0.5, `label ${value} at ${top}, scale says ${chart.model.yOf(value, 'p')}`);
      }
      const leftValues = [...left.querySelectorAll('.tick')].map((t) => Number(t.textContent));
      assert(leftValues.every((v) => v >= 9 && v <= 31), `temperature labels ${leftValues}`);
      // Pixels: the red line (temperature, rising) and the blue one (pressure, falling) where their axes put them.
      const snap = await chart.snapshot();
      const ratio = chart.model.chartSize.pixelRatio;
      // (The lines cross at x = 500: columns away from it.)
      for (const fraction of [0.2, 0.3, 0.8]) {
        const xValue = fraction * 1000;
        const column = Math.round(chart.model.xOf(xValue) * ratio);
        const red = rowsWithColor(snap, column, RED, 70);
        const blue = rowsWithColor(snap, column, BLUE, 70);
        assert(red.length > 0 && blue.length > 0, `both lines in column ${column}`);
        const redY = (red[0] + red[red.length - 1]) / 2 / ratio;
        const blueY = (blue[0] + blue[blue.length - 1]) / 2 / ratio;
        assert(Math.abs(redY - chart.model.yOf(10 + 20 * fraction)) <= 2, `temperature at ${xValue}: ${redY} vs ${chart.model.yOf(10 + 20 * fraction)}`);
        assert(Math.abs(blueY - chart.model.yOf(1030 - 40 * fraction, 'p')) <= 2, `pressure at ${xValue}: ${blueY} vs ${chart.model.yOf(1030 - 40 * fraction, 'p')}`);
      }
      assert(colorDistance(pixel(snap, (plot.x + 5) * ratio, (plot.y + plot.height - 5) * ratio), WHITE) < 40, 'background');
    });
  }

  it('WebGPU and Canvas2D draw comparable pixels (linear and log x)', async () => {
    for (const xAxis of ['linear', 'log']) {
      const value = xAxis === 'log' ? (() => {
        const x = Float64Array.from({ length: N }, (_, i) => 10 ** (i / 50)); // 1 .. 1e4
        return { x, temp: x.map((v) => 10 + 5 * Math.log10(v)), pressure: x.map((v) => 1000 + 20 * Math.sin(Math.log10(v) * 3)) };
      })() : data();
      const gpu = await axesChart('webgpu', { xAxis, value });
      const cpu = await axesChart('canvas2d', { xAxis, value });
      assertEqual(cpu.rendererKind, 'canvas2d', 'renderer');
      const share = differing(await gpu.snapshot(), await cpu.snapshot());
      assert(share < 0.05, `${xAxis}: ${(share * 100).toFixed(2)} % of pixels differ`);
      gpu.remove();
      cpu.remove();
    }
  });

  it('a log x axis: decade labels, minor grid, tooltip header is a number', async () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => 10 ** (i / 100)); // 1 .. ~1e4
    const chart = await axesChart('webgpu', { xAxis: 'log', config: { quality: { tier: 'high' } }, value: { x, y: x.map((v) => v ** -2) }, width: 600 });
    const root = /** @type {ShadowRoot} */ (chart.shadowRoot);
    const xs = texts(root, '.x-axis .tick');
    for (const decade of ['1', '10', '100', '1000']) assert(xs.includes(decade), `decade ${decade} labelled: ${xs}`);
    const frame = chart.model.frame();
    assert(frame.scene.layers.some((l) => l.id === 'grid:main:minor' && l.count > 0), 'minor grid lines');
    // 10 and 100 a third of the plot apart (3 decades shown... 1 .. 10^3.99).
    const span = Math.log10(chart.model.viewport.end) - Math.log10(chart.model.viewport.start);
    const d = chart.model.xOf(100) - chart.model.xOf(10);
    assert(Math.abs(d - frame.plot.width / span) < 0.5, `a decade is ${d} px`);
    // The tooltip's header is the x as a number.
    const cssX = chart.model.xOf(100);
    const container = /** @type {HTMLElement} */ (root.querySelector('.container'));
    const box = container.getBoundingClientRect();
    container.dispatchEvent(new PointerEvent('pointermove', { clientX: box.left + cssX, clientY: box.top + frame.plot.y + 20, bubbles: true, composed: true }));
    await chart.nextFrame();
    const header = root.querySelector('.tooltip .time')?.textContent ?? '';
    assert(/^\d+(\.\d+)?$/.test(header.trim()) && Math.abs(Number(header) - 100) < 5, `tooltip header "${header}"`);
    // Dragging a quarter of the plot to the right pans by a quarter of the decades shown (multiplicative).
    const log = () => [Math.log10(chart.model.viewport.start), Math.log10(chart.model.viewport.end)];
    chart.model.viewport.setX(10, 1000);
    const [a0, a1] = log();
    const y = box.top + frame.plot.y + 20;
    const from = box.left + frame.plot.x + frame.plot.width / 2;
    const pointer = (type, x) => container.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, button: 0, pointerId: 7, bubbles: true, composed: true }));
    pointer('pointerdown', from);
    pointer('pointermove', from + frame.plot.width / 4);
    pointer('pointerup', from + frame.plot.width / 4);
    const [b0, b1] = log();
    assert(Math.abs(b0 - (a0 - 0.5)) < 1e-6 && Math.abs(b1 - (a1 - 0.5)) < 1e-6, `panned half a decade: 10^${b0}..10^${b1}`);
    // A wheel zoom at the plot's centre halves the decades around it.
    container.dispatchEvent(new WheelEvent('wheel', { clientX: from, clientY: y, deltaY: -100, bubbles: true, composed: true, cancelable: true }));
    const [c0, c1] = log();
    assert(c1 - c0 < b1 - b0 && c0 > b0 && c1 < b1 && chart.model.viewport.start > 0, `zoomed in on log: 10^${c0}..10^${c1}`);
    assert(Math.abs((c0 + c1) / 2 - (b0 + b1) / 2) < 0.05, 'around the centre, in decades');
  });

  it('a shift-dragged box zooms every value axis to the values under the box as drawn; a reset gives them back', async () => {
    const chart = await axesChart('webgpu');
    const model = chart.model;
    const plot = model.plotCss();
    const [top, bottom] = [plot.y + 60, plot.y + 180];
    const expected = { y: [model.valueAt(bottom), model.valueAt(top)], p: [model.valueAt(bottom, 'p'), model.valueAt(top, 'p')] };
    const before = model.axisRange('p');
    const target = /** @type {HTMLElement} */ (chart.renderRoot.querySelector('.container'));
    const event = (type, x, y) => target.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, pointerId: 1, isPrimary: true, button: 0, buttons: 1, shiftKey: true }));
    const box = chart.getBoundingClientRect();
    event('pointerdown', box.left + plot.x + 80, box.top + top);
    event('pointermove', box.left + plot.x + 240, box.top + bottom);
    event('pointerup', box.left + plot.x + 240, box.top + bottom);
    const view = chart.getViewport();
    assertEqual(view.autoY, false, 'the default axis is set');
    assert(Math.abs(view.yMin - expected.y[0]) < 1e-6 && Math.abs(view.yMax - expected.y[1]) < 1e-6, `default axis ${view.yMin}..${view.yMax}, box ${expected.y}`);
    const zoomed = model.axisRange('p');
    assert(Math.abs(zoomed[0] - Math.min(...expected.p)) < 1e-6 && Math.abs(zoomed[1] - Math.max(...expected.p)) < 1e-6, `right axis ${zoomed}, box ${expected.p}`);
    chart.resetView();
    assertEqual(model.axisRange('p').join(), before.join(), 'reset: the right axis autoscales again');
    chart.remove();
  });

  it('reports a series naming an undeclared axis as gpu-config-error at series.items[i].yAxis', async () => {
    const chart = await axesChart('webgpu');
    const error = nextEvent(chart, 'gpu-config-error');
    chart.updateConfig({ series: { items: [{ id: 'pressure', yAxis: 'nope' }] } });
    const { detail } = await error;
    assert(detail.issues.some((i) => i.path === 'series.items[1].yAxis' && i.message.includes('"nope"')), JSON.stringify(detail.issues));
  });

  it('time axes still reject data without a time column', async () => {
    const chart = /** @type {import('../../dist/index.js').GpuChart} */ (document.createElement('gpu-chart'));
    chart.style.width = '300px';
    chart.style.height = '200px';
    const ready = nextEvent(chart, 'gpu-ready');
    document.body.append(chart);
    await ready;
    const error = nextEvent(chart, 'gpu-data-error');
    chart.data = { a: [1, 2, 3] };
    assertEqual((await error).detail.code, 'missing-time', 'code');
    // The same data on a numeric axis is keyed by row index.
    chart.xAxis = 'linear';
    await chart.nextFrame();
    await chart.nextFrame();
    assertEqual(chart.model.data?.length, 3, 'rows taken in on the linear axis');
    assertEqual(chart.model.data?.time[2], 2, 'row index as key');
  });
});
