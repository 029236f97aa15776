/**
 * Time zone validation through Intl, so the accepted set is exactly what the
 * runtime can format with. Results are cached because constructing an
 * Intl.DateTimeFormat costs tens of microseconds and configs are re-validated
 * on every runtime update.
 */

const cache = new Map<string, boolean>();
const CACHE_LIMIT = 256;

export function isTimeZone(value: string): boolean {
  const known = cache.get(value);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    valid = value.length > 0;
  } catch {
    valid = false;
  }
  // Hostile input could otherwise grow the cache without bound.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, valid);
  return valid;
}
