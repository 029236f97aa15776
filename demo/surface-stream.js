import { onScreen } from './on-screen.js';
// A live implied-volatility surface in 3D (type="surface", append({ columns })): every tick one
// column arrives, the smile across 256 strikes at that moment, its at-the-money level, skew and
// curvature drifting as random walks. The chart keeps a window of `maxColumns` columns: the
// oldest drop, the time axis of the box scrolls, and only the new column is written to the GPU
// (its buffers stay the same size: the stats line shows the chart's GPU memory staying flat).
const chart = document.getElementById('vol-stream');
const stats = document.getElementById('vol-stream-stats');
const toggle = document.getElementById('vol-stream-toggle');
const rateInput = document.getElementById('vol-stream-rate');
const visible = onScreen(chart);

const STRIKES = 256;
const WINDOW = 400;
const TICK_S = 0.1; // x of a column: seconds since the stream started
const moneyness = Float64Array.from({ length: STRIKES }, (_, r) => 0.6 + (0.8 * (r + 0.5)) / STRIKES);

/** Seeded noise (an LCG), so the demo drifts the same way each time. */
let seed = 11;
const noise = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5;

// The state of the market the columns sample: ATM vol (%), skew and smile, each a mean-reverting walk.
const market = { atm: 22, skew: -12, smile: 40, shock: 0 };
function step() {
  market.atm += 0.15 * (22 - market.atm) * 0.05 + 0.6 * noise();
  market.skew += 0.05 * (-12 - market.skew) + 0.8 * noise();
  market.smile += 0.05 * (40 - market.smile) + 2 * noise();
  // Now and then a shock lifts the whole smile, then fades: a ridge that scrolls through the box.
  market.shock = noise() > 0.495 ? 8 : market.shock * 0.9;
}

/** One column: the smile across the strikes now (bottom row: the lowest strike). */
function column(out, at) {
  step();
  for (let r = 0; r < STRIKES; r++) {
    const k = Math.log(moneyness[r]);
    out[at + r] = market.atm + market.shock + market.skew * k + market.smile * k * k;
  }
}

chart.config = {
  axes: { x: { title: 'time (s)' }, y: { title: 'strike (% of spot)' } },
  series: { items: [{ id: 'vol', name: 'implied vol %', colormap: 'turbo', colorMin: 10, colorMax: 45 }] },
  camera: { azimuth: -65, elevation: 28 },
};
// An empty surface with room for WINDOW columns (the spectrogram's shape): appends fill it from the right.
chart.data = { rows: STRIKES, cols: 0, values: [], maxColumns: WINDOW, x0: 0, dx: TICK_S, y0: 60, dy: 80 / STRIKES };
await customElements.whenDefined('gpu-chart');
// The 3D code is a lazy chunk: the first append waits until the chart holds the (empty) grid.
const gridOf = () => {
  try {
    return chart.model.three.grid;
  } catch {
    return null; // model.three throws until the 3D chunk has loaded
  }
};
while (!gridOf()) await new Promise((resolve) => setTimeout(resolve, 50));

const buffer = new Float32Array(STRIKES * 16);
let running = true;
let produced = 0;
let appendMs = 0;
let last = performance.now();
let owed = 0;
let window1s = { t: performance.now(), n: 0 };
function tick(now) {
  if (!running || !chart.isConnected) return;
  const rate = Number(rateInput.value);
  if (visible.visible) {
    owed = Math.min(16, owed + ((now - last) / 1000) * rate);
    const k = Math.floor(owed);
    if (k > 0) {
      for (let j = 0; j < k; j++) column(buffer, j * STRIKES);
      const t0 = performance.now();
      chart.append({ columns: buffer.subarray(0, k * STRIKES) });
      appendMs += performance.now() - t0;
      owed -= k;
      produced += k;
      window1s.n += k;
    }
  }
  last = now;
  if (now - window1s.t > 1000) {
    const grid = gridOf();
    stats.textContent = `${Math.round((window1s.n * 1000) / (now - window1s.t))} columns/s · ${grid?.cols ?? 0} of ${WINDOW} columns shown · append ${(appendMs / Math.max(1, window1s.n)).toFixed(3)} ms/column · ${(chart.gpuMemoryBytes / 2 ** 20).toFixed(2)} MiB GPU · ${produced.toLocaleString('en')} columns so far`;
    window1s = { t: now, n: 0 };
    appendMs = 0;
  }
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);

toggle.addEventListener('click', () => {
  running = !running;
  toggle.textContent = running ? 'Pause' : 'Resume';
  last = performance.now();
  if (running) requestAnimationFrame(tick);
});
