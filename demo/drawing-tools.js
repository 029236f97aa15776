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
  // The bulk set of the scale button is not saved (it is 11,000 drawings).
  const drawings = chart.annotations.filter((a) => !a.id.startsWith('bulk-'));
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(drawings));
    stats.textContent = `${drawings.length} drawings saved to localStorage`;
  } catch (error) {
    stats.textContent = `not saved: ${error.message}`;
  }
}

// One save per task, however many changes it made (setting 11,000 annotations fires 11,000 events).
let last = null;
chart.addEventListener('gpu-annotation-change', (event) => {
  const pending = last !== null;
  last = event.detail;
  if (pending) return;
  setTimeout(() => {
    const { action, annotation, source } = last;
    last = null;
    save();
    stats.textContent += ` · last: ${annotation.kind} ${annotation.id} ${action} (${source})`;
  });
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

// Scale: 10,000 buy/sell markers and 1,000 trend lines (not editable, so not saved); pan and zoom
// stay as fast as without them (they are prepared once and only projected when the view moves).
const heavy = document.createElement('button');
heavy.textContent = '10k markers + 1k lines';
document.querySelector('#drawing-clear').after(' ', heavy);
heavy.addEventListener('click', () => {
  const n = bars.time.length;
  const list = [];
  for (let k = 0; k < 10_000; k++) {
    const i = n - 1 - k * 50;
    list.push({ id: `bulk-m${k}`, kind: 'marker', points: [{ time: bars.time[i] }], side: bars.close[i] >= bars.open[i] ? 'buy' : 'sell', editable: false });
  }
  for (let k = 0; k < 1_000; k++) {
    const i = n - 2000 - k * 400;
    list.push({ id: `bulk-t${k}`, kind: 'trend', points: [{ time: bars.time[i], price: bars.close[i] }, { time: bars.time[i + 1500], price: bars.close[i + 1500] }], color: k % 2 ? '#f59e0b' : '#2563eb', editable: false });
  }
  chart.annotations = [...chart.annotations.filter((a) => !a.id.startsWith('bulk-')), ...list];
  requestAnimationFrame(() => requestAnimationFrame(() => {
    // The first frame prepared them (once); then a pan there and back shows what a moving frame costs.
    const prepared = chart.lastFrameStats?.sceneMs ?? NaN;
    const { start, end } = chart.getViewport();
    const shift = (end - start) * 0.01;
    const t0 = performance.now();
    chart.setViewport(start + shift, end + shift);
    chart.renderNow();
    chart.setViewport(start, end);
    const frame = chart.renderNow();
    const panned = (performance.now() - t0) / 2;
    stats.textContent = `${chart.annotations.length} drawings · prepared once in ${prepared.toFixed(0)} ms · a panned frame: ${panned.toFixed(1)} ms CPU with ${frame?.renderer ?? chart.rendererKind}`;
  }));
});
