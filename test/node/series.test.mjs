// Series types as modules: the registry, each module's y extent and tooltip rows, a type
// registered from outside drawn by the model, and the model's legend entries (no DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartModel } from '../../build/node/core/chart-model.js';
import { LIGHT_THEME } from '../../build/node/core/theme.js';
import { SeriesStore } from '../../build/node/data/series-store.js';
import { BAR_TYPES, registerSeriesType, SERIES_TYPES, seriesModuleFor, seriesType } from '../../build/node/series/registry.js';
import { LinePath } from '../../build/node/series/shared/line-path.js';
import { resolveSeries } from '../../build/node/core/index.js';
import { columnTooltip, columnValue, seriesColumnExtent } from '../../build/node/series/shared/value-column.js';

const BUILT_IN = ['line', 'area', 'baseline', 'bar', 'volume', 'candlestick', 'ohlc'];
const time = Float64Array.from({ length: 8 }, (_, i) => 1000 * i);
const open = Float64Array.of(10, 11, 12, 11, 9, 8, 9, 10);
const high = Float64Array.of(12, 13, 14, 12, 10, 9, 11, 12);
const low = Float64Array.of(9, 10, 11, 8, 7, 6, 8, 9);
const close = Float64Array.of(11, 12, 11, 9, 8, 9, 10, 11);
const volume = Float64Array.of(5, 7, 3, 9, 4, 6, 2, 8);
const signed = Float64Array.of(-3, 2, -1, 4, 0.5, -2, 1, 3);
const data = { time, columns: { open, high, low, close, volume, signed } };

/**
 * A module's view of one series over `data`, as the model builds it.
 * @returns {{ module: import('../../build/node/series/series-type.js').SeriesModule, series: import('../../build/node/series/series-type.js').SeriesContext }}
 */
function context(type, column, extra = {}) {
  const module = seriesType(type);
  const spec = { id: column, column, type, name: column, color: null, lineWidth: 2, visible: true, ...extra };
  const series = { spec, color: /** @type {import('../../build/node/core/index.js').Rgba} */ ([0.1, 0.2, 0.3, 1]), state: module.createState(), store: new SeriesStore(data), theme: LIGHT_THEME, pixelRatio: 1, start: 0, end: 7000 };
  return { module, series };
}

const query = (positiveOnly = false) => ({ first: 0, end: 8, positiveOnly, plotWidth: 400, min: Infinity, max: -Infinity });

test('the registry holds every built-in type, each under its own name', () => {
  for (const type of BUILT_IN) {
    assert.ok(/** @type {readonly string[]} */ (SERIES_TYPES).includes(type), type);
    assert.equal(seriesType(type).type, type);
    assert.equal(seriesModuleFor(type), seriesType(type));
  }
  assert.deepEqual([...BAR_TYPES].sort(), ['candlestick', 'ohlc'], 'bar types come from the modules');
  assert.equal(seriesType('nope'), undefined);
  assert.equal(seriesModuleFor('nope'), seriesType('line'), 'an unknown type is drawn as a line');
  assert.equal(seriesType('candlestick').fallback, 'line');
  assert.equal(seriesType('volume').fallback, 'bar');
});

test('resolveSeries falls back through the modules when columns are missing', () => {
  assert.equal(resolveSeries(['value'], [{ column: 'value', type: 'candlestick' }], 'line')[0].type, 'line');
  assert.equal(resolveSeries(['value'], [{ column: 'value', type: 'volume' }], 'line')[0].type, 'bar');
  assert.equal(resolveSeries(['open', 'high', 'low', 'close'], [{ column: 'close', type: 'volume' }], 'line')[0].type, 'bar', 'volume needs a volume column too');
  assert.equal(resolveSeries(['open', 'high', 'low', 'close', 'volume'], [{ column: 'volume', type: 'volume' }], 'line')[0].type, 'volume');
  assert.deepEqual(resolveSeries(['open', 'high', 'low', 'close'], null, 'ohlc').map((s) => [s.id, s.type]), [['ohlc', 'ohlc']]);
});

test('line: extent of its column (smallest positive on a log scale), one tooltip row, legend value', () => {
  const { module, series } = context('line', 'signed');
  const q = query();
  module.extent(series, q);
  assert.deepEqual([q.min, q.max], [-3, 4]);
  const log = query(true);
  module.extent(series, log);
  assert.deepEqual([log.min, log.max], [0.5, 4]);
  const rows = [];
  module.tooltip(series, 3, rows);
  assert.deepEqual(rows, [{ id: 'signed', name: 'signed', color: [0.1, 0.2, 0.3, 1], value: 4, index: 3 }]);
  assert.equal(module.legendValue(series, 5), -2);
});

test('bar: 0 stays in view (not on a log scale); one tooltip row', () => {
  const { module, series } = context('bar', 'close');
  const q = query();
  module.extent(series, q);
  assert.deepEqual([q.min, q.max], [0, 12]);
  const log = query(true);
  module.extent(series, log);
  assert.deepEqual([log.min, log.max], [8, 12]);
  const rows = [];
  module.tooltip(series, 0, rows);
  assert.deepEqual(rows.map((r) => [r.name, r.value]), [['close', 11]]);
});

test('candlestick: lowest low to highest high; the tooltip is the whole row coloured by direction', () => {
  const { module, series } = context('candlestick', 'close', { id: 'ohlc', name: 'OHLC' });
  const q = query();
  module.extent(series, q);
  assert.deepEqual([q.min, q.max], [6, 14]);
  const rising = [];
  module.tooltip(series, 0, rising);
  assert.deepEqual(rising.map((r) => [r.id, r.value]), [['ohlc.open', 10], ['ohlc.high', 12], ['ohlc.low', 9], ['ohlc.close', 11], ['ohlc.volume', 5]]);
  assert.ok(rising.every((r) => r.color === LIGHT_THEME.up && r.index === 0));
  const falling = [];
  module.tooltip(series, 2, falling);
  assert.ok(falling.every((r) => r.color === LIGHT_THEME.down));
});

test('volume: 0 to the tallest (aggregated) column; one tooltip row of its column', () => {
  const { module, series } = context('volume', 'volume');
  const q = query();
  module.extent(series, q);
  assert.deepEqual([q.min, q.max], [0, 9]);
  // Two pixel columns: bars are summed per column, and the tallest sum sets the range.
  const narrow = { ...query(), plotWidth: 2 };
  module.extent(series, narrow);
  assert.ok(narrow.max > 9, `summed columns: ${narrow.max}`);
  const rows = [];
  module.tooltip(series, 3, rows);
  assert.deepEqual(rows.map((r) => [r.id, r.value]), [['volume', 9]]);
});

test('baseline: extent of its column; fills above and below its base, then the line', () => {
  const { module, series } = context('baseline', 'signed', { baseValue: 0 });
  const q = query();
  module.extent(series, q);
  assert.deepEqual([q.min, q.max], [-3, 4]);
  const rows = [];
  module.tooltip(series, 1, rows);
  assert.deepEqual(rows.map((r) => r.value), [2]);
  const model = new ChartModel();
  model.setData(data);
  model.setSize({ width: 400, height: 300, pixelRatio: 1 });
  model.setSeriesOptions([{ column: 'signed', type: 'baseline', baseValue: 0 }]);
  const ids = model.frame().scene.layers.filter((l) => !l.id.startsWith('grid')).map((l) => `${l.kind}:${l.id}`);
  assert.deepEqual(ids, ['area:signed:above', 'area:signed:below', 'line:signed']);
});

test('a type registered from outside is drawn, ranged and picked by the model unchanged', () => {
  // A step line: each value held until the next row.
  const step = {
    type: 'step',
    columns: [],
    createState: () => ({ path: new LinePath(), points: new Float32Array(0) }),
    extent: seriesColumnExtent,
    draw(series, target) {
      const { store, spec, state } = series;
      const path = state.path;
      path.build(store.time, store.column(spec.column), store.length, store.pyramid(spec.column), series.start, series.end, target);
      if (state.points.length < path.count * 4) state.points = new Float32Array(path.count * 4);
      let n = 0;
      for (let k = 0; k < path.count; k++) {
        if (k > 0) {
          state.points[n++] = path.points[k * 2];
          state.points[n++] = path.points[k * 2 - 1];
        }
        state.points[n++] = path.points[k * 2];
        state.points[n++] = path.points[k * 2 + 1];
      }
      target.layers.push({ kind: 'line', id: `${spec.id}:step`, points: state.points, count: n / 2, color: series.color, width: spec.lineWidth, pane: target.pane });
    },
    tooltip: columnTooltip,
    legendValue: columnValue,
  };
  registerSeriesType(step);
  assert.ok(/** @type {readonly string[]} */ (SERIES_TYPES).includes('step'));
  const model = new ChartModel();
  model.setData(data);
  model.setSize({ width: 400, height: 300, pixelRatio: 1 });
  // @ts-expect-error: a type registered at run time; SeriesType names only the built-in ones
  model.setSeriesOptions([{ column: 'signed', type: 'step' }]);
  assert.equal(model.series[0].type, 'step');
  const frame = model.frame();
  const layer = frame.scene.layers.find((l) => l.id === 'signed:step');
  assert.ok(layer, 'the step layer is in the frame');
  assert.equal(layer.kind, 'line');
  assert.equal(layer.count, 8 * 2 - 1, 'every row plus a corner between rows');
  // The corner keeps the previous y at the next x.
  assert.equal(layer.points[2], layer.points[4]);
  assert.equal(layer.points[3], layer.points[1]);
  const [min, max] = model.yRange();
  assert.ok(min <= -3 && max >= 4, 'its extent sets the range');
  const cssX = model.xOf(3000);
  const picked = model.pick(cssX, model.plotCss().y + 10);
  assert.deepEqual(picked.values.map((v) => [v.id, v.value]), [['signed', 4]]);
});

test('legendEntries: main-pane series at a row (or the last), then the pane\'s derived series; short names in indicator panes', () => {
  const model = new ChartModel();
  model.setData(data);
  model.setSeriesOptions([{ column: 'close' }, { column: 'volume', type: 'bar', visible: false }]);
  const sma = { id: 'sma', name: 'SMA(3)', values: Float64Array.from(close, (v) => v + 0.5), color: null, lineWidth: 1 };
  const macd = { id: 'macd', name: 'MACD(12, 26, 9) macd', label: 'MACD(12, 26, 9)', values: Float64Array.from(close, (v) => v - 10), color: [1, 0, 0, 1], lineWidth: 1, pane: 'p1' };
  const hist = { id: 'hist', name: 'histogram', label: 'MACD(12, 26, 9)', values: Float64Array.from(close, (v) => v - 9), color: null, lineWidth: 1, pane: 'p1', style: 'histogram' };
  model.setDerived([sma, macd, hist]);
  const palette = LIGHT_THEME.palette;
  assert.deepEqual(model.legendEntries('main', 2, false), [
    { id: 'close', name: 'close', color: palette[0], value: 11, visible: true },
    { id: 'volume', name: 'volume', color: palette[1], value: 3, visible: false },
    { id: 'sma', name: 'SMA(3)', color: palette[2], value: 11.5, visible: true },
  ]);
  assert.deepEqual(model.legendEntries('main', null, false).map((e) => e.value), [11, 8, 11.5], 'null: the last row');
  assert.deepEqual(model.legendEntries('p1', 1, true), [
    { id: 'macd', name: 'macd', color: [1, 0, 0, 1], value: 2, visible: true },
    { id: 'hist', name: '', color: palette[4 % palette.length], value: 3, visible: true },
  ]);
  assert.deepEqual(model.legendEntries('p1', 1, false).map((e) => e.name), ['MACD(12, 26, 9) macd', 'histogram']);
  assert.deepEqual(new ChartModel().legendEntries('main', null, false), []);
});
