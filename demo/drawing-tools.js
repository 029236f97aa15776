// Drawing tools on a million one-minute bars: trend lines, Fibonacci retracements, price/time
// ranges and buy/sell markers, drawn with the toolbar (or declared), edited with the pointer and
// keyboard, undone with Ctrl+Z, and saved to localStorage on every change (restored on reload).
import { ohlcBars } from './sample-data.js';

const STORAGE_KEY = 'gpu-charts-demo:drawings';
const chart = document.querySelector('#drawing-chart');
const stats = document.querySelector('#drawing-stats');
const bars = ohlcBars(1_000_000);
chart.data = bars;

/** A few drawings on the last two days of bars, so that the section shows something at first. */
function examples() {
  const n = bars.time.length;
  const at = (i) => ({ time: bars.time[i], price: bars.close[i] });
  let lo = n - 2880;
  let hi = n - 2880;
  for (let i = n - 2880; i < n - 600; i++) {
    if (bars.low[i] < bars.low[lo]) lo = i;
    if (bars.high[i] > bars.high[hi]) hi = i;
  }
  const [a, b] = lo < hi ? [lo, hi] : [hi, lo];
  const markers = [];
  for (let i = n - 2400; i < n; i += 120) {
    const up = bars.close[i] > bars.close[i - 60];
    markers.push({ id: `signal-${i}`, kind: 'marker', points: [{ time: bars.time[i] }], side: up ? 'buy' : 'sell' });
  }
  return [
    { id: 'swing', kind: 'fib', points: [{ time: bars.time[a], price: lo < hi ? bars.low[a] : bars.high[a] }, { time: bars.time[b], price: lo < hi ? bars.high[b] : bars.low[b] }] },
    { id: 'trend', kind: 'trend', points: [at(n - 2800), at(n - 1500)], color: '#f59e0b', width: 2 },
    { id: 'move', kind: 'range', points: [at(n - 900), at(n - 300)] },
    { id: 'last-close', kind: 'hline', points: [{ price: bars.close[n - 1] }], dash: 'dashed', color: '#6b7280', label: 'last close' },
    ...markers,
  ];
}

function restore() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) return JSON.parse(saved);
  } catch {
    // Private mode or a corrupt entry: start from the examples.
  }
  return examples();
}

chart.annotations = restore();
chart.setViewport(bars.time.at(-3000), bars.time.at(-1));

function save() {
  const drawings = chart.annotations;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(drawings));
    stats.textContent = `${drawings.length} drawings saved to localStorage`;
  } catch (error) {
    stats.textContent = `not saved: ${error.message}`;
  }
}

chart.addEventListener('gpu-annotation-change', (event) => {
  const { action, annotation, source } = event.detail;
  save();
  stats.textContent += ` · last: ${annotation.kind} ${annotation.id} ${action} (${source})`;
});
// Invalid saved drawings (edited by hand) are reported, and the valid ones still shown.
chart.addEventListener('gpu-config-error', (event) => {
  stats.textContent = event.detail.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
});

document.querySelector('#drawing-reset').addEventListener('click', () => {
  chart.annotations = examples();
});
document.querySelector('#drawing-clear').addEventListener('click', () => {
  chart.annotations = [];
});
stats.textContent = `${chart.annotations.length} drawings`;
