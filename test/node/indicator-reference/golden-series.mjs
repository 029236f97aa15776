// The two series the TA-Lib golden values (talib-golden.json) were computed on.
export const SERIES = {
  // Plain random walk: every indicator must match TA-Lib.
  random: { n: 5000, options: { seed: 42 }, step: 199, exclude: [] },
  // With runs of identical bars (no movement, zero volume): TA-Lib's edge-case
  // outputs (RSI 0, STOCH/WILLR 0, ...). Excluded: the three places where we
  // deliberately differ from TA-Lib on flat windows (docs/indicators.md):
  // CCI and STDDEV/BBANDS give exactly 0 / the flat value where TA-Lib 0.6
  // returns rounding residue.
  flats: { n: 6000, options: { seed: 7, flats: true }, step: 149, exclude: ['cci', 'stddev', 'bbands'] },
};

/** Detects a change of the generator (the golden values would no longer apply). */
export function seriesChecksum(s) {
  let acc = 0;
  for (const col of [s.open, s.high, s.low, s.close, s.volume]) {
    for (let i = 0; i < col.length; i++) acc = (acc * 31 + col[i] * (1 + (i % 7))) % 1e12;
  }
  return acc;
}
