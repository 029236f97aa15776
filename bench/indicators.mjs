// Indicator speed in Node (no browser): what a chart pays to compute every registry indicator
// over 1M bars, and then to keep them current while bars stream in.
//   npm run bench:indicators   (compiles src to build/node first) → bench/results/indicators.{json,md}
// (a) batch: each indicator over BARS bars, median of RUNS runs.
// (b) createIncremental: push BARS bars (timed once: the "run the stepper over everything" way to
//     position it), then PUSH more bars and PUSH updateLast calls, timed in chunks of 1000.
// (c) IndicatorStream: reset over BARS bars (median of RESET_RUNS), pyramids built for every
//     output, then FRAMES frames, each appending one bar (sync) and revising it once (sync with
//     updatedLast), every indicator timed alone and all of them together.
// Env: BARS (1000000), RUNS (5), PUSH (100000), RESET_RUNS (3), FRAMES (300).
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { INDICATORS, createIncremental } from '../build/node/indicators/index.js';
import { IndicatorStream } from '../build/node/indicators/indicator-stream.js';
import { ohlcBars } from '../demo/sample-data.js';

const BARS = Number(process.env.BARS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const PUSH = Number(process.env.PUSH ?? 100_000);
const RESET_RUNS = Number(process.env.RESET_RUNS ?? 3);
const FRAMES = Number(process.env.FRAMES ?? 300);
const CHUNK = 1000;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const now = () => performance.now();

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  totalMemGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  loadAvgStart: os.loadavg().map((x) => +x.toFixed(2)),
};
const started = now();

// Seeded one-minute OHLCV bars (demo/sample-data.js); BARS + PUSH + FRAMES rows, so every phase
// reads real data past the first BARS.
const total = BARS + Math.max(PUSH, FRAMES) + 1;
const data = ohlcBars(total, { seed: 9 });
data.source = data.close;
const head = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.subarray(0, BARS)]));
const types = Object.keys(INDICATORS);
const rows = Object.fromEntries(types.map((t) => [t, { type: t, outputs: INDICATORS[t].outputs.length }]));
const log = (s) => console.log(`[${((now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

// (a) batch over BARS bars.
for (const type of types) {
  const def = INDICATORS[type];
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = now();
    def.compute(head);
    times.push(now() - t0);
  }
  rows[type].batchMs = median(times);
  rows[type].batchRunsMs = times.map((t) => +t.toFixed(2));
  rows[type].batchNsPerBar = (median(times) * 1e6) / BARS;
}
log(`(a) batch done: ${types.length} indicators`);

// (b) createIncremental: per-bar push / updateLast.
const bar = {};
const setBar = (i, scale = 1) => {
  bar.time = data.time[i];
  bar.open = data.open[i];
  bar.high = data.high[i] * scale;
  bar.low = data.low[i];
  bar.close = data.close[i] * scale;
  bar.volume = data.volume[i];
};
for (const type of types) {
  const inc = createIncremental(type);
  let t0 = now();
  for (let i = 0; i < BARS; i++) {
    setBar(i);
    inc.push(bar);
  }
  rows[type].incrementalAllMs = now() - t0;
  const push = [];
  for (let c = 0; c < PUSH / CHUNK; c++) {
    const from = BARS + c * CHUNK;
    t0 = now();
    for (let i = from; i < from + CHUNK; i++) {
      setBar(i);
      inc.push(bar);
    }
    push.push(((now() - t0) * 1000) / CHUNK);
  }
  const update = [];
  const last = BARS + PUSH - 1;
  for (let c = 0; c < PUSH / CHUNK; c++) {
    t0 = now();
    for (let k = 0; k < CHUNK; k++) {
      setBar(last, 1 + (k & 7) * 1e-4);
      inc.updateLast(bar);
    }
    update.push(((now() - t0) * 1000) / CHUNK);
  }
  rows[type].pushUs = median(push);
  rows[type].pushP99Us = quantile(push, 0.99);
  rows[type].updateLastUs = median(update);
  rows[type].updateLastP99Us = quantile(update, 0.99);
}
log('(b) createIncremental done');

// (c) IndicatorStream: reset over BARS bars, then one bar per frame.
// Working columns with room for the frames; `length` grows as bars arrive.
const cols = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Float64Array.from(v)]));
cols.source = cols.close;
const streams = [];
// Indicators whose reset takes the batch outputs and steps only the last window (indicator-stream.ts).
const WINDOWED = new Set(['donchian', 'willr', 'cci', 'aroon', 'roc', 'mom', 'ichimoku']);
for (const type of types) {
  const times = [];
  let stream;
  for (let r = 0; r < RESET_RUNS; r++) {
    stream = new IndicatorStream(type);
    const t0 = now();
    stream.reset(cols, BARS);
    times.push(now() - t0);
  }
  if (WINDOWED.has(type)) {
    // The other way, for comparison: step every row (what reset does for the other indicators).
    const t1 = now();
    new IndicatorStream(type).reset(cols, BARS, { stepAll: true });
    rows[type].resetStepAllMs = now() - t1;
  }
  const t0 = now();
  for (const o of stream.outputNames) stream.pyramid(o);
  rows[type].pyramidsMs = now() - t0;
  rows[type].resetMs = median(times);
  rows[type].resetRunsMs = times.map((t) => +t.toFixed(2));
  streams.push(stream);
}
log('(c) resets done');
const appendUs = streams.map(() => []);
const reviseUs = streams.map(() => []);
const frameAppendUs = [];
const frameReviseUs = [];
let length = BARS;
for (let f = 0; f < FRAMES; f++) {
  // A new bar arrives (the columns already hold it past `length`)…
  length++;
  let frame0 = now();
  for (let s = 0; s < streams.length; s++) {
    const t0 = now();
    streams[s].sync(cols, length, 1, false);
    appendUs[s].push((now() - t0) * 1000);
  }
  frameAppendUs.push((now() - frame0) * 1000);
  // … and then a tick revises it.
  const i = length - 1;
  cols.close[i] *= 1.0001;
  cols.high[i] = Math.max(cols.high[i], cols.close[i]);
  cols.volume[i] += 1;
  frame0 = now();
  for (let s = 0; s < streams.length; s++) {
    const t0 = now();
    streams[s].sync(cols, length, 0, true);
    reviseUs[s].push((now() - t0) * 1000);
  }
  frameReviseUs.push((now() - frame0) * 1000);
}
streams.forEach((stream, s) => {
  const row = rows[stream.type];
  row.syncAppendUs = median(appendUs[s]);
  row.syncAppendP99Us = quantile(appendUs[s], 0.99);
  row.syncReviseUs = median(reviseUs[s]);
  row.syncReviseP99Us = quantile(reviseUs[s], 0.99);
});
log('(c) frames done');

const list = types.map((t) => rows[t]);
const sum = (key) => list.reduce((acc, r) => acc + r[key], 0);
const summary = {
  batchAllMs: sum('batchMs'),
  resetAllMs: sum('resetMs'),
  incrementalAllMs: sum('incrementalAllMs'),
  pyramidsAllMs: sum('pyramidsMs'),
  frameAppendUs: { median: median(frameAppendUs), p95: quantile(frameAppendUs, 0.95), max: Math.max(...frameAppendUs) },
  frameReviseUs: { median: median(frameReviseUs), p95: quantile(frameReviseUs, 0.95), max: Math.max(...frameReviseUs) },
};
machine.loadAvgEnd = os.loadavg().map((x) => +x.toFixed(2));
const report = {
  date: new Date().toISOString(),
  machine,
  settings: { bars: BARS, runs: RUNS, push: PUSH, resetRuns: RESET_RUNS, frames: FRAMES, chunk: CHUNK, data: 'ohlcBars(seed 9) from demo/sample-data.js; source = close; default parameters' },
  totalSeconds: +((now() - started) / 1000).toFixed(1),
  summary,
  indicators: list,
};
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/indicators.json', `${JSON.stringify(report, null, 2)}\n`);

const f = (x, d = 1) => x.toFixed(d);
const M = (BARS / 1e6).toString();
const md = [
  '# Indicator speed (Node)',
  '',
  `${report.date}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAvgStart.join(' / ')} at start, ${machine.loadAvgEnd.join(' / ')} at end (1 / 5 / 15 min; the machine is shared). ${BARS.toLocaleString('en')} seeded one-minute OHLCV bars, default parameters. Command: \`npm run bench:indicators\` (${report.totalSeconds} s).`,
  '',
  'Per frame, a chart streaming one bar into all ' + types.length + ' indicators:',
  '',
  '| | all indicators |',
  '|---|---:|',
  `| full recompute (sum of the batch medians, ${M}M bars) | ${f(summary.batchAllMs, 0)} ms |`,
  `| \`IndicatorStream.sync\`, one appended bar (median / p95 / max of ${FRAMES} frames) | ${f(summary.frameAppendUs.median)} / ${f(summary.frameAppendUs.p95)} / ${f(summary.frameAppendUs.max)} µs |`,
  `| \`IndicatorStream.sync\`, last bar revised (median / p95 / max) | ${f(summary.frameReviseUs.median)} / ${f(summary.frameReviseUs.p95)} / ${f(summary.frameReviseUs.max)} µs |`,
  `| \`IndicatorStream.reset\` (${M}M bars, sum of medians) | ${f(summary.resetAllMs, 0)} ms |`,
  `| \`createIncremental\` push of all ${M}M bars (sum) | ${f(summary.incrementalAllMs, 0)} ms |`,
  `| min/max pyramids of every output (sum) | ${f(summary.pyramidsAllMs, 0)} ms |`,
  '',
  `Per indicator. batch: median of ${RUNS} runs over ${M}M bars. reset: \`IndicatorStream.reset\` over the same bars (median of ${RESET_RUNS}; it steps the incremental state over every row, writing the outputs, checkpointing only before the last row; for the windowed indicators marked * it takes the batch outputs and steps only the last window of bars instead, and "step all ms" is one reset of those stepping every row). push all: \`createIncremental\` pushing the same ${M}M bars one by one (one run; a checkpoint per bar). push / updateLast: \`createIncremental\`, median over chunks of ${CHUNK} calls after the ${M}M bars (${PUSH.toLocaleString('en')} calls each). sync: \`IndicatorStream.sync\` of one bar into ${M}M (append / revise the last bar), pyramids of every output kept current, median of ${FRAMES} frames.`,
  '',
  '| indicator | outputs | batch ms | ns/bar | reset ms | step all ms | push all ms | push µs | updateLast µs | sync append µs | sync revise µs |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...list.map((r) => `| ${r.type}${WINDOWED.has(r.type) ? ' *' : ''} | ${r.outputs} | ${f(r.batchMs)} | ${f(r.batchNsPerBar, 0)} | ${f(r.resetMs)} | ${r.resetStepAllMs === undefined ? '' : f(r.resetStepAllMs)} | ${f(r.incrementalAllMs, 0)} | ${f(r.pushUs, 2)} | ${f(r.updateLastUs, 2)} | ${f(r.syncAppendUs, 2)} | ${f(r.syncReviseUs, 2)} |`),
  '',
].join('\n');
await writeFile('bench/results/indicators.md', md);
console.log(md);
