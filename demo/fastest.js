import { onScreen } from './on-screen.js';
// renderer="auto" and bounded streaming: 3 series streamed at 10,000 rows a second into a chart
// that keeps the newest `max-points` rows (a ring buffer: flat memory however long it runs). The
// chart reports which backend it chose and why (gpu-renderer-change), with the frame costs it
// measured; the stats line shows the rows kept and the data's bytes, which stop growing once the
// ring is full.
const chart = document.getElementById('fastest-chart');
const stats = document.getElementById('fastest-stats');
const choice = document.getElementById('fastest-choice');
const toggle = document.getElementById('fastest-toggle');
const seen = onScreen(chart);
const RATE = 10_000; // rows a second
let running = true;
let row = 0;
let last = performance.now();
const level = [100, 120, 140];

function rows(count) {
  const time = new Float64Array(count);
  const columns = level.map(() => new Float64Array(count));
  for (let i = 0; i < count; i++, row++) {
    time[i] = Date.UTC(2024, 0, 1) + row * 10;
    level.forEach((v, k) => {
      level[k] = v + (Math.random() - 0.5) * 0.3;
      columns[k][i] = level[k];
    });
  }
  return { time, a: columns[0], b: columns[1], c: columns[2] };
}

chart.series = [{ column: 'a', name: 'A' }, { column: 'b', name: 'B' }, { column: 'c', name: 'C' }];
chart.data = rows(50_000);

chart.addEventListener('gpu-renderer-change', (e) => {
  const { renderer, cause, reason, measurements } = e.detail;
  const m = Object.entries(measurements).map(([k, v]) => `${k} median ${v.p50.toFixed(1)} ms`).join(', ');
  choice.textContent = `renderer="auto" → ${renderer} (${cause}): ${reason}${m ? ` — measured ${m}` : ''}`;
});

function tick(now) {
  if (running && seen.visible) {
    const count = Math.min(5_000, Math.round(((now - last) / 1000) * RATE));
    if (count > 0) chart.appendData(rows(count));
    const store = chart.model.data;
    if (store) stats.textContent = `${row.toLocaleString('en')} rows streamed, ${store.length.toLocaleString('en')} kept, ${(store.byteLength / 2 ** 20).toFixed(1)} MB of data, drawn with ${chart.rendererKind}`;
  }
  last = now;
  requestAnimationFrame(tick);
}
requestAnimationFrame(tick);

toggle.addEventListener('click', () => {
  running = !running;
  toggle.textContent = running ? 'Pause' : 'Resume';
});
document.getElementById('fastest-renderer').addEventListener('change', (e) => (chart.renderer = e.target.value));
document.getElementById('fastest-max').addEventListener('change', (e) => {
  if (e.target.value) chart.setAttribute('max-points', e.target.value);
  else chart.removeAttribute('max-points');
});
