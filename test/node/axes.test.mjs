// Scientific axes (issue 11, part 1): numeric x ticks and labels, x scales, the viewport on
// numeric and log axes, data intake keyed by x or row index, M4 on a log x, and several y axes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChartModel,
  Viewport,
  axisGutter,
  axisTitle,
  createTimeScale,
  createXScale,
  numericLogTicks,
  numericTicks,
  formatNumeric,
  plotRect,
  AXIS_GUTTER,
} from '../../build/node/core/index.js';
import { M4Decimator, MinMaxPyramid, normalizeData } from '../../build/node/data/index.js';
import { throwsDataError } from './helpers.mjs';

const labels = (ticks) => ticks.filter((t) => t.label !== '').map((t) => t.label);
const values = (ticks) => ticks.map((t) => t.value);

// ——— linear numeric ticks ———

test('numericTicks: nice 1/2/5 steps with plain labels while they are short', () => {
  assert.deepEqual(labels(numericTicks(0, 1000, 6)), ['0', '200', '400', '600', '800', '1000']);
  assert.deepEqual(labels(numericTicks(0, 1, 6)), ['0', '0.2', '0.4', '0.6', '0.8', '1']);
  assert.deepEqual(labels(numericTicks(0.1, 0.35, 6)), ['0.1', '0.15', '0.2', '0.25', '0.3', '0.35']);
  for (const [min, max, n] of [[0, 1000, 6], [-3.7, 12.2, 8], [1e-9, 7e-9, 5], [0, 3e12, 7]]) {
    const ticks = numericTicks(min, max, n);
    assert.ok(ticks.length <= n && ticks.length >= 2, `${min}..${max}: ${ticks.length} ticks`);
    const step = ticks[1].value - ticks[0].value;
    const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
    assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6), `step ${step} is 1/2/5 × 10^k`);
    for (const t of ticks) assert.ok(t.value >= min && t.value <= max && !t.minor);
  }
});

test('numericTicks: negative ranges keep the sign and exact values', () => {
  assert.deepEqual(labels(numericTicks(-1000, 0, 6)), ['-1000', '-800', '-600', '-400', '-200', '0']);
  assert.deepEqual(labels(numericTicks(-0.3, 0.3, 7)), ['-0.3', '-0.2', '-0.1', '0', '0.1', '0.2', '0.3']);
  assert.deepEqual(values(numericTicks(-0.3, 0.3, 7)), [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
  assert.deepEqual(labels(numericTicks(-5e6, 5e6, 6)), ['-4M', '-2M', '0', '2M', '4M']);
});

test('numericTicks: SI prefixes from 1e-15 to 1e15 once plain labels get longer than 6 characters', () => {
  const cases = [
    [0, 5e-9, 6, ['0', '1n', '2n', '3n', '4n', '5n']],
    [0, 2.5e-6, 6, ['0', '500n', '1µ', '1.5µ', '2µ', '2.5µ']],
    [0, 0.00004, 5, ['0', '10µ', '20µ', '30µ', '40µ']],
    [0, 1e6, 6, ['0', '200k', '400k', '600k', '800k', '1M']],
    [0, 2e9, 5, ['0', '500M', '1G', '1.5G', '2G']],
    [0, 1e12, 6, ['0', '200G', '400G', '600G', '800G', '1T']],
    [0, 4e-15, 5, ['0', '1f', '2f', '3f', '4f']],
  ];
  for (const [min, max, n, expected] of /** @type {[number, number, number, string[]][]} */ (cases)) assert.deepEqual(labels(numericTicks(min, max, n)), expected, `${min}..${max}`);
  // Short plain labels stay plain (no "1k" on a 0..5000 axis), one rule for the whole axis.
  assert.deepEqual(labels(numericTicks(0, 5000, 6)), ['0', '1000', '2000', '3000', '4000', '5000']);
  assert.deepEqual(labels(numericTicks(0, 200000, 5)), ['0', '50000', '100000', '150000', '200000']);
});

test('numericTicks: scientific notation beyond the SI prefixes', () => {
  assert.deepEqual(labels(numericTicks(0, 4e21, 5)), ['0', '1e21', '2e21', '3e21', '4e21']);
  assert.deepEqual(labels(numericTicks(0, 3e-18, 4)), ['0', '1e-18', '2e-18', '3e-18']);
  assert.deepEqual(labels(numericTicks(-2e20, 2e20, 5)), ['-2e20', '-1e20', '0', '1e20', '2e20']);
});

test('formatNumeric: a single x for the tooltip, by the same rule', () => {
  assert.equal(formatNumeric(0), '0');
  assert.equal(formatNumeric(42.5), '42.5');
  assert.equal(formatNumeric(1234567), '1.23457M');
  assert.equal(formatNumeric(-0.000012), '-12µ');
  assert.equal(formatNumeric(3e25), '3e25');
});

// ——— log numeric ticks ———

test('numericLogTicks: a major tick per decade, minors 2..9 unlabelled when space is short', () => {
  const ticks = numericLogTicks(1, 1e6, 7);
  const majors = ticks.filter((t) => !t.minor);
  assert.deepEqual(values(majors), [1, 10, 100, 1000, 1e4, 1e5, 1e6]);
  assert.deepEqual(labels(ticks), ['1', '10', '100', '1k', '10k', '100k', '1M']);
  const minors = ticks.filter((t) => t.minor);
  assert.equal(minors.length, 6 * 8, '2..9 in each of 6 decades');
  assert.ok(minors.every((t) => t.label === ''));
  assert.deepEqual(values(minors.slice(0, 8)), [2, 3, 4, 5, 6, 7, 8, 9]);
});

test('numericLogTicks: labels thinned to every 2nd/5th… decade; minors dropped over many decades', () => {
  const ticks = numericLogTicks(1e-12, 1e12, 6);
  assert.ok(ticks.every((t) => !t.minor), 'no minors over 24 decades in 6 labels');
  const shown = ticks.filter((t) => t.label !== '');
  assert.ok(shown.length <= 6 && shown.length >= 3, shown.map((t) => t.label).join(' '));
  assert.deepEqual(labels(ticks), ['100p', '10µ', '1', '100k', '10G'], 'every 5th decade');
  assert.equal(ticks.length, 25, 'every decade is still a (grid) tick');
  assert.deepEqual(labels(numericLogTicks(1e-20, 1e20, 5)), ['1e-20', '1e-10', '1e0', '1e10', '1e20']);
});

test('numericLogTicks: minors labelled where they fit; sub-decade ranges get linear ticks', () => {
  assert.deepEqual(labels(numericLogTicks(1, 100, 6)), ['1', '2', '5', '10', '20', '50', '100']);
  assert.deepEqual(labels(numericLogTicks(1, 10, 10)), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  const sub = numericLogTicks(2, 8, 7);
  assert.deepEqual(labels(sub), ['2', '3', '4', '5', '6', '7', '8']);
  assert.ok(sub.every((t) => !t.minor));
  assert.deepEqual(labels(numericLogTicks(0.02, 0.05, 4)), ['0.02', '0.03', '0.04', '0.05']);
  assert.deepEqual(numericLogTicks(0, 10, 5), [], 'log needs min > 0');
});

// ——— x scales ———

test('createXScale: linear maps data units, log maps decades, TimeScale still works', () => {
  const linear = createXScale('linear', -10, 10, 200);
  assert.equal(linear.kind, 'linear');
  assert.equal(linear.toPixel(0), 100);
  assert.equal(linear.fromPixel(150), 5);
  const log = createXScale('log', 1, 1e4, 400);
  assert.equal(log.kind, 'log');
  assert.ok(Math.abs(log.toPixel(10) - 100) < 1e-9);
  assert.ok(Math.abs(log.toPixel(1000) - 300) < 1e-9);
  assert.ok(Math.abs(log.fromPixel(200) - 100) < 1e-9);
  assert.ok(Number.isNaN(log.toPixel(0)) && Number.isNaN(log.toPixel(-1)));
  const time = createTimeScale(1000, 2000, 100);
  assert.equal(time.kind, 'time');
  assert.equal(time.toPixel(1500), 50);
  assert.equal(time.start, 1000);
  assert.equal(time.end, 2000);
});

// ——— viewport ———

test('Viewport on a linear x: the minimum span is relative to the data, not 1 ms', () => {
  const v = new Viewport();
  v.xKind = 'linear';
  v.setDataBounds(0, 1e-6, true);
  for (let i = 0; i < 200; i++) v.zoomX(0.5);
  assert.ok(v.span > 0 && v.span < 1e-12, `zoomed to ${v.span}`);
  assert.ok(v.span >= 1e-6 * 1e-9 * 0.999, 'not below a billionth of the data');
  const t = new Viewport(); // a time axis keeps 1 ms
  t.setDataBounds(0, 1e-6, true);
  t.zoomX(0.001);
  assert.equal(t.span, 1);
});

test('Viewport on a linear x: pan and zoom in data units, anchored', () => {
  const v = new Viewport();
  v.xKind = 'linear';
  v.setDataBounds(-50, 50, true);
  v.zoomX(0.5, 0.25); // the x at a quarter of the plot (-25) stays there
  assert.equal(v.start, -37.5);
  assert.equal(v.end, 12.5);
  v.reset();
  v.zoomX(0.5);
  assert.equal(v.start, -25);
  assert.equal(v.end, 25);
  v.panX(0.2);
  assert.equal(v.start, -15);
  assert.equal(v.end, 35);
  v.setDataBounds(7, 7, true); // one x: ±1 % around it
  assert.ok(Math.abs(v.start - 6.93) < 1e-12 && Math.abs(v.end - 7.07) < 1e-12);
});

test('Viewport on a log x: zoom and pan are multiplicative (in decades)', () => {
  const v = new Viewport();
  v.xKind = 'log';
  v.setDataBounds(1, 1e6, true);
  v.zoomX(0.5, 0.5); // 6 decades → 3, around 10^3
  assert.ok(Math.abs(Math.log10(v.start) - 1.5) < 1e-9 && Math.abs(Math.log10(v.end) - 4.5) < 1e-9, `${v.start}..${v.end}`);
  v.panX(1 / 3); // one decade to the right
  assert.ok(Math.abs(Math.log10(v.start) - 2.5) < 1e-9 && Math.abs(Math.log10(v.end) - 5.5) < 1e-9);
  v.zoomX(1000);
  assert.ok(v.start > 0, 'never reaches 0 or below');
  assert.ok(Math.log10(v.end) - Math.log10(v.start) <= 24 + 1e-9, 'at most 4× the data decades');
  v.setX(10, 100);
  v.shift(900); // following a stream: the same decade, ending at the new edge
  assert.ok(Math.abs(v.start - 100) < 1e-9 && Math.abs(v.end - 1000) < 1e-9, `${v.start}..${v.end}`);
  v.reset();
  v.setX(-5, 100); // x ≤ 0 cannot be shown on log
  assert.ok(v.start > 0 && v.end === 100);
  for (let i = 0; i < 100; i++) v.zoomX(0.3);
  assert.ok(v.end > v.start && v.end / v.start < 1 + 1e-6, 'zoomed deep in stays a valid window');
});

// ——— data intake on numeric axes ———

test('normalizeData on numeric axes: key `x`, missing key → row index, unsorted x → index with x as a column', () => {
  const keyed = normalizeData({ x: [0.5, 1, 2], y: [1, 2, 3] }, 'data', 'linear');
  assert.deepEqual([...keyed.data.time], [0.5, 1, 2]);
  assert.deepEqual(Object.keys(keyed.data.columns), ['y']);
  const records = normalizeData([{ x: 1, y: 10 }, { x: 10, y: 20 }], 'data', 'log');
  assert.deepEqual([...records.data.time], [1, 10]);
  const none = normalizeData({ a: [3, 1, 2], b: [4, 5, 6] }, 'data', 'linear');
  assert.deepEqual([...none.data.time], [0, 1, 2]);
  assert.deepEqual(Object.keys(none.data.columns), ['a', 'b']);
  const unsorted = normalizeData({ x: [3, 1, 2], y: [4, 5, 6] }, 'data', 'linear');
  assert.deepEqual([...unsorted.data.time], [0, 1, 2]);
  assert.deepEqual([...unsorted.data.columns.x], [3, 1, 2], 'x kept as a value column');
  const unsortedRecords = normalizeData([{ x: 2, y: 1 }, { x: 2, y: 2 }], 'data', 'linear');
  assert.deepEqual([...unsortedRecords.data.time], [0, 1]);
  assert.deepEqual(Object.keys(unsortedRecords.data.columns).sort(), ['x', 'y']);
  const noKeyRecords = normalizeData([{ v: 1 }, { v: 2 }], 'data', 'linear', 10);
  assert.deepEqual([...noKeyRecords.data.time], [10, 11], 'appended rows continue the index');
  // Time axes keep their error.
  throwsDataError(() => normalizeData({ a: [1, 2] }, 'data', 'time'), { code: 'missing-time' });
  throwsDataError(() => normalizeData({ a: [1, 2] }), { code: 'missing-time' });
  throwsDataError(() => normalizeData([{ v: 1 }], 'data'), { code: 'missing-time' });
});

// ——— M4 on a log x ———

test('M4 on a log x buckets by pixel columns uniform in log10(x)', () => {
  const n = 100_000;
  const time = Float64Array.from({ length: n }, (_, i) => 10 ** (i / (n / 4))); // 1 .. 1e4, uniform in log
  const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 37) * 100 + (i % 13));
  const pyramid = new MinMaxPyramid(values);
  const columns = 200;
  const log = new M4Decimator().decimate(time, values, n, pyramid, 1, 1e4, columns, true);
  const linear = new M4Decimator().decimate(time, values, n, pyramid, 1, 1e4, columns, false);
  assert.equal(log.mode, 'm4');
  const perColumn = (result) => {
    const counts = new Map();
    for (let k = 0; k < result.count; k++) if (result.columns[k] >= 0) counts.set(result.columns[k], (counts.get(result.columns[k]) ?? 0) + 1);
    return counts;
  };
  const logCounts = perColumn(log);
  // Uniform in log: every column holds ~500 points, so every column gets its 4 (first, min, max, last).
  assert.equal(logCounts.size, columns, 'every pixel column has points');
  assert.ok([...logCounts.values()].every((c) => c >= 2 && c <= 4));
  // Each point's column is where a log scale puts it.
  const scale = createXScale('log', 1, 1e4, columns);
  for (let k = 0; k < log.count; k++) {
    const c = log.columns[k];
    if (c < 0) continue;
    const px = scale.toPixel(time[log.indices[k]]);
    assert.ok(px >= c - 1e-6 && px <= c + 1 + 1e-6, `index ${log.indices[k]} at px ${px} in column ${c}`);
  }
  // Linear buckets put the first 50 units (1.7 decades: 85 log columns) in one column: the left of
  // a log plot would get a handful of points instead of ~4 per pixel column.
  const leftOf = (result) => {
    let count = 0;
    for (let k = 0; k < result.count; k++) if (result.indices[k] !== 0xffffffff && scale.toPixel(time[result.indices[k]]) < 80) count++;
    return count;
  };
  assert.ok(leftOf(log) >= 160, `log buckets: ${leftOf(log)} points left of px 80`);
  assert.ok(leftOf(linear) <= 8, `linear buckets: ${leftOf(linear)}`);
});

// ——— the model: numeric x and several y axes ———

function twoAxisModel() {
  const model = new ChartModel();
  model.setOptions({
    xAxis: 'linear',
    yAxes: [
      { id: 'p', side: 'right', scale: 'linear', title: 'Pressure', unit: 'hPa' },
      { id: 'fixed', side: 'left', scale: 'linear', min: -100, max: 100 },
    ],
  });
  const n = 101;
  const x = Float64Array.from({ length: n }, (_, i) => i * 10); // 0..1000
  model.setData({ time: x, columns: { temp: x.map((v) => 10 + v / 100), pressure: x.map((v) => 1000 + v / 10), small: x.map((v) => v / 20) } });
  model.setSeriesOptions([{ column: 'temp' }, { column: 'pressure', yAxis: 'p' }, { column: 'small', yAxis: 'fixed' }]);
  model.setSize({ width: 600, height: 400, pixelRatio: 1 });
  return model;
}

test('model: numeric x labels are numbers, not dates; pick/xOf/timeAt in data units', () => {
  const model = twoAxisModel();
  const frame = model.frame();
  assert.equal(frame.xKind, 'linear');
  assert.ok(frame.xLabels.length >= 3);
  for (const l of frame.xLabels) assert.match(l.label, /^-?[\d.]+[kMG]?$/, `numeric label ${l.label}`);
  assert.ok(frame.xLabels.some((l) => l.label === '0') && frame.xLabels.some((l) => l.label === '1000'));
  const x500 = model.xOf(500);
  assert.ok(Math.abs(model.timeAt(x500).time - 500) < 1e-9);
  const label500 = frame.xLabels.find((l) => l.label === '500');
  assert.ok(Math.abs(label500.position - model.xOf(500)) < 1e-9, 'labels sit at their x');
  const pick = model.pick(x500 + 1, 100);
  assert.equal(pick.time, 500);
});

test('model: each series is drawn against its own y axis; fixed and automatic ranges', () => {
  const model = twoAxisModel();
  const frame = model.frame();
  assert.deepEqual(frame.yAxes.map((a) => [a.id, a.side]), [['y', 'right'], ['p', 'right'], ['fixed', 'left']]);
  const [main, pressure, fixed] = frame.yAxes;
  // Default axis: temp 10..20 with headroom; pressure axis: 1000..1100; fixed: exactly -100..100.
  assert.ok(main.range[0] < 10 && main.range[0] > 9 && main.range[1] > 20 && main.range[1] < 21, `${main.range}`);
  assert.ok(pressure.range[0] < 1000 && pressure.range[0] > 990 && pressure.range[1] > 1100, `${pressure.range}`);
  assert.deepEqual(fixed.range, [-100, 100]);
  assert.deepEqual(model.axisRange('fixed'), [-100, 100]);
  assert.equal(pressure.title, 'Pressure (hPa)');
  // The plot shrank: two right axes (one titled) and one left axis.
  const plot = frame.plot;
  assert.equal(plot.x, 64);
  assert.equal(600 - plot.x - plot.width, 64 + 64 + 18);
  assert.equal(pressure.x, plot.x + plot.width + 64, 'second right axis sits beyond the first');
  assert.equal(fixed.x, 0);
  // Each line's points map through its own axis: the pressure line at x = 1000 sits at 1100 on its axis.
  const lineOf = (id) => frame.scene.layers.find((l) => l.kind === 'line' && l.id.includes(id));
  const pane = frame.panes[0].rect;
  const yOfLast = (layer) => {
    for (let k = layer.count - 1; k >= 0; k--) if (Math.abs(layer.points[2 * k + 1]) < 1e29) return layer.points[2 * k + 1];
    return NaN;
  };
  const py = pane.y + yOfLast(lineOf('pressure'));
  assert.ok(Math.abs(py - model.yOf(1100, 'p')) < 0.01, `pressure 1100 at ${py} vs ${model.yOf(1100, 'p')}`);
  assert.ok(Math.abs(pane.y + yOfLast(lineOf('temp')) - model.yOf(20)) < 0.01);
  assert.ok(Math.abs(pane.y + yOfLast(lineOf('small')) - model.yOf(50, 'fixed')) < 0.01);
  assert.ok(Math.abs(model.valueAt(model.yOf(1050, 'p'), 'p') - 1050) < 1e-6);
  // Labels of each axis sit where its scale puts their value.
  for (const axis of frame.yAxes) {
    for (const l of axis.labels) assert.ok(Math.abs(l.position - model.yOf(Number(l.label.replace(/k$/, 'e3')), axis.id)) < 0.01, `${axis.id} ${l.label}`);
  }
  // The grid follows the default axis; the default axis' labels stay in yLabels.
  assert.deepEqual(frame.yLabels.map((l) => l.label), main.labels.map((l) => l.label));
  // Autoscale follows the visible data of the axis' own series.
  model.viewport.setX(0, 100);
  const zoomed = model.frame().yAxes;
  assert.ok(zoomed[1].range[1] < 1020, `pressure autoscaled to the window: ${zoomed[1].range}`);
  assert.deepEqual(zoomed[2].range, [-100, 100], 'fixed stays');
  // Half-fixed: min given, max follows the data.
  model.setOptions({ yAxes: [{ id: 'p', side: 'left', scale: 'linear', min: 0 }] });
  const half = model.axisRange('p');
  assert.equal(half[0], 0);
  assert.ok(half[1] > 1010 && half[1] < 1020);
  // A series naming an unknown axis is drawn against the default axis.
  model.setSeriesOptions([{ column: 'pressure', yAxis: 'nope' }]);
  assert.equal(model.axisOf(model.series[0]), 'y');
});

test('model: a log x axis starts at the first x > 0, its labels are decades, zoom keeps x > 0', () => {
  const model = new ChartModel();
  model.setOptions({ xAxis: 'log', yScale: 'log' });
  const n = 1000;
  const x = Float64Array.from({ length: n }, (_, i) => i * 10); // 0, 10, …, 9990
  model.setData({ time: x, columns: { y: x.map((v) => 3 * (v + 1) ** -1.5) } });
  model.setSize({ width: 800, height: 300, pixelRatio: 1 });
  assert.equal(model.viewport.start, 10, 'x = 0 cannot be shown on log');
  const frame = model.frame();
  assert.deepEqual(frame.xLabels.map((l) => l.label).filter((l) => !/^[2-9]/.test(l)), ['10', '100', '1000']);
  const grid = frame.scene.layers.find((l) => l.id === 'grid:main:minor');
  assert.ok(grid && grid.count > 0, 'minor grid lines on log x');
  // The line: straight on log-log (power law), points where the log scale puts them.
  const line = frame.scene.layers.find((l) => l.kind === 'line');
  assert.ok(line.count > 10);
  assert.ok(Math.abs(model.xOf(100) - (frame.plot.x + frame.plot.width / (Math.log10(9990) - 1))) < 1e-6, 'one decade of 10..9990, in log');
  const pick = model.pick(model.xOf(100) + 0.2, 50);
  assert.equal(pick.time, 100);
  // Switching back to time: the window covers the data again.
  model.setOptions({ xAxis: 'linear' });
  assert.equal(model.viewport.start, 0);
});

test('layout: axisGutter keeps AXIS_GUTTER for one right axis, titles add room', () => {
  assert.deepEqual(axisGutter([], [64], false), { ...AXIS_GUTTER });
  const size = { width: 400, height: 300, pixelRatio: 2 };
  assert.deepEqual(plotRect(size, axisGutter([], [64], false)), plotRect(size));
  const g = axisGutter([82], [64, 64], true);
  assert.deepEqual(g, { top: 8, right: 128, bottom: 44, left: 82 });
  assert.equal(axisTitle('Voltage', 'mV'), 'Voltage (mV)');
  assert.equal(axisTitle(undefined, 'mV'), '(mV)');
  assert.equal(axisTitle('Voltage'), 'Voltage');
  assert.equal(axisTitle(), '');
});

// ——— configuration ———

test('config: axes.x.type, axes.yAxes and series yAxis validate; existing axes.y configs keep working', async () => {
  const { resolveConfig, validatePatch } = await import('../../build/node/config/index.js');
  const old = resolveConfig([{ axes: { y: { scale: 'log', position: 'left' } } }]);
  assert.equal(old.ok, true);
  assert.equal(old.config.axes.y.scale, 'log');
  assert.equal(old.config.axes.x.type, 'time', 'time by default');
  assert.deepEqual(old.config.axes.yAxes, []);
  const full = resolveConfig([
    {
      axes: { x: { type: 'log', title: 'Frequency', unit: 'Hz' }, y: { title: 'T', unit: '°C' }, yAxes: [{ id: 'p', side: 'right', scale: 'linear', min: 0, max: 10, title: 'P', unit: 'hPa' }] },
      series: { items: [{ id: 'a', yAxis: 'p' }] },
    },
  ]);
  assert.equal(full.ok, true, JSON.stringify(full));
  assert.equal(full.config.series.items[0].yAxis, 'p');
  const bad = validatePatch({ axes: { x: { type: 'date' }, yAxes: [{ id: 'p', side: 'top', min: Infinity }] } });
  assert.equal(bad.ok, false);
  const paths = bad.issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ['axes.x.type', 'axes.yAxes[0].min', 'axes.yAxes[0].side']);
});

test('model: on a numeric x the value axes use SI labels too; on a time x the financial k/M/B stay', () => {
  const n = 50;
  const time = Float64Array.from({ length: n }, (_, i) => i);
  const value = Float64Array.from({ length: n }, (_, i) => 1e9 + i * 4e8); // 1 G … ~20.6 G
  const tiny = Float64Array.from({ length: n }, (_, i) => (i + 1) * 1e-6); // 1 µ … 50 µ
  /** @param {'time' | 'linear' | 'log'} xAxis @param {'linear' | 'log'} [yScale] */
  const labels = (xAxis, yScale = 'linear') => {
    const model = new ChartModel();
    model.setSize({ width: 500, height: 300, pixelRatio: 1 });
    model.setOptions({ xAxis, yScale, yAxes: [{ id: 'small', side: 'left', scale: 'linear' }] });
    model.setData({ time: xAxis === 'time' ? time.map((t) => 1.7e12 + t * 60_000) : time, columns: { value, tiny } });
    model.setSeriesOptions([{ column: 'value' }, { column: 'tiny', yAxis: 'small' }]);
    const frame = model.frame();
    return Object.fromEntries(frame.yAxes.map((a) => [a.id, a.labels.map((l) => l.label)]));
  };
  const scientific = labels('linear');
  assert.ok(scientific.y.some((l) => /G$/.test(l)) && !scientific.y.some((l) => /B$/.test(l)), `SI giga: ${scientific.y}`);
  assert.ok(scientific.small.some((l) => /µ$/.test(l)), `SI micro on the second axis: ${scientific.small}`);
  const financial = labels('time');
  assert.ok(financial.y.some((l) => /B$/.test(l)), `billions on a time chart: ${financial.y}`);
  const log = labels('linear', 'log');
  assert.ok(log.y.length >= 1 && log.y.every((l) => l !== ''), `log decades labelled: ${log.y}`);
});
