// Shared by every bench/peers/<lib>.html page: deterministic data, the sequence of views each
// case visits, and the measuring loops, so that every library is measured by the same code.
// A page supplies an adapter (see createBench) with the few operations that differ per library.
//
// Per frame the harness measures, with performance.now():
//   cpuMs   = from the view change (or data change) until the library's synchronous work for the
//             frame has returned: its draw call, or running the requestAnimationFrame callbacks it
//             scheduled (forced with __raf.flush(), see raf-control.js), plus one microtask.
//   totalMs = cpuMs + until the frame's pixels exist: Canvas2D libraries: a 1×1 getImageData on
//             each of their canvases (makes Chromium rasterize the recorded 2D commands);
//             WebGPU libraries: device.queue.onSubmittedWorkDone(). Then a forced style/layout
//             (getBoundingClientRect) of the chart, for DOM labels, in every library.
// Between frames the page waits for one real animation frame (not timed), so every frame is
// presented before the next one starts.
import { randomWalk, rng } from '/demo/sample-data.js';

// Chart size: 1200×700 CSS px unless the page is opened with ?w=&h= (bench/run.mjs SIZE=1600x900).
const PARAMS = new URLSearchParams(globalThis.location?.search ?? '');
export const WIDTH = Number(PARAMS.get('w')) || 1200;
/** Unmeasured warm-up frames stop early once they have taken this long. */
const WARMUP_BUDGET_MS = 3000;
export const HEIGHT = Number(PARAMS.get('h')) || 700;
/**
 * ?flush=0: a frame is done when the browser has presented it (the next animation frame, then a
 * task), the same signal for every library, no read-back; frames follow back-to-back. Default
 * (flush): each library's own "pixels exist" signal (1×1 read-back for Canvas2D, onSubmittedWorkDone
 * for WebGPU), then one unmeasured animation frame before the next.
 */
export const FLUSH = PARAMS.get('flush') !== '0';

/** FIFO data: `series` value columns sharing one time column (one point a second). */
export function fifoData(count, series = 5, seed = 6) {
  const random = rng(seed);
  const time = new Float64Array(count);
  const columns = Array.from({ length: series }, () => new Float64Array(count));
  const levels = columns.map((_, k) => 100 + k * 20);
  for (let i = 0; i < count; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * 1000;
    for (let k = 0; k < series; k++) {
      levels[k] += (random() - 0.5) * 0.8;
      columns[k][i] = levels[k];
    }
  }
  return { time, columns };
}

/** Line data: a seeded random walk, one point a second (epoch ms, Float64Array columns). */
export function lineData(count, seed = 1) {
  return randomWalk(count, { seed, stepMs: 1000 });
}

/** OHLC bars, one a minute, from a seeded walk (Float64Array columns time/open/high/low/close). */
export function ohlcData(count, seed = 4) {
  const random = rng(seed);
  const time = new Float64Array(count);
  const open = new Float64Array(count);
  const high = new Float64Array(count);
  const low = new Float64Array(count);
  const close = new Float64Array(count);
  const start = Date.UTC(2020, 0, 1);
  let price = 100;
  for (let i = 0; i < count; i++) {
    // A multiplicative walk (log returns), with calmer and wilder stretches.
    const volatility = (i >> 14) % 5 === 2 ? 0.003 : 0.001;
    const o = price;
    const c = o * Math.exp((random() - 0.5) * 2 * volatility);
    time[i] = start + i * 60_000;
    open[i] = o;
    close[i] = c;
    high[i] = Math.max(o, c) * (1 + random() * volatility);
    low[i] = Math.min(o, c) * (1 - random() * volatility);
    price = c;
  }
  return { time, open, high, low, close };
}

/**
 * Scatter data: `count` points in five Gaussian clusters, x in no order (columns time = row
 * index, x, y), with `xRange` (the x extent, what pan/zoom plans over).
 */
export function scatterData(count, seed = 5) {
  const random = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  // In thousands: zooming to 1 % of the x range stays above gpu-charts' smallest window (1 unit,
  // a time axis' millisecond) until numeric x axes land.
  const centres = [[-4000, 2000, 1200], [3000, 5000, 800], [0, -3000, 1500], [6000, -1000, 600], [-6000, -4000, 900]];
  const time = new Float64Array(count);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const [cx, cy, spread] = centres[i % centres.length];
    time[i] = i;
    x[i] = cx + gauss() * spread;
    y[i] = cy + gauss() * spread * 0.7;
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  return { time, x, y, xRange: [lo, hi] };
}

/** The data a case needs (the stream case: its initial series plus everything it appends). */
export function caseData(c) {
  if (c.kind === 'scatter' || c.kind === 'moving') return scatterData(c.size);
  if (c.kind === 'candles') return ohlcData(c.size);
  if (c.kind === 'stream') return lineData(c.size + c.streamFrames * c.chunk, 3);
  if (c.kind === 'append') return lineData(c.size + c.frames * c.chunk, 3);
  if (c.kind === 'fifo') return fifoData(c.size + c.frames * c.chunk, c.series);
  return lineData(c.size, 1);
}

/**
 * Views visited by the pan/zoom loop: alternately a zoom to a random window of 1–100 % of the
 * data and a pan by 10 % of the window (turning back at either end). The same for every library.
 */
export function framePlan(start, end, count, seed = 2) {
  const random = rng(seed);
  const full = end - start;
  const plan = [];
  let from = start;
  let to = end;
  let direction = 1;
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      const span = full * (0.01 + random() * 0.99);
      from = start + random() * (full - span);
      to = from + span;
      plan.push({ kind: 'zoom', from, to });
    } else {
      const span = to - from;
      let shift = span * 0.1 * direction;
      if (to + shift > end || from + shift < start) {
        direction = -direction;
        shift = -shift;
      }
      shift = Math.max(start - from, Math.min(end - to, shift));
      from += shift;
      to += shift;
      plan.push({ kind: 'pan', from, to });
    }
  }
  return plan;
}

export function stats(values) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const pick = (q) => s[Math.min(s.length - 1, Math.floor(s.length * q))];
  return {
    n: s.length,
    median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2,
    p95: pick(0.95),
    min: s[0],
    max: s.at(-1),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

const nextRealFrame = () => new Promise((resolve) => window.__raf.real(() => setTimeout(resolve, 0)));

/** Forces style and layout of the chart's DOM (axis labels drawn as DOM text). */
function forceLayout(element) {
  element.getBoundingClientRect();
}

/** Makes Chromium rasterize what was drawn into each 2D canvas under `root` (1×1 read-back). */
export function rasterize2d(root) {
  for (const canvas of root.querySelectorAll('canvas')) {
    if (canvas.width === 0 || canvas.height === 0) continue;
    const context = canvas.getContext('2d');
    context?.getImageData(0, 0, 1, 1);
  }
}

/** The adapter the page's own WebGPU device came from (for the report). */
export async function adapterInfo() {
  if (!navigator.gpu) return { available: false };
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return { available: true, adapter: null };
  const info = adapter.info ?? {};
  return {
    available: true,
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter,
  };
}

/**
 * Installs window.bench for one library. `lib` has:
 *   name, version, measures (text: what cpuMs and totalMs mean for it)
 *   supports(c)            → true, or a string saying why the case is skipped (may be async)
 *   create(container, c)   → chart created without data (async; not part of any timing)
 *   setData(data, c, n)    → hands over the first n rows (converting them if the library wants)
 *   setRange(from, to)     → changes the visible time window (epoch ms)
 *   append(data, lo, hi, from, to) → appends rows lo..hi and shows [from, to]
 *   setPoints(x, y, data)  → scatter cases ('moving'): replaces every point's x and y (new arrays)
 *   frame()                → forces the pending frame synchronously (may be a no-op)
 *   done()                 → resolves when the frame's pixels exist (GPU done / 2D raster)
 *   visibleRange()         → [from, to] as the library reports it (sanity check), or null
 *   lateWork()             → true if work is still pending after done() (a frame not measured)
 *   destroy()
 */
export function createBench(lib) {
  let c = null;
  let data = null;
  let container = null;
  let loadedRows = 0;

  const measureFrame = async (change) => {
    const t0 = performance.now();
    change();
    lib.frame();
    await Promise.resolve();
    const t1 = performance.now();
    if (FLUSH) await lib.done();
    else await nextRealFrame();
    forceLayout(container);
    const t2 = performance.now();
    const late = lib.lateWork?.() || window.__raf.pending() > 0;
    return { cpuMs: t1 - t0, totalMs: t2 - t0, late };
  };

  const checkRange = (from, to, mismatches) => {
    const got = lib.visibleRange?.();
    if (!got) return;
    const span = to - from;
    const tolerance = span * 0.02 + (c.kind === 'candles' ? 120_000 : c.kind === 'scatter' ? 0 : 2_000);
    if (Math.abs(got[0] - from) > tolerance || Math.abs(got[1] - to) > tolerance) {
      mismatches.count++;
      mismatches.example ??= { wanted: [from, to], got };
    }
  };

  const bench = {
    lib: lib.name,
    info: () => ({ lib: lib.name, version: lib.version, measures: lib.measures }),
    adapterInfo,

    async setup(caseDef) {
      c = caseDef;
      const support = await lib.supports(c);
      if (support !== true) return { skipped: support };
      data = caseData(c);
      container = document.getElementById('chart');
      container.style.width = `${WIDTH}px`;
      container.style.height = `${HEIGHT}px`;
      const t0 = performance.now();
      await lib.create(container, c);
      const initMs = performance.now() - t0;
      await nextRealFrame();
      return { initMs, rows: data.time.length };
    },

    /** Time to first frame: data handed over from typed arrays, drawn, and done. */
    async firstFrame() {
      loadedRows = c.kind === 'stream' || c.kind === 'append' || c.kind === 'fifo' ? c.size : data.time.length;
      await nextRealFrame();
      const result = await measureFrame(() => lib.setData(data, c, loadedRows));
      await nextRealFrame();
      return { ...result, diagnostics: lib.diagnostics?.() };
    },

    /**
     * `count` frames alternating zoom and pan (after `warmup` unmeasured ones). A slow library
     * stops early once the measured frames have taken `budgetMs`, after at least `minFrames`.
     */
    async panZoomFrames(count, warmup = 4, budgetMs = Infinity, minFrames = 6) {
      // Scatter: the views are x ranges (x is a column, in no order).
      const [start, end] = data.xRange ?? [data.time[0], data.time[loadedRows - 1]];
      const mismatches = { count: 0, example: undefined };
      const warmupStarted = performance.now();
      let warmed = 0;
      for (const view of framePlan(start, end, warmup, 7)) {
        await measureFrame(() => lib.setRange(view.from, view.to));
        await nextRealFrame();
        warmed++;
        if (performance.now() - warmupStarted > WARMUP_BUDGET_MS) break;
      }
      const frames = [];
      let spent = 0;
      let stoppedEarly = null;
      for (const view of framePlan(start, end, count, 2)) {
        if (spent > budgetMs && frames.length >= minFrames) {
          stoppedEarly = `stopped after ${frames.length} of ${count} frames (frame budget ${(budgetMs / 1000).toFixed(0)} s)`;
          break;
        }
        const frame = await measureFrame(() => lib.setRange(view.from, view.to));
        spent += frame.totalMs;
        checkRange(view.from, view.to, mismatches);
        frames.push({ kind: view.kind, ...frame });
        await nextRealFrame();
      }
      const pick = (kind, key) => frames.filter((f) => !kind || f.kind === kind).map((f) => f[key]);
      return {
        zoom: { cpu: stats(pick('zoom', 'cpuMs')), total: stats(pick('zoom', 'totalMs')) },
        pan: { cpu: stats(pick('pan', 'cpuMs')), total: stats(pick('pan', 'totalMs')) },
        all: { cpu: stats(pick(null, 'cpuMs')), total: stats(pick(null, 'totalMs')) },
        warmupFrames: warmed,
        stoppedEarly,
        lateFrames: frames.filter((f) => f.late).length,
        lateIndices: frames.flatMap((f, i) => (f.late ? [i] : [])),
        rangeMismatches: mismatches,
        frames: frames.map((f) => [f.kind[0], +f.cpuMs.toFixed(3), +f.totalMs.toFixed(3)]),
        diagnostics: lib.diagnostics?.(),
      };
    },

    /**
     * Appends `chunk` rows per frame for `count` frames, showing the whole series each frame.
     * Stops early (saying so) once the frames have taken `budgetMs`.
     */
    async stream(count = c.streamFrames, chunk = c.chunk, budgetMs = Infinity) {
      const frames = [];
      const mismatches = { count: 0, example: undefined };
      let spent = 0;
      let stoppedEarly = null;
      for (let f = 0; f < count; f++) {
        if (spent > budgetMs) {
          stoppedEarly = `stopped after ${frames.length} of ${count} frames (stream budget ${(budgetMs / 1000).toFixed(0)} s)`;
          break;
        }
        const lo = loadedRows;
        const hi = lo + chunk;
        const from = data.time[0];
        const to = data.time[hi - 1];
        const frame = await measureFrame(() => lib.append(data, lo, hi, from, to));
        loadedRows = hi;
        checkRange(from, to, mismatches);
        frames.push(frame);
        spent += frame.totalMs;
        await nextRealFrame();
      }
      const tenth = Math.max(1, Math.floor(count / 6));
      const slice = (list, key) => list.map((f) => f[key]);
      return {
        start: { cpu: stats(slice(frames.slice(0, tenth), 'cpuMs')), total: stats(slice(frames.slice(0, tenth), 'totalMs')) },
        end: stoppedEarly ? null : { cpu: stats(slice(frames.slice(-tenth), 'cpuMs')), total: stats(slice(frames.slice(-tenth), 'totalMs')) },
        stoppedEarly,
        all: { cpu: stats(slice(frames, 'cpuMs')), total: stats(slice(frames, 'totalMs')) },
        window: tenth,
        rowsAtEnd: loadedRows,
        lateFrames: frames.filter((f) => f.late).length,
        lateIndices: frames.flatMap((f, i) => (f.late ? [i] : [])),
        rangeMismatches: mismatches,
        frames: frames.map((f) => [+f.cpuMs.toFixed(3), +f.totalMs.toFixed(3)]),
        diagnostics: lib.diagnostics?.(),
      };
    },

    /**
     * Scatter, moving: `count` frames, each giving every point a new position as new Float64Arrays
     * (built before the frame's clock starts: the data's producer is not the chart). Stops early
     * (saying so) once the frames have taken `budgetMs`.
     */
    async moving(count = c.movingFrames, budgetMs = Infinity) {
      const frames = [];
      let spent = 0;
      let stoppedEarly = null;
      const n = data.x.length;
      for (let f = 0; f < count; f++) {
        if (spent > budgetMs && frames.length >= 3) {
          stoppedEarly = `stopped after ${frames.length} of ${count} frames (budget ${(budgetMs / 1000).toFixed(0)} s)`;
          break;
        }
        const x = new Float64Array(n);
        const y = new Float64Array(n);
        const t = (f + 1) * 0.1;
        for (let i = 0; i < n; i++) {
          x[i] = data.x[i] + 300 * Math.cos(t + i);
          y[i] = data.y[i] + 300 * Math.sin(t + i);
        }
        const frame = await measureFrame(() => lib.setPoints(x, y, data));
        frames.push(frame);
        spent += frame.totalMs;
        await nextRealFrame();
      }
      return {
        all: { cpu: stats(frames.map((f) => f.cpuMs)), total: stats(frames.map((f) => f.totalMs)) },
        stoppedEarly,
        lateFrames: frames.filter((f) => f.late).length,
        frames: frames.map((f) => [+f.cpuMs.toFixed(3), +f.totalMs.toFixed(3)]),
        diagnostics: lib.diagnostics?.(),
      };
    },

    /**
     * The cases of issue 16's table, `count` frames each (stops early, saying so, once the frames
     * have taken `budgetMs`):
     *   yrange: the whole series shown, the y range widened a little every frame (every frame
     *           redraws every visible point);
     *   append: `chunk` rows appended per frame, the whole series shown;
     *   fifo:   `series` lines of `size` points, `chunk` rows per series appended per frame and as
     *           many of the oldest dropped (a fixed window).
     */
    async frames(count = c.frames, budgetMs = Infinity) {
      const frames = [];
      let spent = 0;
      let stoppedEarly = null;
      let yBase = null;
      if (c.kind === 'yrange') {
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = 0; i < loadedRows; i++) {
          const v = data.value[i];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
        yBase = [lo, hi];
      }
      for (let f = 0; f < count; f++) {
        if (spent > budgetMs && frames.length >= 3) {
          stoppedEarly = `stopped after ${frames.length} of ${count} frames (budget ${(budgetMs / 1000).toFixed(0)} s)`;
          break;
        }
        let frame;
        if (c.kind === 'yrange') {
          const pad = (yBase[1] - yBase[0]) * 0.01 * (f + 1);
          frame = await measureFrame(() => lib.setYRange(data.time[0], data.time[loadedRows - 1], yBase[0] - pad, yBase[1] + pad));
        } else if (c.kind === 'append') {
          const lo = loadedRows;
          const hi = lo + c.chunk;
          frame = await measureFrame(() => lib.append(data, lo, hi, data.time[0], data.time[hi - 1]));
          loadedRows = hi;
        } else {
          const hi = loadedRows + c.chunk;
          frame = await measureFrame(() => lib.fifo(data, loadedRows, hi, c.size));
          loadedRows = hi;
        }
        frames.push(frame);
        spent += frame.totalMs;
        if (FLUSH) await nextRealFrame();
      }
      return {
        all: { cpu: stats(frames.map((f) => f.cpuMs)), total: stats(frames.map((f) => f.totalMs)) },
        stoppedEarly,
        rowsAtEnd: loadedRows,
        lateFrames: frames.filter((f) => f.late).length,
        frames: frames.map((f) => [+f.cpuMs.toFixed(3), +f.totalMs.toFixed(3)]),
        diagnostics: lib.diagnostics?.(),
      };
    },

    async teardown() {
      lib.destroy();
      data = null;
    },
  };
  window.bench = bench;
  window.benchReady = true;
  return bench;
}
