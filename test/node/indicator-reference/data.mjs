// Deterministic pseudo-random OHLCV series for the indicator tests.
// mulberry32: tiny, well-known 32-bit PRNG; the same seed always gives the same bars.
export function mulberry32(seed) {
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
 * A random-walk OHLCV series. Options:
 * - start: first price; vol: per-bar relative volatility
 * - flats: insert runs of identical bars (no movement at all) to exercise the
 *   edge cases (RSI/STOCH/CCI/WILLR/ULTOSC with no range)
 * - tick: round prices to this tick (so equal highs/lows happen, as in real data)
 */
export function makeSeries(n, { seed = 42, start = 100, vol = 0.01, flats = false, tick = 0.01 } = {}) {
  const rnd = mulberry32(seed);
  // Irwin-Hall approximation of a standard normal: only + and -, which IEEE 754
  // rounds identically everywhere (Math.log/cos may differ across engines), so
  // the series — and the TA-Lib golden values computed from it — are portable.
  const gauss = () => {
    let s = 0;
    for (let k = 0; k < 12; k++) s += rnd();
    return s - 6;
  };
  const round = (p) => (tick > 0 ? Math.round(p / tick) * tick : p);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const time = new Float64Array(n);
  let last = start;
  let t = Date.UTC(2024, 0, 1, 9, 0);
  let flatLeft = 0;
  for (let i = 0; i < n; i++) {
    // Hourly bars, 7 per day with an overnight jump, so VWAP sessions are uneven.
    t += (i % 7 === 0 && i > 0) ? 18 * 3600_000 : 3600_000;
    time[i] = t;
    if (flats && flatLeft === 0 && rnd() < 0.004) flatLeft = 20 + Math.floor(rnd() * 60);
    if (flatLeft > 0) {
      flatLeft--;
      open[i] = high[i] = low[i] = close[i] = last;
      volume[i] = rnd() < 0.5 ? 0 : Math.round(500 + 1000 * rnd());
      continue;
    }
    const o = round(last * (1 + vol * 0.2 * gauss()));
    const c = round(o * (1 + vol * gauss()));
    const h = round(Math.max(o, c) * (1 + vol * 0.5 * Math.abs(gauss())));
    const l = round(Math.min(o, c) * (1 - vol * 0.5 * Math.abs(gauss())));
    open[i] = o;
    high[i] = Math.max(h, o, c);
    low[i] = Math.min(l, o, c);
    close[i] = c;
    volume[i] = Math.round(1000 + 9000 * rnd() * rnd()) * (rnd() < 0.01 ? 0 : 1);
    last = c;
  }
  return { open, high, low, close, volume, time, n };
}
