// @ts-check
/**
 * Identifiers (table and column names) come only from the server's own catalog, never from a
 * request; still, each one is checked against a strict pattern before it is quoted into SQL, so a
 * catalog built from a hostile file name cannot smuggle SQL either.
 */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** @param {string} name */
export function isIdentifier(name) {
  return typeof name === 'string' && IDENTIFIER.test(name);
}

/**
 * The identifier, or an error naming it.
 * @param {string} name
 * @param {string} what
 */
export function checkedIdentifier(name, what) {
  if (!isIdentifier(name)) throw new Error(`tile server: ${what} "${String(name)}" is not a plain identifier (letters, digits, _; at most 63)`);
  return name;
}

/** Series names as they appear in URLs: a little wider than identifiers (BTC-USD, eur.usd). */
const SERIES_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** @param {string} name */
export function isSeriesName(name) {
  return typeof name === 'string' && SERIES_NAME.test(name);
}

export const SERIES_NAME_PATTERN = SERIES_NAME.source;
