/**
 * Tiles: how the chart cuts what it shows into windows the server can cache and the chart can
 * reuse. A tile at level L holds TILE_COLUMNS pixel columns of 2^L ms each, starting at a multiple
 * of TILE_COLUMNS · 2^L ms since the epoch. For a view of `span` ms across `widthPx` device
 * pixels the chart takes the largest L with 2^L ≤ span / widthPx, so a server column is never
 * wider than a device pixel and the chart's own M4 over the tiles' points draws what M4 over the
 * raw rows would, to within the pixel columns a server column straddles (a server column is
 * between ½ and 1 px wide). Power-of-two grids line up with the server's roll-up levels
 * (server/query/levels.mjs), so a tile reads ~16 roll-up rows per column at most, and while
 * panning at one zoom the same tiles come back (cache hits), while zooming by 2× moves one level.
 */

export const TILE_COLUMNS = 256;
/** Finest level: 1 ms columns. */
export const MIN_LEVEL = 0;
/** Coarsest: 2^46 ms columns (~2200 years), far past any data. */
export const MAX_LEVEL = 46;

export interface TileKey {
  level: number;
  index: number;
}

export interface TileWindow {
  from: number;
  to: number;
  pixels: number;
}

export function tileId(key: TileKey, agg = 'm4'): string {
  return `${agg}/${key.level}/${key.index}`;
}

/** Largest level whose columns are at most one device pixel of a view `spanMs` wide over `widthPx`. */
export function levelFor(spanMs: number, widthPx: number): number {
  if (!(spanMs > 0) || !(widthPx >= 1)) return MIN_LEVEL;
  const level = Math.floor(Math.log2(spanMs / widthPx));
  return Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, level));
}

/** The window a tile asks the server for: [from, to] with its last column closed. */
export function tileWindow(key: TileKey): TileWindow {
  const width = 2 ** key.level * TILE_COLUMNS;
  return { from: key.index * width, to: (key.index + 1) * width, pixels: TILE_COLUMNS };
}

/**
 * Tiles covering [start, end] at the level for `widthPx` pixels, clipped to the data's
 * [dataFirst, dataLast] when given (nothing is asked where there is no data).
 */
export function tilesFor(start: number, end: number, widthPx: number, dataFirst = -Infinity, dataLast = Infinity): TileKey[] {
  const level = levelFor(end - start, widthPx);
  const a = Math.max(start, dataFirst);
  const b = Math.min(end, dataLast);
  if (!(b >= a)) return [];
  const width = 2 ** level * TILE_COLUMNS;
  const first = Math.floor(a / width);
  const last = Math.floor(b / width);
  const keys: TileKey[] = [];
  // Bounded: a view never needs more than widthPx / TILE_COLUMNS · 2 + 2 tiles.
  for (let index = first; index <= last && keys.length < 64; index++) keys.push({ level, index });
  return keys;
}

/** The tile of `key`'s range one level up (twice as coarse): the coarse stand-in while `key` loads. */
export function parentOf(key: TileKey): TileKey | null {
  if (key.level >= MAX_LEVEL) return null;
  return { level: key.level + 1, index: Math.floor(key.index / 2) };
}

/**
 * What to fetch after the view: the tile left and right of it at the same level (panning), and
 * the parent tiles (zooming out), each once, in that order of likelihood.
 */
export function prefetchFor(keys: TileKey[], dataFirst = -Infinity, dataLast = Infinity): TileKey[] {
  if (keys.length === 0) return [];
  const out: TileKey[] = [];
  const seen = new Set(keys.map((k) => tileId(k)));
  const add = (key: TileKey | null) => {
    if (!key) return;
    const { from, to } = tileWindow(key);
    if (to < dataFirst || from > dataLast) return;
    const id = tileId(key);
    if (seen.has(id)) return;
    seen.add(id);
    out.push(key);
  };
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  add({ level: first.level, index: first.index - 1 });
  add({ level: last.level, index: last.index + 1 });
  for (const key of keys) add(parentOf(key));
  return out;
}
