// <gpu-chart> drawing with real WebGPU: pixels read back from the GPU.
import { rng } from '../../demo/sample-data.js';
import { assert, assertEqual, BLUE, countColor, createChart, pixel, colorDistance, rowsWithColor, WHITE } from './helpers.js';

describe('gpu-chart rendering', () => {
  afterEach(() => document.querySelectorAll('gpu-chart').forEach((chart) => chart.remove()));

  it('draws a line through the data points at the right pixels', async () => {
    const chart = await createChart({ data: { time: [0, 1000], value: [0, 10] } });
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const { yMin, yMax } = chart.getViewport();
    const yOf = (v) => plot.y + ((yMax - v) / (yMax - yMin)) * plot.height;
    // Background is white away from the line, the line is blue where it should be.
    assert(colorDistance(pixel(snap, plot.x + 20, plot.y + 10), WHITE) < 30, 'background');
    for (const fraction of [0.25, 0.5, 0.75]) {
      const x = Math.round(plot.x + fraction * plot.width);
      const expected = yOf(10 * fraction);
      const rows = rowsWithColor(snap, x, BLUE);
      assert(rows.length > 0, `line present at column ${x}`);
      const centre = (rows[0] + rows[rows.length - 1]) / 2;
      assert(Math.abs(centre - expected) <= 1.5, `line at y≈${expected.toFixed(1)} in column ${x}, found ${centre}`);
    }
  });

  it('fills an area series between the line and the bottom of the plot', async () => {
    const chart = await createChart({ attributes: { type: 'area' }, data: { time: [0, 1000], value: [5, 5] } });
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const below = pixel(snap, plot.x + plot.width / 2, plot.y + plot.height - 10);
    const above = pixel(snap, plot.x + plot.width / 2, plot.y + 10);
    assert(colorDistance(above, WHITE) < 30, `white above the line, got ${above}`);
    assert(colorDistance(below, WHITE) > 30 && below[2] > below[0], `tinted blue below the line, got ${below}`);
  });

  it('is exact to the millisecond inside ten years of data (20 ms window)', async () => {
    const centre = Date.UTC(2021, 5, 15, 12, 0, 0);
    const time = [];
    const value = [];
    // Daily points for ten years, and 1 ms points around `centre` (a zigzag between 0 and 1).
    for (let t = Date.UTC(2016, 0, 1); t < centre - 1000; t += 86_400_000) time.push(t), value.push(0.5);
    for (let k = -1000; k <= 1000; k++) time.push(centre + k), value.push(Math.abs(k) % 2);
    for (let t = centre + 86_400_000; t < Date.UTC(2026, 0, 1); t += 86_400_000) time.push(t), value.push(0.5);
    const chart = await createChart({ width: 480, height: 260, data: { time: Float64Array.from(time), value: Float64Array.from(value) } });
    chart.setViewport(centre + 100, centre + 120, -1, 2);
    await chart.nextFrame();
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const yOf = (v) => plot.y + ((2 - v) / 3) * plot.height;
    for (let k = 1; k < 20; k++) {
      const x = Math.round(plot.x + (k / 20) * plot.width);
      const v = (100 + k) % 2;
      const rows = rowsWithColor(snap, x, BLUE);
      assert(rows.length > 0, `line at column ${x}`);
      // The vertex is the extreme of the zigzag: the topmost (v = 1) or bottommost (v = 0) blue row.
      const extreme = v === 1 ? rows[0] : rows[rows.length - 1];
      assert(Math.abs(extreme - yOf(v)) <= 3, `point ${k} ms at y≈${yOf(v).toFixed(1)}, found ${extreme} (column ${x})`);
    }
  });

  it('draws the same picture with M4 decimation as drawing every point', async () => {
    const n = 400_000;
    const time = new Float64Array(n);
    const value = new Float64Array(n);
    let v = 0;
    const random = rng(1);
    for (let i = 0; i < n; i++) {
      v += random() - 0.5;
      time[i] = i * 10;
      value[i] = v + (i % 1000 === 0 ? 8 : 0); // spikes that a naive subsample would miss
    }
    const decimated = await createChart({ width: 500, height: 240, data: { time, value } });
    const full = await createChart({ width: 500, height: 240, attributes: { lod: 'off' }, data: { time, value } });
    for (const chart of [decimated, full]) chart.series = [{ column: 'value', lineWidth: 1 }];
    const frame = decimated.model.frame();
    assertEqual(frame.lod.mode, 'm4', 'decimated chart uses M4');
    assert(frame.lod.drawnPoints <= 4 * 500 * 1.1, `at most ~4 points per pixel column, drew ${frame.lod.drawnPoints}`);
    assertEqual(full.model.frame().lod.drawnPoints, n, 'full chart draws every point');
    const a = await decimated.snapshot();
    const b = await full.snapshot();
    // M4 is exact for aliased 1 px lines. With antialiasing, sub-pixel x positions change which
    // of two neighbouring pixel columns gets the ink (decimated points sit at column centres), so
    // the comparison allows one pixel of horizontal slack: every pixel column's ink extent, taken
    // over its neighbours too, must agree within one pixel, and no solid pixel of one drawing may
    // be blank (3×3 neighbourhood) in the other.
    const plot = decimated.model.plotCss();
    const mask = (snap, threshold) => {
      const m = new Uint8Array(snap.width * snap.height);
      for (let y = Math.ceil(plot.y); y < plot.y + plot.height; y++) {
        for (let x = Math.ceil(plot.x); x < plot.x + plot.width; x++) m[y * snap.width + x] = colorDistance(pixel(snap, x, y), WHITE) > threshold ? 1 : 0;
      }
      return m;
    };
    const width = a.width;
    const inkA = mask(a, 60);
    const inkB = mask(b, 60);
    // Ink rows of pixel column x, or of x and its two neighbours (`spread`).
    const extent = (m, x, spread) => {
      let top = Infinity;
      let bottom = -Infinity;
      for (let y = 0; y < a.height; y++) {
        for (let dx = -spread; dx <= spread; dx++) {
          if (m[y * width + x + dx]) {
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
        }
      }
      return [top, bottom];
    };
    // Each drawing's column lies inside the other's column ±1 (x), ±1 px (y).
    const outside = (inner, outer) => Math.max(0, outer[0] - inner[0], inner[1] - outer[1]);
    let columns = 0;
    let off = 0;
    let worst = 0;
    for (let x = Math.ceil(plot.x) + 2; x < plot.x + plot.width - 2; x++) {
      const deviation = Math.max(outside(extent(inkA, x, 0), extent(inkB, x, 1)), outside(extent(inkB, x, 0), extent(inkA, x, 1)));
      worst = Math.max(worst, deviation);
      if (deviation > 1) off++;
      columns++;
    }
    assert(off / columns < 0.01, `column extents match within 1 px: ${off} of ${columns} columns differ (worst ${worst} px)`);
    assert(worst <= 2, `no column differs by more than 2 px (worst ${worst})`);
    const solidA = mask(a, 150);
    const solidB = mask(b, 150);
    const near = (m, x, y) => m[(y - 1) * width + x - 1] || m[(y - 1) * width + x] || m[(y - 1) * width + x + 1] || m[y * width + x - 1] || m[y * width + x] || m[y * width + x + 1] || m[(y + 1) * width + x - 1] || m[(y + 1) * width + x] || m[(y + 1) * width + x + 1];
    let solid = 0;
    let unmatched = 0;
    for (let y = 1; y < a.height - 1; y++) {
      for (let x = 1; x < width - 1; x++) {
        const i = y * width + x;
        if (solidA[i] || solidB[i]) solid++;
        if ((solidA[i] && !near(inkB, x, y)) || (solidB[i] && !near(inkA, x, y))) unmatched++;
      }
    }
    assert(solid > 3000, `the drawings have ink (${solid} solid px)`);
    assert(unmatched / solid < 0.002, `${unmatched} of ${solid} solid pixels have no ink near them in the other drawing`);
  });

  it('draws several series with palette colours and a legend', async () => {
    const chart = await createChart({ data: { time: [0, 1000], a: [0, 0], b: [1, 1] } });
    const snap = await chart.snapshot();
    const red = [220, 38, 38];
    assert(countColor(snap, BLUE, 60) > 100, 'first series in blue');
    assert(countColor(snap, red, 60) > 100, 'second series in red');
    await chart.updateComplete;
    const legend = chart.shadowRoot.querySelector('[part=legend]').textContent;
    assert(legend.includes('a') && legend.includes('b'), `legend names both series: ${legend}`);
  });

  it('dark theme and CSS custom properties change what the GPU draws', async () => {
    const chart = await createChart({ attributes: { theme: 'dark' }, data: { time: [0, 1000], value: [0, 1] } });
    let snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const dark = pixel(snap, plot.x + 5, plot.y + 5);
    assert(dark[0] < 40 && dark[2] < 70, `dark background, got ${dark}`);
    chart.style.setProperty('--gpu-chart-background', 'rgb(250, 240, 200)');
    chart.refreshStyles();
    snap = await chart.snapshot();
    const custom = pixel(snap, plot.x + 5, plot.y + 5);
    assert(colorDistance(custom, [250, 240, 200]) < 6, `custom background, got ${custom}`);
  });

  it('draws log scales with decade ticks', async () => {
    const time = Array.from({ length: 100 }, (_, i) => i * 1000);
    const value = time.map((_, i) => 10 ** (i / 20));
    const chart = await createChart({ attributes: { 'y-scale': 'log' }, data: { time, value } });
    await chart.updateComplete;
    const labels = [...chart.shadowRoot.querySelectorAll('.y-axis .tick')].map((t) => t.textContent);
    assert(labels.includes('100') && labels.includes('10k'), `log ticks at decades: ${labels}`);
    // An exponential is a straight line on a log scale: the middle of the data is mid-height.
    const snap = await chart.snapshot();
    const plot = chart.model.plotCss();
    const x = Math.round(plot.x + plot.width * (49.5 / 99));
    const rows = rowsWithColor(snap, x, BLUE);
    const centre = (rows[0] + rows[rows.length - 1]) / 2;
    assert(Math.abs(centre - (plot.y + plot.height / 2)) < 4, `straight line on log scale (row ${centre})`);
  });
});
