import type { DecodedWindow } from './format.js';
import { parentOf, tileId, tileWindow, type TileKey } from './plan.js';

/** One stretch of the view and the tile answering it: the tile itself, or a coarser ancestor standing in. */
export interface TilePiece {
  key: TileKey;
  id: string;
  window: DecodedWindow;
  from: number;
  to: number;
  /** The tile itself (false: a coarser stand-in until it arrives). */
  exact: boolean;
}

export interface Coverage {
  pieces: TilePiece[];
  /** Tiles of the view not held (to fetch). */
  missing: TileKey[];
  /** Every tile of the view is held: the picture is final. */
  exact: boolean;
}

/**
 * Covers the view's tiles with what is held: each tile itself, else its nearest held ancestor
 * (up to `maxUp` levels coarser), else nothing (a gap until it arrives). The coarse answer is
 * drawn at once and refined as the tiles come.
 */
export function cover(keys: TileKey[], lookup: (id: string) => DecodedWindow | undefined, agg = 'm4', maxUp = 12): Coverage {
  const pieces: TilePiece[] = [];
  const missing: TileKey[] = [];
  for (const key of keys) {
    const { from, to } = tileWindow(key);
    const own = lookup(tileId(key, agg));
    if (own) {
      pieces.push({ key, id: tileId(key, agg), window: own, from, to, exact: true });
      continue;
    }
    missing.push(key);
    let up: TileKey | null = parentOf(key);
    for (let k = 0; up && k < maxUp; k++, up = parentOf(up)) {
      const id = tileId(up, agg);
      const stand = lookup(id);
      if (stand) {
        const previous = pieces[pieces.length - 1];
        // Neighbouring tiles standing in with the same ancestor: one piece.
        if (previous && previous.id === id && previous.to === from) previous.to = to;
        else pieces.push({ key: up, id, window: stand, from, to, exact: false });
        break;
      }
    }
  }
  return { pieces, missing, exact: missing.length === 0 };
}

/**
 * The pieces' rows as one set of columns, in time order: each piece gives its rows in
 * [from, to) (the last piece also the row at `to` for lines), plus the row before the first piece
 * and after the last one (so lines run to the plot edges). Bars (`halfOpen`) never take the bar
 * at `to`, which is the next tile's first.
 */
export function mergePieces(pieces: TilePiece[], halfOpen = false): Record<string, Float64Array> {
  if (pieces.length === 0) return {};
  const names = Object.keys(pieces[0]!.window.columns).filter((name) => pieces.every((p) => name in p.window.columns));
  const ranges: [DecodedWindow, number, number][] = [];
  let total = 0;
  pieces.forEach((piece, k) => {
    const time = piece.window.columns.time!;
    const last = k === pieces.length - 1;
    let a = lowerBound(time, piece.from);
    let b = last && !halfOpen ? upperBound(time, piece.to) : lowerBound(time, piece.to);
    if (k === 0 && a > 0 && !halfOpen) a--;
    if (last && b < time.length && !halfOpen) b++;
    if (b > a) {
      ranges.push([piece.window, a, b]);
      total += b - a;
    }
  });
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    const column = new Float64Array(total);
    let offset = 0;
    for (const [window, a, b] of ranges) {
      column.set(window.columns[name]!.subarray(a, b), offset);
      offset += b - a;
    }
    out[name] = column;
  }
  return out;
}

function lowerBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
