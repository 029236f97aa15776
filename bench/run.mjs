// Side-by-side benchmark: gpu-charts against uPlot, lightweight-charts and ChartGPU, in one
// headless Chromium, interleaved (for each run, for each case: every library in turn), each
// measurement in a fresh browser context. See bench/README.md.
//   npm run bench                          (builds first, then `node bench/run.mjs`)
//   RUNS=5 node bench/run.mjs              more runs
//   CASES=line-1M,stream-1M LIBS=gpu-charts,uPlot node bench/run.mjs
//   PEERS_10M=1 node bench/run.mjs         also run the 10M-point case for the peers
//   node bench/run.mjs --cases scatter     only the scatter cases (--cases takes case ids or groups, comma-separated)
//   node bench/run.mjs --cases classic     the pan/zoom and 1,000-row stream cases of earlier runs
//   HW_GPU=1 node bench/run.mjs            on a machine with a real GPU (NVIDIA flags; CHROME_PATH)
//   SIZE=1600x900 FLUSH=0 UNPACED=1 …       chart size, end-of-frame signal, vsync off (see bench/README.md)
//   OURS_BEFORE=1 node bench/run.mjs       also ours as before the last change (a before/after row in one run: dense Canvas2D lines stroked)
// Writes bench/results/peers-<date>.json, peers-latest.json and peers-latest.md.
import { chromium } from './playwright.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem, platform, release, loadavg } from 'node:os';
import { findChrome, WEBGPU_FLAGS, HW_GPU_FLAGS } from '../scripts/browser.mjs';

const env = process.env;
const RUNS = Number(env.RUNS ?? 3);
const FRAMES = Number(env.FRAMES ?? 16); // pan/zoom frames per run (half zooms, half pans)
const WARMUP = Number(env.WARMUP ?? 4);
const STREAM_FRAMES = Number(env.STREAM_FRAMES ?? 60);
const STREAM_CHUNK = Number(env.STREAM_CHUNK ?? 1000);
const CASE_TIMEOUT_MS = Number(env.CASE_TIMEOUT_S ?? 120) * 1000;
const FRAME_BUDGET_MS = Number(env.FRAME_BUDGET_S ?? 10) * 1000; // pan/zoom: stop after this much frame time (min 6 frames)
const STREAM_BUDGET_MS = Number(env.STREAM_BUDGET_S ?? 30) * 1000; // stream: stop after this much frame time
const REPEAT_LIMIT_MS = Number(env.REPEAT_LIMIT_S ?? 90) * 1000; // slower measurements are not repeated
const PEERS_10M = env.PEERS_10M === '1';
const MOVING_FRAMES = Number(env.MOVING_FRAMES ?? 30); // scatter moving cases: frames per run
const MOVING_BUDGET_MS = Number(env.MOVING_BUDGET_S ?? 20) * 1000;
/** `--cases a,b`: case ids or groups (e.g. `scatter`); same as CASES=…, which it overrides. */
const CASES_ARG = (() => {
  const at = process.argv.indexOf('--cases');
  return at >= 0 ? process.argv[at + 1] : undefined;
})();
const SHOTS = env.SHOTS === '1';
// Where the bench runs: here (SwiftShader WebGPU, Canvas2D rastered on the CPU as on a real
// GPU-less machine) or, with HW_GPU=1, a machine with a real GPU (NVIDIA flags of
// ../shared/browser-kit: Vulkan on the driver, GPU-rastered Canvas2D as users get it there).
const HW_GPU = env.HW_GPU === '1';
const EXTRA_FLAGS = HW_GPU ? [] : ['--disable-accelerated-2d-canvas', '--disable-gpu-rasterization'];
const UNPACED_FLAGS = env.UNPACED === '1' ? ['--disable-gpu-vsync', '--disable-frame-rate-limit'] : [];
const FLAGS = [...(HW_GPU ? HW_GPU_FLAGS : WEBGPU_FLAGS), ...EXTRA_FLAGS, ...UNPACED_FLAGS];
// Chart size in CSS px (SIZE=1600x900) and the end-of-frame signal (FLUSH=0: presented frames,
// the same signal for every library, no read-back; default: each library's own flush).
const [SIZE_W, SIZE_H] = (env.SIZE ?? '1200x700').split('x').map(Number);
const FLUSH = env.FLUSH !== '0';
const PAGE_PARAMS = `w=${SIZE_W}&h=${SIZE_H}${FLUSH ? '' : '&flush=0'}`;
const OURS = 'gpu-charts';
// Ours as users get it (renderer="auto", tier auto) is the headline row; OURS_EXTRA=0 drops the
// pinned rows (tier high, renderer webgpu, renderer canvas2d).
const OURS_EXTRA = env.OURS_EXTRA !== '0';
const APPEND_FRAMES = Number(env.APPEND_FRAMES ?? 20);
const FIFO_FRAMES = Number(env.FIFO_FRAMES ?? 60);
const Y_FRAMES = Number(env.Y_FRAMES ?? 40);

const ALL_CASES = [
  // Issue 16's table (the default run): the whole series shown, the y range widened every frame
  // (every visible point drawn again); appending 100k rows a frame into 1M (JS heap measured);
  // FIFO of 5 lines × 100k points, +10k per line per frame, the oldest dropped; candles 1M.
  { id: 'line-100k-y', kind: 'yrange', group: 'issue16', size: 100_000, frames: Y_FRAMES, title: 'Line, 100k points, y range changing every frame' },
  { id: 'line-1M-y', kind: 'yrange', group: 'issue16', size: 1_000_000, frames: Y_FRAMES, title: 'Line, 1M points, y range changing every frame' },
  { id: 'line-10M-y', kind: 'yrange', group: 'issue16', size: 10_000_000, frames: Y_FRAMES, title: 'Line, 10M points, y range changing every frame', optIn: PEERS_10M ? [] : ['lightweight-charts', 'ChartGPU'] },
  { id: 'append-100k', kind: 'append', group: 'issue16', size: 1_000_000, chunk: 100_000, frames: APPEND_FRAMES, heap: true, title: `Append 100k rows per frame into 1M (${APPEND_FRAMES} frames), whole series shown; JS heap` },
  { id: 'fifo-5x100k', kind: 'fifo', group: 'issue16', size: 100_000, series: 5, chunk: 10_000, frames: FIFO_FRAMES, heap: true, title: `FIFO: 5 lines × 100k points, +10k per line per frame, oldest dropped (${FIFO_FRAMES} frames); JS heap` },
  { id: 'candles-1M', kind: 'candles', group: 'issue16', size: 1_000_000, title: 'Candlesticks, 1M bars' },
  // Earlier runs' cases (group classic): pan/zoom frames and a 1,000-row stream.
  { id: 'line-100k', kind: 'line', group: 'classic', size: 100_000, title: 'Line, 100k points' },
  { id: 'line-1M', kind: 'line', group: 'classic', size: 1_000_000, title: 'Line, 1M points' },
  // 10M points: too slow for the default run for these peers (bench/README.md has a one-off
  // measurement); PEERS_10M=1 runs them too.
  { id: 'line-10M', kind: 'line', group: 'classic', size: 10_000_000, title: 'Line, 10M points', optIn: PEERS_10M ? [] : ['lightweight-charts', 'ChartGPU'] },
  { id: 'stream-1M', kind: 'stream', group: 'classic', size: 1_000_000, streamFrames: STREAM_FRAMES, chunk: STREAM_CHUNK, title: `Streaming: +${STREAM_CHUNK.toLocaleString('en')} points/frame into 1M, ${STREAM_FRAMES} frames` },
  // The same candles with four indicators (EMA 20, Bollinger 20/2 on the price pane, RSI 14 and
  // MACD 12/26/9 in panes below): the peers ship no indicators, so only ours runs it; compare with
  // the candles-alone case above.
  { id: 'candles-1M-ind', kind: 'candles', group: 'classic', size: 1_000_000, indicators: true, title: 'Candlesticks, 1M bars + EMA, Bollinger, RSI and MACD panes', onlyOurs: true },
  // Scatter (x unsorted): 1M static points panned and zoomed; 100k and 1M points all moving, new
  // x/y Float64Arrays every frame.
  { id: 'scatter-1M', kind: 'scatter', group: 'scatter', size: 1_000_000, title: 'Scatter, 1M points, pan/zoom' },
  { id: 'scatter-moving-100k', kind: 'moving', group: 'scatter', size: 100_000, movingFrames: MOVING_FRAMES, title: 'Scatter, 100k points all moving (new arrays every frame)' },
  { id: 'scatter-moving-1M', kind: 'moving', group: 'scatter', size: 1_000_000, movingFrames: Math.ceil(MOVING_FRAMES / 3), title: 'Scatter, 1M points all moving (new arrays every frame)' },
];
const oursPage = (name, query = '') => ({ name, page: `/bench/peers/gpu-charts.html?name=${encodeURIComponent(name)}${query}`, pkg: null, ours: true });
const ALL_LIBS = [
  // The headline: <gpu-chart> as users get it (renderer="auto", quality tier auto-tuned).
  oursPage(OURS),
  // Extra rows: what a user may pin (see bench/peers/gpu-charts.html).
  ...(OURS_EXTRA ? [oursPage(`${OURS} (webgpu, tier high)`, '&renderer=webgpu&tier=high'), oursPage(`${OURS} (webgpu)`, '&renderer=webgpu'), oursPage(`${OURS} (canvas2d)`, '&renderer=canvas2d')] : []),
  // Defaults but 1 px lines, as the peers draw them (ours default to 1.5 CSS px, which Skia
  // strokes as a polygon; a 1 px line is a hairline, several times cheaper to rasterize).
  ...(OURS_EXTRA || env.OURS_1PX === '1' ? [oursPage(`${OURS} (1 px lines)`, '&lineWidth=1')] : []),
  // OURS_BEFORE=1: ours at defaults but with what the last change replaced, for a before/after in
  // one run (now: dense Canvas2D lines stroked by Skia instead of splatted into one image).
  ...(env.OURS_BEFORE === '1' ? [oursPage(`${OURS} (before: dense lines stroked)`, '&splatDense=0')] : []),
  // OURS_PIECES=8,16: ours with that many runs per stroked piece of an opaque Canvas2D line (default 32).
  ...(env.OURS_PIECES ? env.OURS_PIECES.split(',').map((n) => oursPage(`${OURS} (pieces of ${n})`, `&linePieces=${Number(n)}`)) : []),
  { name: 'uPlot', page: '/bench/peers/uplot.html', pkg: 'uplot' },
  { name: 'lightweight-charts', page: '/bench/peers/lightweight-charts.html', pkg: 'lightweight-charts' },
  { name: 'ChartGPU', page: '/bench/peers/chartgpu.html', pkg: 'chartgpu' },
];
const pickList = (all, wanted, key) => {
  if (!wanted) return all;
  const names = wanted.split(',').map((s) => s.trim().toLowerCase());
  const picked = all.filter((item) => names.includes(item[key].toLowerCase()));
  if (picked.length === 0) throw new Error(`none of ${wanted} in ${all.map((i) => i[key]).join(', ')}`);
  return picked;
};
const CASES = CASES_ARG
  ? (() => {
      const names = CASES_ARG.split(',').map((n) => n.trim().toLowerCase());
      const picked = ALL_CASES.filter((c) => names.includes(c.id.toLowerCase()) || names.includes(String(c.group).toLowerCase()));
      if (picked.length === 0) throw new Error(`--cases ${CASES_ARG}: none of ${ALL_CASES.map((c) => c.id).join(', ')} (or group scatter)`);
      return picked;
    })()
  : env.CASES
    ? pickList(ALL_CASES, env.CASES, 'id')
    : ALL_CASES.filter((c) => c.group === 'issue16');
const LIBS = pickList(ALL_LIBS, env.LIBS, 'name');

if (!existsSync('cdn/gpu-charts.js')) {
  console.error('cdn/gpu-charts.js is missing: run `npm run build` (or `npx rollup -c --silent`) first.');
  process.exit(1);
}

const packageVersion = (name) => {
  try {
    return JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
  } catch {
    return null;
  }
};
const git = (...args) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};

const withTimeout = (promise, ms, what) => {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what}: timeout after ${ms / 1000} s`), { timeout: true })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

// ——— server and browser ———
const port = 4900 + Math.floor(Math.random() * 500);
const server = spawn(process.execPath, ['demo/server.mjs', '--port', String(port), '--quiet', '--allow-node-modules'], { stdio: 'inherit' });
const origin = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    const response = await fetch(`${origin}/bench/peers/cases.js`);
    if (response.ok) break;
  } catch {
    /* not up yet */
  }
  if (i > 100) throw new Error('demo/server.mjs did not start');
  await new Promise((r) => setTimeout(r, 100));
}

let browser = await chromium.launch({ executablePath: findChrome(), args: FLAGS });
const relaunch = async () => {
  await withTimeout(browser.close(), 15_000, 'browser.close').catch(() => browser.process?.()?.kill('SIGKILL'));
  browser = await chromium.launch({ executablePath: findChrome(), args: FLAGS });
};

/**
 * The page's JavaScript memory after a full garbage collection, in MB: the V8 heap plus
 * ArrayBuffer backing stores (typed arrays live there: most of a chart's data), from CDP.
 */
async function heapMB(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return +((usage.usedSize + (usage.backingStorageSize ?? 0)) / 2 ** 20).toFixed(1);
}

/** One library on one case, in a fresh context. */
async function measure(lib, c, run) {
  const context = await browser.newContext({ viewport: { width: Math.max(1280, SIZE_W + 80), height: Math.max(800, SIZE_H + 100) }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (/willReadFrequently/.test(message.text())) return; // the 1×1 read-backs that force rasterization
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`.slice(0, 300));
  });
  const result = { lib: lib.name, case: c.id, run };
  const started = Date.now();
  try {
    await withTimeout(
      (async () => {
        await page.goto(`${origin}${lib.page}${lib.page.includes('?') ? '&' : '?'}${PAGE_PARAMS}`);
        await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
        const setup = await page.evaluate((caseDef) => window.bench.setup(caseDef), c);
        if (setup.skipped) {
          result.skipped = setup.skipped;
          return;
        }
        result.initMs = setup.initMs;
        result.rows = setup.rows;
        result.firstFrame = await page.evaluate(() => window.bench.firstFrame());
        const cdp = c.heap ? await context.newCDPSession(page) : null;
        if (cdp) result.heapStartMB = await heapMB(cdp);
        if (c.kind === 'yrange' || c.kind === 'append' || c.kind === 'fifo') result.frames = await page.evaluate(({ frames, budget }) => window.bench.frames(frames, budget), { frames: c.frames, budget: STREAM_BUDGET_MS });
        else if (c.kind === 'moving') result.moving = await page.evaluate(({ frames, budget }) => window.bench.moving(frames, budget), { frames: c.movingFrames, budget: MOVING_BUDGET_MS });
        else if (c.kind === 'stream') result.stream = await page.evaluate(({ frames, chunk, budget }) => window.bench.stream(frames, chunk, budget), { frames: c.streamFrames, chunk: c.chunk, budget: STREAM_BUDGET_MS });
        else result.panZoom = await page.evaluate(({ frames, warmup, budget }) => window.bench.panZoomFrames(frames, warmup, budget), { frames: FRAMES, warmup: WARMUP, budget: FRAME_BUDGET_MS });
        if (cdp) {
          result.heapEndMB = await heapMB(cdp);
          await cdp.detach().catch(() => {});
        }
        if (SHOTS && run === 1) {
          await mkdir('bench/results/shots', { recursive: true });
          await page.screenshot({ path: `bench/results/shots/${c.id}-${lib.name}.png` });
        }
        await page.evaluate(() => window.bench.teardown());
      })(),
      CASE_TIMEOUT_MS,
      `${lib.name} ${c.id}`,
    );
  } catch (error) {
    if (error.timeout) result.timeout = true;
    else result.error = String(error.message ?? error).split('\n')[0].slice(0, 400);
  }
  result.wallMs = Date.now() - started;
  if (errors.length) result.consoleErrors = [...new Set(errors)].slice(0, 8);
  try {
    await withTimeout(context.close(), 20_000, 'context.close');
  } catch {
    await relaunch();
  }
  return result;
}

// ——— machine ———
const probe = await browser.newContext();
const probePage = await probe.newPage();
await probePage.goto(`${origin}/bench/peers/uplot.html`);
await probePage.waitForFunction(() => window.benchReady === true);
const adapter = await probePage.evaluate(() => window.bench.adapterInfo());
const userAgent = await probePage.evaluate(() => navigator.userAgent);
await probe.close();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? '?',
  memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: browser.version(),
  chromiumPath: findChrome(),
  userAgent,
  adapter,
  flags: FLAGS,
  loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)),
};
const versions = Object.fromEntries(LIBS.filter((lib) => lib.name === OURS || !lib.ours).map((lib) => [lib.name, lib.pkg ? packageVersion(lib.pkg) : `${JSON.parse(readFileSync('package.json', 'utf8')).version} (${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src', 'shaders') ? ', uncommitted changes in src/' : ''})`]));
console.log(`Chromium ${machine.chromium}, ${machine.cpus} × ${machine.cpuModel}, adapter ${adapter.vendor ?? '?'}/${adapter.architecture ?? '?'}`);
console.log(`${RUNS} runs × ${CASES.length} cases × ${LIBS.length} libraries; ${FRAMES} pan/zoom frames per run (+${WARMUP} warm-up); timeout ${CASE_TIMEOUT_MS / 1000} s per measurement\n`);

// ——— runs, interleaved ———
const results = [];
const skippedOnce = new Map(); // "case|lib" -> reason (static skips are not retried every run)
const notRepeated = new Map(); // "case|lib" -> why a pathological measurement was not repeated
const benchStarted = Date.now();
try {
  for (let run = 1; run <= RUNS; run++) {
    for (const c of CASES) {
      for (const lib of LIBS) {
        const key = `${c.id}|${lib.name}`;
        if (skippedOnce.has(key) || notRepeated.has(key)) continue;
        if (c.onlyOurs && !lib.ours) {
          skippedOnce.set(key, 'has no built-in indicators');
          continue;
        }
        if (c.optIn?.includes(lib.name)) {
          skippedOnce.set(key, 'not run by default: too slow for the ~10 min default run on this machine, see bench/README.md (PEERS_10M=1 runs it)');
          continue;
        }
        const result = await measure(lib, c, run);
        if (result.skipped) {
          skippedOnce.set(key, result.skipped);
          console.log(`run ${run} ${c.id.padEnd(10)} ${lib.name.padEnd(18)} skipped: ${result.skipped}`);
          continue;
        }
        results.push(result);
        console.log(`run ${run} ${c.id.padEnd(10)} ${lib.name.padEnd(18)} ${summaryLine(result)}`);
        // Guard against pathological measurements: one that timed out, ran out of its stream
        // budget or took longer than REPEAT_LIMIT is not repeated in later runs.
        const why = result.timeout
          ? 'timed out'
          : result.stream?.stoppedEarly || result.frames?.stoppedEarly
            ? result.stream?.stoppedEarly ?? result.frames.stoppedEarly
            : result.wallMs > REPEAT_LIMIT_MS
              ? `took ${(result.wallMs / 1000).toFixed(0)} s`
              : null;
        if (why && run < RUNS) {
          notRepeated.set(key, `run ${run} ${why}; not repeated`);
          console.log(`    (${lib.name} ${c.id}: ${why}; not repeated in later runs)`);
        }
      }
    }
  }
} finally {
  await browser.close().catch(() => {});
  server.kill();
}

function fmt(ms) {
  if (ms == null || !Number.isFinite(ms)) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
function summaryLine(r) {
  if (r.timeout) return `TIMEOUT (${(r.wallMs / 1000).toFixed(0)} s)`;
  if (r.error) return `ERROR ${r.error}`;
  const first = `first ${fmt(r.firstFrame.totalMs)} ms`;
  if (r.frames) return `${first}; frame ${fmt(r.frames.all.total?.median)} ms (p95 ${fmt(r.frames.all.total?.p95)}, ${fmt(1000 / r.frames.all.total?.median)} fps)${r.heapEndMB != null ? `; heap ${r.heapStartMB} → ${r.heapEndMB} MB` : ''}${r.frames.stoppedEarly ? ` (${r.frames.stoppedEarly})` : ''}`;
  if (r.moving) return `${first}; moving frame ${fmt(r.moving.all.total?.median)} ms (p95 ${fmt(r.moving.all.total?.p95)}, ${fmt(1000 / r.moving.all.total?.median)} fps)${r.moving.stoppedEarly ? ` (${r.moving.stoppedEarly})` : ''}`;
  if (r.stream) return `${first}; stream frame start ${fmt(r.stream.start.total?.median)} → end ${fmt(r.stream.end?.total.median)} ms${r.stream.stoppedEarly ? ` (${r.stream.stoppedEarly})` : ''}${r.stream.lateFrames ? `, ${r.stream.lateFrames} late` : ''}`;
  const pz = r.panZoom;
  return `${first}; zoom ${fmt(pz.zoom.total.median)} (p95 ${fmt(pz.zoom.total.p95)}), pan ${fmt(pz.pan.total.median)} (p95 ${fmt(pz.pan.total.p95)}) ms${pz.stoppedEarly ? ` (${pz.stoppedEarly})` : ''}${pz.lateFrames ? `, ${pz.lateFrames} late` : ''}${pz.rangeMismatches.count ? `, ${pz.rangeMismatches.count} range mismatches` : ''}`;
}

// ——— aggregate ———
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * q))] : null;
};
const spread = (xs) => {
  const s = xs.filter(Number.isFinite);
  return s.length ? [Math.min(...s), Math.max(...s)] : null;
};
/** Pooled frames of every run: median, p95, and the range of the per-run medians. */
const pooled = (perRun) => ({
  median: median(perRun.flat()),
  p95: quantile(perRun.flat(), 0.95),
  runMedians: spread(perRun.map(median)),
  frames: perRun.flat().length,
});

const summary = [];
for (const c of CASES) {
  for (const lib of LIBS) {
    const key = `${c.id}|${lib.name}`;
    const entry = { case: c.id, lib: lib.name };
    summary.push(entry);
    if (skippedOnce.has(key)) {
      entry.skipped = skippedOnce.get(key);
      continue;
    }
    const runs = results.filter((r) => r.case === c.id && r.lib === lib.name);
    const ok = runs.filter((r) => !r.timeout && !r.error);
    entry.runs = runs.length;
    entry.okRuns = ok.length;
    entry.timeouts = runs.filter((r) => r.timeout).length;
    entry.errors = runs.filter((r) => r.error).map((r) => r.error);
    if (notRepeated.has(key)) entry.notRepeated = notRepeated.get(key);
    entry.consoleMessages = [...new Set(runs.flatMap((r) => r.consoleErrors ?? []))];
    if (!ok.length) continue;
    entry.firstFrame = { median: median(ok.map((r) => r.firstFrame.totalMs)), runs: spread(ok.map((r) => r.firstFrame.totalMs)), cpuMedian: median(ok.map((r) => r.firstFrame.cpuMs)) };
    if (c.kind === 'yrange' || c.kind === 'append' || c.kind === 'fifo') {
      entry.frameTime = pooled(ok.map((r) => r.frames.frames.map((f) => f[1])));
      entry.frameCpu = pooled(ok.map((r) => r.frames.frames.map((f) => f[0])));
      entry.stoppedEarly = ok.map((r) => r.frames.stoppedEarly).filter(Boolean);
      entry.lateFrames = ok.reduce((n, r) => n + r.frames.lateFrames, 0);
      if (c.heap) {
        entry.heapStartMB = spread(ok.map((r) => r.heapStartMB));
        entry.heapEndMB = spread(ok.map((r) => r.heapEndMB));
      }
    } else if (c.kind === 'moving') {
      entry.moving = pooled(ok.map((r) => r.moving.frames.map((f) => f[1])));
      entry.movingCpu = pooled(ok.map((r) => r.moving.frames.map((f) => f[0])));
      entry.stoppedEarly = ok.map((r) => r.moving.stoppedEarly).filter(Boolean);
      entry.lateFrames = ok.reduce((n, r) => n + r.moving.lateFrames, 0);
    } else if (c.kind === 'stream') {
      const window = ok[0].stream.window;
      const complete = ok.filter((r) => !r.stream.stoppedEarly);
      const startFrames = ok.map((r) => r.stream.frames.slice(0, window).map((f) => f[1]));
      const endFrames = complete.map((r) => r.stream.frames.slice(-window).map((f) => f[1]));
      entry.streamStart = pooled(startFrames);
      entry.streamEnd = complete.length ? pooled(endFrames) : null;
      entry.stoppedEarly = ok.map((r) => r.stream.stoppedEarly).filter(Boolean);
      entry.streamAll = pooled(ok.map((r) => r.stream.frames.map((f) => f[1])));
      entry.streamCpu = pooled(ok.map((r) => r.stream.frames.map((f) => f[0])));
      entry.lateFrames = ok.reduce((n, r) => n + r.stream.lateFrames, 0);
      entry.rangeMismatches = ok.reduce((n, r) => n + r.stream.rangeMismatches.count, 0);
    } else {
      const frames = (kind, index) => ok.map((r) => r.panZoom.frames.filter((f) => !kind || f[0] === kind).map((f) => f[index]));
      entry.zoom = pooled(frames('z', 2));
      entry.pan = pooled(frames('p', 2));
      entry.cpu = pooled(frames(null, 1));
      entry.stoppedEarly = ok.map((r) => r.panZoom.stoppedEarly).filter(Boolean);
      entry.lateFrames = ok.reduce((n, r) => n + r.panZoom.lateFrames, 0);
      entry.rangeMismatches = ok.reduce((n, r) => n + r.panZoom.rangeMismatches.count, 0);
    }
    {
      const diags = ok.map((r) => r.frames?.diagnostics ?? r.stream?.diagnostics ?? r.panZoom?.diagnostics).filter(Boolean);
      const renderers = [...new Set(diags.map((d) => d.renderer).filter(Boolean))];
      if (renderers.length) entry.renderer = renderers.join(', ');
      const switches = [...new Set(diags.flatMap((d) => d.rendererChanges ?? []))];
      if (switches.length) entry.rendererChanges = switches;
      const tiers = [...new Set(diags.map((d) => d.tier).filter(Boolean))];
      if (tiers.length) entry.qualityTier = tiers.join(', ');
      const changes = [...new Set(diags.flatMap((d) => d.tierChanges ?? []).filter((t) => !/pinned by configuration/.test(t)))];
      if (changes.length) entry.tierChanges = changes;
      const undrawn = diags.reduce((n, d) => n + (d.changesWithoutFrame ?? 0), 0);
      if (undrawn) entry.changesWithoutFrame = undrawn;
    }
  }
}

// ——— write ———
const date = new Date();
machine.loadAverageAtEnd = loadavg().map((x) => +x.toFixed(2));
const report = {
  date: date.toISOString(),
  wallSeconds: Math.round((Date.now() - benchStarted) / 1000),
  machine,
  versions,
  settings: { hwGpu: HW_GPU, size: `${SIZE_W}×${SIZE_H}`, flush: FLUSH, unpaced: UNPACED_FLAGS.length > 0, runs: RUNS, panZoomFrames: FRAMES, warmupFrames: WARMUP, frameBudgetSeconds: FRAME_BUDGET_MS / 1000, streamBudgetSeconds: STREAM_BUDGET_MS / 1000, repeatLimitSeconds: REPEAT_LIMIT_MS / 1000, streamFrames: STREAM_FRAMES, streamChunk: STREAM_CHUNK, caseTimeoutSeconds: CASE_TIMEOUT_MS / 1000, peers10M: PEERS_10M, canvas: `${SIZE_W}×${SIZE_H} CSS px, deviceScaleFactor 1` },
  measures: {
    firstFrame: 'from handing the Float64Array columns to the library (its own conversion included) until the first frame is done (see totalMs); chart creation excluded',
    cpuMs: 'from the change (view, data, append) until the library’s synchronous work has returned (plus one microtask)',
    totalMs: FLUSH
      ? 'cpuMs + until the pixels exist: Canvas2D: 1×1 getImageData on each canvas (forces rasterization); WebGPU: queue.onSubmittedWorkDone(); then a forced layout'
      : 'cpuMs + until the browser has presented the frame (the next animation frame, then a task), the same signal for every library (FLUSH=0); frames back-to-back',
    perLibrary: Object.fromEntries(LIBS.map((lib) => [lib.name, describe(lib.ours ? OURS : lib.name)])),
  },
  summary,
  results,
};
function describe(name) {
  return {
    [OURS]: 'as users get it: renderer="auto" (Canvas2D on a software adapter, WebGPU on a real GPU, switched by measured frames) and the quality tier auto-tuned; extra rows pin the tier (high: 4× MSAA) or the renderer; cpu: data setter / setViewport / appendData + renderNow() (scene, M4 LOD, encode, submit); total: + onSubmittedWorkDone + Lit updateComplete (DOM axis labels) + layout',
    uPlot: 'cpu: u.batch(() => setScale/setData) — commits and draws synchronously (axes, y auto-range, path build with per-pixel decimation, stroke); total: + 1×1 getImageData on its canvas (rasterization) + layout',
    'lightweight-charts': 'cpu: setData / setVisibleRange / update() + its requestAnimationFrame draw callback, run synchronously by raf-control.js; total: + 1×1 getImageData on each of its canvases (rasterization) + layout',
    ChartGPU: 'cpu: setOption / setZoomRange / appendData + its requestAnimationFrame callbacks (zoom resampling) run synchronously + renderFrame() (external render mode) + one microtask (its deferred submit); total: + onSubmittedWorkDone + layout',
  }[name];
}
await mkdir('bench/results', { recursive: true });
const stamp = date.toISOString().slice(0, 19).replace(/[:T]/g, '-');
await writeFile(`bench/results/peers-${stamp}.json`, JSON.stringify(report, null, 2));
await writeFile('bench/results/peers-latest.json', JSON.stringify(report, null, 2));
const markdown = renderMarkdown(report);
await writeFile('bench/results/peers-latest.md', markdown);
console.log(`\n${markdown}`);
console.log(`bench/results/peers-${stamp}.json, peers-latest.json, peers-latest.md (${report.wallSeconds} s)`);

function renderMarkdown(rep) {
  const lines = [];
  const m = rep.machine;
  lines.push('# Side-by-side: gpu-charts vs uPlot, lightweight-charts, ChartGPU', '');
  lines.push(`${rep.date}. ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}. Chromium ${m.chromium}, WebGPU adapter ${m.adapter.vendor ?? '?'}/${m.adapter.architecture ?? '?'}${m.adapter.isFallbackAdapter ? ' (fallback adapter: software)' : ''}.`);
  lines.push(`Flags: \`${m.flags.join(' ')}\`. Load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')} (other work shared the machine when these are above ~2).`);
  lines.push(`Versions: ${Object.entries(rep.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  lines.push(`${rep.settings.runs} runs, interleaved (every library in turn, per case, per run), each in a fresh browser context; ${rep.settings.panZoomFrames} pan/zoom frames per run after ${rep.settings.warmupFrames} warm-up frames; canvas ${rep.settings.canvas}. Whole run: ${rep.wallSeconds} s.`, '');
  lines.push(rep.settings.flush ? 'End of frame: each library\'s own flush (below).' : '**FLUSH=0**: a frame ends when the browser has presented it (next animation frame, then a task), the same signal for every library, no read-back; frames back-to-back, so at the 60 Hz cap a frame takes ≥ 16.7 ms.', '');
  lines.push('All times in ms, **to the frame being done** (Canvas2D: rasterized; WebGPU: `onSubmittedWorkDone`), median over the frames of all runs, p95 likewise; first frame: median of the runs (range in brackets); `runs` is the range of the per-run medians. `×best` divides by the best library in the same column. See bench/README.md for exactly what is measured per library.', '');
  const by = (caseId) => rep.summary.filter((s) => s.case === caseId);
  const ratio = (value, best) => (value != null && best ? `${(value / best).toFixed(1)}×` : '—');
  const cell = (stat) => (stat?.median == null ? '—' : `${fmt(stat.median)}`);
  const firstCell = (s) => (s.firstFrame.runs && s.okRuns > 1 ? `${fmt(s.firstFrame.median)} (${fmt(s.firstFrame.runs[0])}–${fmt(s.firstFrame.runs[1])})` : fmt(s.firstFrame.median));
  const runsCell = (stat) => (stat?.runMedians ? `${fmt(stat.runMedians[0])}–${fmt(stat.runMedians[1])}` : '—');
  const status = (s) => (s.skipped ? `skipped: ${esc(s.skipped)}` : s.okRuns === 0 ? (s.timeouts ? `timeout (${s.timeouts}/${s.runs} runs)` : `error: ${esc(s.errors[0])}`) : null);
  const notes = (s) => {
    const n = [];
    if (s.renderer) n.push(`renderer ${s.renderer}`);
    if (s.rendererChanges) n.push(`renderer="auto": ${s.rendererChanges.join(' / ')}`);
    if (s.qualityTier) n.push(`quality tier ${s.qualityTier}`);
    if (s.tierChanges) n.push(`tier changed: ${s.tierChanges.join(' / ')}`);
    if (s.changesWithoutFrame) n.push(`${s.changesWithoutFrame} changes drew no frame`);
    if (s.timeouts) n.push(`${s.timeouts} timeout(s)`);
    if (s.errors?.length) n.push(`${s.errors.length} error(s)`);
    if (s.lateFrames) n.push(`${s.lateFrames} frames left work pending`);
    if (s.rangeMismatches) n.push(`${s.rangeMismatches} views not as requested`);
    if (s.notRepeated) n.push(s.notRepeated);
    else if (s.stoppedEarly?.length) n.push(`${s.stoppedEarly.length} run(s) ${s.stoppedEarly[0]}`);
    if (s.okRuns != null && s.okRuns !== rep.settings.runs) n.push(`${s.okRuns} of ${rep.settings.runs} runs`);
    for (const message of s.consoleMessages ?? []) n.push(`console: “${message.slice(0, 120)}”`);
    return esc(n.join('; '));
  };
  for (const c of CASES) {
    const rows = by(c.id);
    lines.push(`## ${c.title}`, '');
    const measured = rows.filter((s) => !status(s));
    const best = (get) => {
      const values = measured.map(get).filter((v) => v != null && Number.isFinite(v));
      return values.length ? Math.min(...values) : null;
    };
    if (c.kind === 'yrange' || c.kind === 'append' || c.kind === 'fifo') {
      const bFrame = best((s) => s.frameTime?.median);
      const bHeap = best((s) => s.heapEndMB?.[1]);
      lines.push(`| library | first frame | frame median | p95 | fps (1000 / median) | ×best | CPU part (median) | runs |${c.heap ? ' JS heap after (MB, runs) | ×best |' : ''} notes |`);
      lines.push(`|---|---:|---:|---:|---:|---:|---:|---:|${c.heap ? '---:|---:|' : ''}---|`);
      for (const s of rows) {
        const st = status(s);
        if (st) {
          lines.push(`| ${s.lib} | ${st} | | | | | | |${c.heap ? ' | |' : ''} |`);
          continue;
        }
        const heap = c.heap ? ` ${s.heapEndMB ? `${s.heapEndMB[0]}–${s.heapEndMB[1]}` : '—'} | ${ratio(s.heapEndMB?.[1], bHeap)} |` : '';
        lines.push(`| ${s.lib} | ${firstCell(s)} | ${cell(s.frameTime)} | ${fmt(s.frameTime.p95)} | ${fmt(1000 / s.frameTime.median)} | ${ratio(s.frameTime.median, bFrame)} | ${fmt(s.frameCpu.median)} | ${runsCell(s.frameTime)} |${heap} ${notes(s)} |`);
      }
      lines.push('');
    } else if (c.kind === 'moving') {
      const bFrame = best((s) => s.moving?.median);
      lines.push('| library | first frame | frame median | p95 | fps (1000 / median) | ×best | CPU part (median) | runs | notes |');
      lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
      for (const s of rows) {
        const st = status(s);
        if (st) {
          lines.push(`| ${s.lib} | ${st} | | | | | | | |`);
          continue;
        }
        lines.push(`| ${s.lib} | ${firstCell(s)} | ${cell(s.moving)} | ${fmt(s.moving.p95)} | ${fmt(1000 / s.moving.median)} | ${ratio(s.moving.median, bFrame)} | ${fmt(s.movingCpu.median)} | ${runsCell(s.moving)} | ${notes(s)} |`);
      }
      lines.push('', `Each frame gives all ${c.size.toLocaleString('en')} points new positions: new x and y Float64Arrays (built before the frame's clock starts), handed to the library, drawn and done.`, '');
    } else if (c.kind === 'stream') {
      const bFirst = best((s) => s.firstFrame?.median);
      const bStart = best((s) => s.streamStart?.median);
      const bEnd = best((s) => s.streamEnd?.median);
      lines.push('| library | first frame (1M) | ×best | frame at start | p95 | frame at end | p95 | ×best (end) | CPU part (median) | runs (end) | notes |');
      lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
      for (const s of rows) {
        const st = status(s);
        if (st) {
          lines.push(`| ${s.lib} | ${st} | | | | | | | | | |`);
          continue;
        }
        lines.push(`| ${s.lib} | ${firstCell(s)} | ${ratio(s.firstFrame.median, bFirst)} | ${cell(s.streamStart)} | ${fmt(s.streamStart.p95)} | ${cell(s.streamEnd)} | ${fmt(s.streamEnd?.p95)} | ${ratio(s.streamEnd?.median, bEnd)} | ${fmt(s.streamCpu.median)} | ${runsCell(s.streamEnd)} | ${notes(s)} |`);
      }
      lines.push('', `Start = first ${ok0(c.id)} frames, end = last ${ok0(c.id)} frames; each frame appends ${c.chunk.toLocaleString('en')} points and shows the whole series. Ratio to best at start: ${rows.filter((s) => !status(s)).map((s) => `${s.lib} ${ratio(s.streamStart.median, bStart)}`).join(', ')}.`, '');
    } else {
      const bFirst = best((s) => s.firstFrame?.median);
      const bZoom = best((s) => s.zoom?.median);
      const bPan = best((s) => s.pan?.median);
      lines.push('| library | first frame | ×best | zoom median | p95 | ×best | pan median | p95 | ×best | CPU part (median) | runs (zoom / pan) | notes |');
      lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
      for (const s of rows) {
        const st = status(s);
        if (st) {
          lines.push(`| ${s.lib} | ${st} | | | | | | | | | | |`);
          continue;
        }
        lines.push(`| ${s.lib} | ${firstCell(s)} | ${ratio(s.firstFrame.median, bFirst)} | ${cell(s.zoom)} | ${fmt(s.zoom.p95)} | ${ratio(s.zoom.median, bZoom)} | ${cell(s.pan)} | ${fmt(s.pan.p95)} | ${ratio(s.pan.median, bPan)} | ${fmt(s.cpu.median)} | ${runsCell(s.zoom)} / ${runsCell(s.pan)} | ${notes(s)} |`);
      }
      lines.push('');
    }
  }
  return `${lines.join('\n')}\n`;
}
/** Table cells must not contain a bare pipe. */
function esc(text) {
  return String(text).replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
function ok0(caseId) {
  const r = results.find((x) => x.case === caseId && x.stream);
  return r ? r.stream.window : '?';
}
