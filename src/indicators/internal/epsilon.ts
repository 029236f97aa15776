/**
 * TA-Lib's zero test (ta_utility.h since 0.6: TA_EPSILON = 1e-14, an absolute
 * band). Kept where TA-Lib uses it so edge cases (no movement, zero range)
 * produce TA-Lib's outputs; docs/indicators.md lists each place.
 */
export const TA_EPSILON = 1e-14;

export function isZero(v: number): boolean {
  return -TA_EPSILON < v && v < TA_EPSILON;
}
