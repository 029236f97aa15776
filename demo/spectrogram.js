// A live spectrogram: a synthetic signal (a chirp sweeping up and down, a steady tone, a pulse
// train and noise) is cut into overlapping Hann-windowed frames, each frame's magnitude spectrum
// (radix-2 FFT, in dB) is one column, and columns are streamed into a <gpu-chart> heatmap whose
// ring of `maxColumns` columns scrolls. Interpolation and colormap are the chart's attributes.
const SAMPLE_RATE = 8000;
const FFT = 256;
const HOP = 32; // 250 columns per second
const ROWS = FFT / 2;
const WINDOW_COLUMNS = 1000; // 4 s on screen

/** In-place iterative radix-2 FFT of (re, im), length a power of two. */
function fft(re, im) {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const step = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k++) {
        const cos = Math.cos(step * k);
        const sin = Math.sin(step * k);
        const a = start + k;
        const b = a + size / 2;
        const tr = re[b] * cos - im[b] * sin;
        const ti = re[b] * sin + im[b] * cos;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

/** The synthetic signal, sample by sample (keeps its own phase so the chirp is continuous). */
function signal() {
  let n = 0;
  let phase = 0;
  let seed = 7;
  const noise = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5);
  return () => {
    const t = n++ / SAMPLE_RATE;
    // Chirp: 200 Hz → 3600 Hz and back every 6 s (triangle sweep).
    const cycle = (t % 6) / 3;
    const f = 200 + 3400 * (cycle < 1 ? cycle : 2 - cycle);
    phase += (2 * Math.PI * f) / SAMPLE_RATE;
    const pulse = t % 1 < 0.05 ? Math.sin(2 * Math.PI * 2500 * t) : 0;
    return Math.sin(phase) + 0.3 * Math.sin(2 * Math.PI * 1000 * t) + 0.5 * pulse + 0.05 * noise();
  };
}

export function startSpectrogram(chart, { interpolation, colormap, logFrequency, toggle, stats }) {
  const next = signal();
  const hann = Float32Array.from({ length: FFT }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FFT - 1)));
  const frame = new Float32Array(FFT);
  const re = new Float32Array(FFT);
  const im = new Float32Array(FFT);
  // Prime the frame with FFT - HOP samples; each column then reads HOP new ones.
  for (let i = HOP; i < FFT; i++) frame[i] = next();
  const columns = new Float32Array(ROWS * 64);

  chart.data = { rows: ROWS, cols: 0, values: new Float32Array(0), maxColumns: WINDOW_COLUMNS, x0: Date.now(), dx: (HOP / SAMPLE_RATE) * 1000, y0: 0, dy: SAMPLE_RATE / FFT };
  // Fixed colour range in dB, so the picture does not pump as loud columns scroll in and out.
  chart.series = [{ column: 'value', name: 'level (dB)', colorMin: -50, colorMax: 40 }];

  function column(out, at) {
    frame.copyWithin(0, HOP);
    for (let i = FFT - HOP; i < FFT; i++) frame[i] = next();
    for (let i = 0; i < FFT; i++) {
      re[i] = frame[i] * hann[i];
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k < ROWS; k++) out[at + k] = 10 * Math.log10(re[k] * re[k] + im[k] * im[k] + 1e-9);
  }

  let running = true;
  let produced = 0;
  let started = performance.now();
  let rateWindow = { t: performance.now(), n: 0 };
  // Streams only while on screen: off screen its frames would only hold up the other charts'
  // (they share one GPU device, and on a software adapter each spectrogram frame is costly).
  let visible = false;
  new IntersectionObserver((entries) => (visible = entries.some((e) => e.isIntersecting))).observe(chart);
  function tick() {
    if (!running || !chart.isConnected) return;
    if (!visible) {
      started = performance.now() - (produced * 1000) / (SAMPLE_RATE / HOP);
      requestAnimationFrame(tick);
      return;
    }
    const due = Math.floor(((performance.now() - started) / 1000) * (SAMPLE_RATE / HOP)) - produced;
    const k = Math.min(64, Math.max(0, due));
    if (k > 0) {
      for (let j = 0; j < k; j++) column(columns, j * ROWS);
      chart.append({ columns: columns.subarray(0, k * ROWS) });
      produced += k;
      rateWindow.n += k;
    }
    const now = performance.now();
    if (now - rateWindow.t > 1000) {
      stats.textContent = `${Math.round((rateWindow.n * 1000) / (now - rateWindow.t))} columns/s · ${chart.model.gridData?.count ?? 0} of ${WINDOW_COLUMNS} columns · ${(chart.gpuMemoryBytes / 2 ** 20).toFixed(2)} MiB GPU`;
      rateWindow = { t: now, n: 0 };
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);

  interpolation.addEventListener('change', () => chart.setAttribute('interpolation', interpolation.value));
  colormap.addEventListener('change', () => chart.setAttribute('colormap', colormap.value));
  // A log frequency axis: rows stay uniform in Hz, each pixel finds its row through 10^ (see README).
  logFrequency?.addEventListener('change', () => chart.setAttribute('y-scale', logFrequency.checked ? 'log' : 'linear'));
  toggle.addEventListener('click', () => {
    running = !running;
    toggle.textContent = running ? 'Pause' : 'Resume';
    if (running) {
      // Resume without a burst of the columns missed while paused.
      started = performance.now() - (produced * 1000) / (SAMPLE_RATE / HOP);
      requestAnimationFrame(tick);
    }
  });
}

const chart = document.querySelector('#spectrogram-chart');
if (chart) {
  await customElements.whenDefined('gpu-chart');
  startSpectrogram(chart, {
    interpolation: document.querySelector('#spectrogram-interpolation'),
    colormap: document.querySelector('#spectrogram-colormap'),
    logFrequency: document.querySelector('#spectrogram-log'),
    toggle: document.querySelector('#spectrogram-toggle'),
    stats: document.querySelector('#spectrogram-stats'),
  });
}
