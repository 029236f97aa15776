// The chart's client of the tile server (server/): tile planning, an LRU of windows, coverage by
// coarser tiles while the exact ones load, merging, and decoding of the binary format. DOM-free.
export { TILE_COLUMNS, levelFor, tileWindow, tilesFor, parentOf, prefetchFor, tileId, type TileKey, type TileWindow } from './plan.js';
export { LruCache } from './lru.js';
export { cover, mergePieces, type Coverage, type TilePiece } from './compose.js';
export { TileSource, TileHttpError, isTransientTileError, type TileSeriesInfo, type TileSourceOptions } from './source.js';
export { decodeWindow, windowFromJson, TileFormatError, TILE_MEDIA_TYPE, type DecodedWindow, type WindowHeader } from './format.js';
