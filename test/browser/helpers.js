// Small helpers for element tests (mocha globals come from @web/test-runner).
import '../../dist/define/index.js';
import { rng } from '../../demo/sample-data.js';

// These tests exercise WebGPU on SwiftShader under renderer="auto": keep `auto` on WebGPU there
// (a software adapter otherwise starts on Canvas2D) and off measured switching, so timing noise
// cannot move a test to the other backend. test/browser/renderer-choice.test.js tests the choice.
/** @type {typeof import('../../dist/index.js').GpuChart} */ (customElements.get('gpu-chart')).rendererChoice = { softwareAdapter: 'webgpu', measure: false };

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Resolves with the first event of that type on the target (rejects after `ms`). */
export function nextEvent(target, type, ms = 20000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms);
    target.addEventListener(
      type,
      (event) => {
        clearTimeout(timer);
        resolve(event);
      },
      { once: true },
    );
  });
}

/** Collects events of the given types on the target until `stop()` is called. */
export function recordEvents(target, types) {
  const events = [];
  const listener = (event) => events.push(event);
  for (const type of types) target.addEventListener(type, listener);
  return {
    events,
    stop: () => types.forEach((type) => target.removeEventListener(type, listener)),
  };
}

/**
 * A <gpu-chart> of the given CSS size in the document, ready (gpu-ready fired).
 * @param {{ width?: number, height?: number, attributes?: Record<string, string>, data?: import('../../dist/index.js').GpuChart['data'] }} [options]
 * @returns {Promise<import('../../dist/index.js').GpuChart>}
 */
export async function createChart({ width = 400, height = 240, attributes = {}, data } = {}) {
  const chart = /** @type {import('../../dist/index.js').GpuChart} */ (document.createElement('gpu-chart'));
  chart.style.width = `${width}px`;
  chart.style.height = `${height}px`;
  for (const [name, value] of Object.entries(attributes)) chart.setAttribute(name, value);
  // Pixel tests want the same quality everywhere, not what auto-tuning picks for this machine.
  chart.config = { quality: { tier: 'high' } };
  const ready = nextEvent(chart, 'gpu-ready');
  document.body.append(chart);
  await ready;
  if (data) chart.data = data;
  await chart.nextFrame();
  return chart;
}

export function frame() {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Waits (polling every 20 ms) until `condition()` holds; throws naming `what` after `ms`. */
export async function until(condition, what, ms = 10_000) {
  const end = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Whether the page fetched a resource whose URL contains `fragment`. The bundle's own modules
 * (over 300 files in dist/) fill the default resource timing buffer of 250 entries, after which
 * fetches are no longer recorded: call `performance.setResourceTimingBufferSize` first (see the
 * lazy-chunk tests).
 */
export function fetchedResource(fragment) {
  return performance.getEntriesByType('resource').some((entry) => entry.name.includes(fragment));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** RGBA of one pixel of a snapshot. */
export function pixel(snapshot, x, y) {
  const i = (Math.round(y) * snapshot.width + Math.round(x)) * 4;
  return Array.from(snapshot.data.subarray(i, i + 4));
}

/** Distance between two RGB colours (0..255 scale, max channel difference). */
export function colorDistance(a, b) {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/** Pixels of a column range whose colour is within `tolerance` of `rgb`. */
export function countColor(snapshot, rgb, tolerance = 60, region = null) {
  const { width, height, data } = snapshot;
  const x0 = region?.x ?? 0;
  const y0 = region?.y ?? 0;
  const x1 = region ? region.x + region.width : width;
  const y1 = region ? region.y + region.height : height;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      if (Math.abs(data[i] - rgb[0]) <= tolerance && Math.abs(data[i + 1] - rgb[1]) <= tolerance && Math.abs(data[i + 2] - rgb[2]) <= tolerance) n++;
    }
  }
  return n;
}

/** Rows (y) in a pixel column whose colour is close to `rgb`. */
export function rowsWithColor(snapshot, x, rgb, tolerance = 80) {
  const rows = [];
  for (let y = 0; y < snapshot.height; y++) {
    if (colorDistance(pixel(snapshot, x, y), rgb) <= tolerance) rows.push(y);
  }
  return rows;
}

export const BLUE = [37, 99, 235]; // --gpu-chart-series-1 in the light theme
export const WHITE = [255, 255, 255];

/** Seeded one-minute OHLCV bars (a random walk) for candle and indicator tests. */
export function randomBars(n, seed = 5) {
  const random = rng(seed);
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    time[i] = Date.UTC(2024, 0, 1) + i * 60_000;
    open[i] = price;
    price += (random() - 0.5) * 2;
    close[i] = price;
    high[i] = Math.max(open[i], close[i]) + random();
    low[i] = Math.min(open[i], close[i]) - random();
    volume[i] = 100 + random() * 900;
  }
  return { time, open, high, low, close, volume };
}

/**
 * The chart's renderer controller, reached past `private`: these tests check which renderer the
 * chart holds and what it drew.
 * @param {import('../../dist/index.js').GpuChart} chart
 * @returns {import('../../src/elements/gpu-chart/chart-renderer-controller.js').ChartRendererController}
 */
export function renderersOf(chart) {
  return /** @type {any} */ (chart).renderers;
}
