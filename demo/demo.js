import { ohlcBars, randomWalk, twoSeries } from './sample-data.js';
import { stepSeries } from './step-series.js';
import { onScreen } from './on-screen.js';

// `?tier=high` pins every chart's quality tier (screenshot tests want the same picture every run).
const pinnedTier = new URLSearchParams(location.search).get('tier');
if (pinnedTier) for (const chart of document.querySelectorAll('gpu-chart')) chart.updateConfig({ quality: { tier: pinnedTier } });

const log = document.querySelector('#event-log');
function logEvent(event) {
  if (event.detail.source === 'data' && event.target.id === 'stream-chart') return; // 10 per second
  const detail = JSON.stringify(event.detail, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(3)) : v));
  log.textContent = `${event.type} #${event.target.id} ${detail.slice(0, 160)}\n${log.textContent}`.slice(0, 6000);
}
for (const type of ['gpu-ready', 'gpu-viewport-change', 'gpu-data-error', 'gpu-load-progress', 'gpu-fallback', 'gpu-config-error', 'gpu-config-change', 'gpu-quality-change', 'gpu-recovery']) {
  document.addEventListener(type, logEvent);
}

// — Ten million points —
const big = document.querySelector('#big-chart');
const sizeSelect = document.querySelector('#size');
const bigStats = document.querySelector('#big-stats');
function loadBig() {
  const count = Number(sizeSelect.value);
  const t0 = performance.now();
  const data = randomWalk(count, { seed: 7, stepMs: 1000 });
  const t1 = performance.now();
  big.data = data;
  const t2 = performance.now();
  big.nextFrame().then(() => {
    bigStats.textContent = `${count.toLocaleString('en')} points: generated in ${(t1 - t0).toFixed(0)} ms, data set in ${(t2 - t1).toFixed(0)} ms, first frame after ${(performance.now() - t1).toFixed(0)} ms`;
  });
}
sizeSelect.addEventListener('change', loadBig);
big.addEventListener('gpu-viewport-change', () => {
  const frame = big.model.frame();
  if (frame) bigStats.dataset.lod = `${frame.lod.mode}: ${frame.lod.visiblePoints.toLocaleString('en')} visible, ${frame.lod.drawnPoints.toLocaleString('en')} drawn`;
});
loadBig();

// — Candlesticks —
const candles = document.querySelector('#candle-chart');
const candleStats = document.querySelector('#candle-stats');
const bars = ohlcBars(1_000_000);
candles.data = bars;
document.querySelector('#bar-style').addEventListener('change', (e) => (candles.type = e.target.value));
// Resampled from the one-minute bars on the page: no reload, indicators recomputed on the new bars.
document.querySelector('#timeframe').addEventListener('change', (e) => (candles.timeframe = e.target.value || null));
for (const id of ['rsi', 'macd']) {
  document.querySelector(`#show-${id}`).addEventListener('change', (e) => (document.querySelector(`#${id}`).hidden = !e.target.checked));
}

// — Linked charts: the same bars as a baseline series (around the first visible close) and volume —
const baseline = document.querySelector('#baseline-chart');
baseline.series = [{ column: 'close', type: 'baseline', name: 'Close vs. first visible' }];
baseline.data = bars;
const volume = document.querySelector('#volume-chart');
volume.series = [{ column: 'volume', type: 'volume', name: 'Volume' }];
volume.data = bars;
candles.onFrame((stats) => {
  if (stats.gpuMs === null) candleStats.textContent = `${stats.visiblePoints.toLocaleString('en')} bars visible, ${stats.pointsDrawn.toLocaleString('en')} rect corners drawn (${stats.lod === 'raw' ? 'one candle per bar' : 'bars aggregated per pixel column'}), frame ${stats.cpuMs.toFixed(1)} ms CPU`;
});

// — Several series —
const multi = document.querySelector('#multi-chart');
multi.series = [
  { column: 'price', type: 'area', name: 'Price' },
  { column: 'average', type: 'line', name: 'Average', lineWidth: 2.5, color: '#f97316' },
];
multi.data = twoSeries(50_000, { seed: 3, stepMs: 60_000 });

// — A series type of the page's own —
window.GpuCharts.registerSeriesType(stepSeries(window.GpuCharts));
const step = document.querySelector('#step-chart');
step.series = [{ column: 'value', type: 'step', name: 'Rate (step)' }];
step.data = randomWalk(60, { seed: 11, stepMs: 3_600_000 });

// — CSV —
const csv = document.querySelector('#csv-chart');
const csvStatus = document.querySelector('#csv-status');
csv.addEventListener('gpu-load-progress', (e) => (csvStatus.textContent = `${e.detail.phase}: ${e.detail.loaded} of ${e.detail.total ?? '?'} bytes`));
csv.addEventListener('gpu-data-error', (e) => (csvStatus.textContent = `error: ${e.detail.message}`));
document.querySelector('#load-csv').onclick = () => (csv.src = `data/prices.csv?${Date.now()}`);
document.querySelector('#load-slow').onclick = () => (csv.src = `/slow/demo/data/prices.csv?${Date.now()}`);
document.querySelector('#load-404').onclick = () => (csv.src = 'data/missing.csv');
document.querySelector('#load-bad').onclick = () => (csv.src = 'data/garbled.csv');

// — Live stream —
const stream = document.querySelector('#stream-chart');
const streamStats = document.querySelector('#stream-stats');
let streamTime = Date.UTC(2024, 5, 1);
let streamValue = 50;
const seedData = randomWalk(2000, { seed: 11, start: streamTime, stepMs: 250, base: streamValue });
stream.data = seedData;
streamTime = seedData.time[seedData.time.length - 1];
streamValue = seedData.value[seedData.value.length - 1];
let streaming = true;
const streamSeen = onScreen(stream);
setInterval(() => {
  if (!streaming || !streamSeen.visible) return;
  const time = [];
  const value = [];
  for (let i = 0; i < 8; i++) {
    streamTime += 250;
    streamValue += (Math.random() - 0.5) * 0.6;
    time.push(streamTime);
    value.push(streamValue);
  }
  stream.append({ time, value });
  streamStats.textContent = `${stream.model.data.length.toLocaleString('en')} points, ${stream.frameCount} frames drawn`;
}, 100);
document.querySelector('#stream-toggle').onclick = (e) => {
  streaming = !streaming;
  e.target.textContent = streaming ? 'Pause' : 'Resume';
};

// — Dark, log, time zone —
const dark = document.querySelector('#dark-chart');
const growth = randomWalk(20_000, { seed: 5, stepMs: 3_600_000, start: Date.UTC(2020, 0, 1) });
for (let i = 0; i < growth.value.length; i++) growth.value[i] = Math.exp(i / 4000) * (1 + (growth.value[i] - 100) / 200);
dark.data = growth;

// — Presets and live configuration —
const configChart = document.querySelector('#config-chart');
const configStatus = document.querySelector('#config-status');
configChart.data = randomWalk(5_000, { seed: 21, stepMs: 60_000, base: 40 });
document.querySelector('#preset').addEventListener('change', (e) => (configChart.preset = e.target.value || null));
configChart.addEventListener('gpu-config-change', (e) => {
  configStatus.textContent = `applied ${e.detail.layer}: ${e.detail.changedPaths.slice(0, 4).join(', ')}${e.detail.changedPaths.length > 4 ? '…' : ''} (${e.detail.work}, ${e.detail.durationMs.toFixed(2)} ms)`;
});
configChart.addEventListener('gpu-config-error', (e) => {
  configStatus.textContent = `error: ${e.detail.issues.map((i) => `${i.path || '(document)'}${i.line ? ` line ${i.line}:${i.column}` : ''}: ${i.message}`).join('; ')}`;
});
document.querySelector('#apply-config').onclick = async () => {
  const text = document.querySelector('#config-text').value;
  try {
    const { config } = await window.GpuCharts.parseConfigText(text, { filename: 'typed.yaml' });
    configChart.updateConfig(config);
  } catch (error) {
    configChart.dispatchEvent(new window.GpuCharts.GpuConfigErrorEvent({ issues: error.issues ?? [{ path: '', message: String(error) }] }));
  }
};

// — Never a blank chart —
const pairData = randomWalk(20_000, { seed: 33, stepMs: 5_000 });
for (const id of ['#gpu-side', '#cpu-side']) document.querySelector(id).data = pairData;
const recoveryStatus = document.querySelector('#recovery-status');
document.querySelector('#gpu-side').addEventListener('gpu-recovery', (e) => {
  recoveryStatus.textContent = `${e.detail.phase}${e.detail.durationMs !== undefined ? ` after ${e.detail.durationMs.toFixed(0)} ms` : ''}: ${e.detail.message}`;
});
document.querySelector('#lose-device').onclick = () => window.GpuCharts.DeviceManager.shared().device?.destroy();
