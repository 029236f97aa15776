/**
 * True range of bar i (TA-Lib TRANGE order of comparisons): the largest of
 * high − low, |prevClose − high| and |prevClose − low|. Shared by ATR, NATR,
 * ADX, ULTOSC and Keltner.
 */
export function trueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const v2 = Math.abs(prevClose - high);
  if (v2 > greatest) greatest = v2;
  const v3 = Math.abs(prevClose - low);
  if (v3 > greatest) greatest = v3;
  return greatest;
}
