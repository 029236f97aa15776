// Error bars and bands (issue 11): a power law measured with noise, drawn on a log y axis with
// yError bars (value ± error, small caps), and the model's 95 % interval as a band series
// between two columns. Zoomed out past one bar per pixel column, bars and band become per-column
// envelopes (min of lows to max of highs). x is the row key (named `x`: the chart has
// x-axis="log"), so with y-scale="log" this is a log-log plot.
export function errorBarsDemo(chart) {
  const n = 60;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const err = new Float64Array(n);
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  let seed = 3;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296);
  for (let i = 0; i < n; i++) {
    x[i] = 10 ** (i / 15); // 1 … ~8000, evenly spaced in log10
    const model = 3 * x[i] ** 1.5;
    y[i] = model * (1 + (random() - 0.5) * 0.4);
    err[i] = y[i] * (0.1 + random() * 0.15);
    lo[i] = model * 0.75;
    hi[i] = model * 1.3;
    // A gap in the band (a NaN breaks it).
    if (i === 40) lo[i] = NaN;
  }
  chart.data = { x, y, err, lo, hi };
  chart.series = [
    { column: 'band', type: 'band', yLow: 'lo', yHigh: 'hi', name: 'model ±', color: '#16a34a' },
    { column: 'y', yError: 'err', name: 'measured', color: '#2563eb' },
  ];
}
