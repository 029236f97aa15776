// Deterministic sample data for the demo: the same seed gives the same chart on every machine.

/** Mulberry32: a tiny seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random walk with bursts of noise, `count` points `stepMs` apart from `start`.
 * Columnar Float64Arrays, as the chart wants them.
 */
export function randomWalk(count, { seed = 42, start = Date.UTC(2024, 0, 1), stepMs = 1000, base = 100 } = {}) {
  const random = rng(seed);
  const time = new Float64Array(count);
  const value = new Float64Array(count);
  let v = base;
  for (let i = 0; i < count; i++) {
    time[i] = start + i * stepMs;
    // Occasional regime changes make the zoomed-out view interesting.
    const volatility = (i >> 16) % 7 === 3 ? 1.2 : 0.4;
    v += (random() - 0.5) * volatility + Math.sin(i / 400000) * 0.0008;
    value[i] = v;
  }
  return { time, value };
}

/** Two related series (a price and its smoothed version) for multi-series demos. */
export function twoSeries(count, options = {}) {
  const { time, value } = randomWalk(count, options);
  const smooth = new Float64Array(count);
  let s = value[0];
  for (let i = 0; i < count; i++) {
    s += (value[i] - s) * 0.02;
    smooth[i] = s;
  }
  return { time, price: value, average: smooth };
}

/** One-minute OHLCV bars from a random walk: `count` bars from `start`. */
export function ohlcBars(count, { seed = 9, start = Date.UTC(2023, 0, 2), stepMs = 60_000, base = 30_000 } = {}) {
  const random = rng(seed);
  const columns = { time: new Float64Array(count), open: new Float64Array(count), high: new Float64Array(count), low: new Float64Array(count), close: new Float64Array(count), volume: new Float64Array(count) };
  let price = base;
  for (let i = 0; i < count; i++) {
    const open = price;
    price *= Math.exp((random() - 0.5) * 0.003);
    const spread = open * 0.0015 * random();
    columns.time[i] = start + i * stepMs;
    columns.open[i] = open;
    columns.close[i] = price;
    columns.high[i] = Math.max(open, price) + spread;
    columns.low[i] = Math.min(open, price) - spread * random();
    // Volume comes in regimes (busy and quiet weeks), as in real markets.
    columns.volume[i] = (5 + random() * 20 * (1 + (Math.abs(price - open) / open) * 400)) * (1.2 + Math.sin(i / 15_000)) ** 2;
  }
  return columns;
}
