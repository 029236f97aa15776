// The live examples of the generated reference pages (scripts/gen-docs.mjs): HTML with scripts
// that run with `root` (the example's own preview element) and `GpuCharts` in scope. Each one is
// short and self-contained, so a reader can copy it into a page (replacing `root` by `document`).

/** Statements building a deterministic OHLCV series of `n` hourly bars into `time, open, …`. */
export const OHLCV = (n = 300) => `let price = 100;
const time = [], open = [], high = [], low = [], close = [], volume = [];
for (let i = 0; i < ${n}; i++) {
  const o = price;
  price += Math.sin(i * 1.7) * 1.5 + Math.cos(i * 0.31) * 0.9;
  time.push(Date.UTC(2024, 0, 1) + i * 3_600_000);
  open.push(o); close.push(price);
  high.push(Math.max(o, price) + 0.8); low.push(Math.min(o, price) - 0.8);
  volume.push(1000 + 600 * Math.abs(Math.sin(i / 7)));
}`;

/** Statements building `time` and `value` of a smooth minute series. */
export const LINE = (n = 500) => `const time = Array.from({ length: ${n} }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000);
const value = time.map((_, i) => 100 + 10 * Math.sin(i / 40) + i / 25);`;

const chartWithData = (attributes, dataStatements, assign) => `<gpu-chart ${attributes}></gpu-chart>
<script>
  const chart = root.querySelector('gpu-chart');
${indent(dataStatements)}
${indent(assign)}
</script>`;

const indent = (text) =>
  text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');

/** One example per series type: { title, code }; a type without one is reported by the generator. */
export const SERIES_EXAMPLES = {
  line: chartWithData('type="line"', LINE(), 'chart.data = { time, value };'),
  area: chartWithData('type="area"', LINE(), 'chart.data = { time, value };'),
  baseline: chartWithData(
    'type="baseline"',
    LINE(),
    `chart.data = { time, value };
// Above 105 in the up colour, below it in the down colour.
chart.series = [{ column: 'value', type: 'baseline', baseValue: 105 }];`,
  ),
  bar: chartWithData(
    'type="bar"',
    'const time = Array.from({ length: 120 }, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000);\nconst value = time.map((_, i) => 20 + 15 * Math.sin(i / 9) + (i % 7));',
    'chart.data = { time, value };',
  ),
  volume: chartWithData('type="volume"', OHLCV(), 'chart.data = { time, open, high, low, close, volume };'),
  candlestick: chartWithData('type="candlestick"', OHLCV(), 'chart.data = { time, open, high, low, close, volume };'),
  ohlc: chartWithData('type="ohlc"', OHLCV(120), 'chart.data = { time, open, high, low, close };'),
  heatmap: chartWithData(
    'type="heatmap" x-axis="linear" colormap="magma" interpolation="bilinear"',
    `// A 64 × 128 grid, row-major, row 0 at the bottom.
const rows = 64, cols = 128;
const values = new Float32Array(rows * cols);
for (let r = 0; r < rows; r++)
  for (let c = 0; c < cols; c++) values[r * cols + c] = Math.sin(c / 9) * Math.cos(r / 7) + r / rows;`,
    'chart.data = { rows, cols, values, x0: 0, dx: 1, y0: 0, dy: 1 };',
  ),
  scatter: chartWithData(
    'x-axis="linear"',
    `const n = 2000;
const x = new Float64Array(n), y = new Float64Array(n), depth = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const angle = i * 0.37, radius = 1 + (i % 97) / 20;
  x[i] = Math.cos(angle) * radius; y[i] = Math.sin(angle) * radius * 0.6; depth[i] = radius;
}`,
    `chart.data = { x, y, depth };
chart.series = [{ column: 'y', type: 'scatter', x: 'x', colorBy: 'depth', colormap: 'viridis', markerSize: 5 }];`,
  ),
  band: chartWithData(
    'type="line"',
    `${LINE(300)}
const lo = value.map((v, i) => v - 3 - Math.abs(Math.sin(i / 30)) * 4);
const hi = value.map((v, i) => v + 3 + Math.abs(Math.cos(i / 30)) * 4);`,
    `chart.data = { time, value, lo, hi };
chart.series = [
  { column: 'value', type: 'band', yLow: 'lo', yHigh: 'hi', name: 'Range' },
  { column: 'value', type: 'line', name: 'Value' },
];`,
  ),
};

/** What each series type draws, one sentence (the rest is in the README and docs/config.md). */
export const SERIES_SUMMARY = {
  line: 'A polyline per value column; zoomed out, M4 decimation keeps it pixel-exact.',
  area: 'A line filled down to the bottom of the pane.',
  baseline: 'A line filled above its base value in the up colour and below it in the down colour (`baseValue`, default the first visible value).',
  bar: 'A histogram from 0; zoomed out, each pixel column spans its bars’ minimum and maximum.',
  volume: 'Volume bars coloured by each bar’s direction (open vs close), summed per pixel column when zoomed out.',
  candlestick: 'Candles from `open`/`high`/`low`/`close` (and `volume` as a histogram); zoomed out, bars are grouped per pixel column.',
  ohlc: 'OHLC bars (open tick left, close tick right) from `open`/`high`/`low`/`close`.',
  heatmap: 'A grid `{ rows, cols, values, x0, dx, y0, dy }` through a colormap, with nearest, bilinear or bicubic interpolation; streaming columns for spectrograms.',
  scatter: 'One marker per row at (x, y), in any order; size, colour by a column, marker shapes, density maps and clusters.',
  band: 'The filled area between two columns (`yLow`/`yHigh`, or the column ± `yError`).',
};

/** One example per element (the tag's own page). */
export const ELEMENT_EXAMPLES = {
  'gpu-chart': [
    {
      title: 'A line chart from JavaScript data',
      code: chartWithData('type="area" theme="light"', LINE(), "chart.data = { time, value };\nchart.addEventListener('gpu-crosshair', (e) => console.log(e.detail.time));"),
    },
    {
      title: 'Configuration: a config object and a runtime update',
      code: chartWithData(
        'type="line"',
        LINE(),
        `chart.data = { time, value };
chart.config = { theme: 'dark', series: { lineWidth: 2.5 } };
// Invalid settings fire gpu-config-error and the last good configuration stays:
// try changing lineWidth to -1 above.`,
      ),
    },
  ],
  'gpu-indicator': [
    {
      title: 'Indicators as children of a chart',
      code: `<gpu-chart type="candlestick">
  <gpu-indicator type="ema" period="20" color="#f97316"></gpu-indicator>
  <gpu-indicator type="bbands" period="20" stddev="2"></gpu-indicator>
  <gpu-indicator type="rsi" period="14" pane="new"></gpu-indicator>
</gpu-chart>
<script>
  const chart = root.querySelector('gpu-chart');
${indent(OHLCV())}
  chart.data = { time, open, high, low, close, volume };
</script>`,
    },
  ],
  'gpu-perf-overlay': [
    {
      title: 'Frame statistics over a chart',
      code: `<gpu-chart type="line">
  <gpu-perf-overlay position="top-right" mode="expanded"></gpu-perf-overlay>
</gpu-chart>
<script>
  const chart = root.querySelector('gpu-chart');
  const time = Array.from({ length: 100_000 }, (_, i) => Date.UTC(2024, 0, 1) + i * 1000);
  chart.data = { time, value: time.map((_, i) => Math.sin(i / 500) * 10 + Math.sin(i / 37)) };
</script>`,
    },
  ],
};

/** The example of an indicator: a candlestick chart with that indicator at its defaults. */
export function indicatorExample(type) {
  return `<gpu-chart type="candlestick">
  <gpu-indicator type="${type}"></gpu-indicator>
</gpu-chart>
<script>
  const chart = root.querySelector('gpu-chart');
${indent(OHLCV())}
  chart.data = { time, open, high, low, close, volume };
</script>`;
}

/** The example of a preset: a line chart with that preset. */
export function presetExample(name) {
  return chartWithData(`type="line" preset="${name}"`, LINE(), 'chart.data = { time, value };');
}
