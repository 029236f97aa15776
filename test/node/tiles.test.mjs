// The chart's tile client (src/data/tiles/): planning, LRU, coverage by coarse tiles, merging,
// the binary format, and the source's request sharing and errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TILE_COLUMNS, levelFor, tileWindow, tilesFor, parentOf, prefetchFor, tileId, LruCache, cover, mergePieces,
  TileSource, TileHttpError, isTransientTileError, decodeWindow, windowFromJson, TileFormatError,
} from '../../build/node/data/index.js';
import { encodeColumns } from '../../server/format/columns.mjs';

const bufferOf = (meta, columns) => {
  const bytes = encodeColumns(meta, columns);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};

describe('tile planning', () => {
  it('picks columns at most one device pixel wide, and never less than half', () => {
    for (const [span, width] of [[86_400_000, 1000], [1000, 800], [3.15e10, 1920], [5, 1000]]) {
      const level = levelFor(span, width);
      assert.ok(2 ** level <= Math.max(1, span / width), `${span}/${width}`);
      if (span / width >= 1) assert.ok(2 ** (level + 1) > span / width);
    }
    assert.equal(levelFor(0, 100), 0);
    assert.equal(levelFor(NaN, 100), 0);
  });

  it('covers the view with aligned tiles of 256 columns, clipped to the data', () => {
    const start = 1_700_000_000_000;
    const end = start + 86_400_000;
    const keys = tilesFor(start, end, 1000);
    const level = levelFor(end - start, 1000);
    assert.ok(keys.every((k) => k.level === level));
    const first = tileWindow(keys[0]);
    const last = tileWindow(keys[keys.length - 1]);
    assert.ok(first.from <= start && last.to >= end, 'covered');
    assert.equal(first.pixels, TILE_COLUMNS);
    assert.equal(first.from % (2 ** level * TILE_COLUMNS), 0, 'aligned');
    for (let i = 1; i < keys.length; i++) assert.equal(keys[i].index, keys[i - 1].index + 1);
    assert.ok(keys.length <= Math.ceil(1000 / TILE_COLUMNS) * 2 + 2);
    // The same view panned by a little reuses the same tiles.
    const panned = tilesFor(start + 1000, end + 1000, 1000).map((k) => tileId(k));
    assert.ok(keys.map((k) => tileId(k)).filter((id) => panned.includes(id)).length >= keys.length - 1);
    assert.deepEqual(tilesFor(start, end, 1000, end + 1, end + 2), []);
    assert.equal(tilesFor(start, end, 1000, start + 10, start + 20).length, 1);
  });

  it('prefetches the tiles either side and the parents, once each', () => {
    const keys = [{ level: 10, index: 4 }, { level: 10, index: 5 }];
    const ids = prefetchFor(keys).map((k) => tileId(k));
    assert.deepEqual(ids, ['m4/10/3', 'm4/10/6', 'm4/11/2']);
    assert.deepEqual(parentOf({ level: 3, index: 7 }), { level: 4, index: 3 });
  });
});

describe('LRU of tiles', () => {
  it('evicts the least recently used past the entry or byte bound', () => {
    const lru = new LruCache(3, 100);
    lru.set('a', 1, 10);
    lru.set('b', 2, 10);
    lru.set('c', 3, 10);
    lru.get('a');
    lru.set('d', 4, 10);
    assert.deepEqual(['a', 'b', 'c', 'd'].map((k) => lru.has(k)), [true, false, true, true]);
    lru.set('e', 5, 95);
    assert.equal(lru.has('e'), true);
    assert.ok(lru.bytes <= 100, `bytes ${lru.bytes}`);
    assert.equal(lru.deleteWhere((k) => k === 'e'), 1);
    assert.equal(lru.bytes, 0);
  });
});

describe('coverage and merging', () => {
  const tile = (key, step = 2 ** key.level) => {
    const { from, to } = tileWindow(key);
    const time = [];
    for (let t = from - step; t <= to + step; t += step) time.push(t);
    return /** @type {any} */ ({ header: { series: 'S', agg: 'm4', mode: 'm4', from, to, rows: time.length }, columns: { time: Float64Array.from(time), value: Float64Array.from(time, (t) => t / 1000) } });
  };

  it('draws held tiles, coarse ancestors for missing ones, and lists what to fetch', () => {
    const keys = [{ level: 4, index: 9 }, { level: 4, index: 10 }, { level: 4, index: 11 }];
    const held = new Map([[tileId(keys[0]), tile(keys[0])], [tileId({ level: 6, index: 2 }), tile({ level: 6, index: 2 }, 64)]]);
    const coverage = cover(keys, (id) => held.get(id));
    assert.equal(coverage.exact, false);
    assert.deepEqual(coverage.missing, [keys[1], keys[2]]);
    assert.deepEqual(coverage.pieces.map((p) => [p.id, p.exact, p.from, p.to]), [
      ['m4/4/9', true, tileWindow(keys[0]).from, tileWindow(keys[0]).to],
      ['m4/6/2', false, tileWindow(keys[1]).from, tileWindow(keys[2]).to],
    ]);
    const merged = mergePieces(coverage.pieces);
    const time = Array.from(merged.time);
    assert.deepEqual(time, [...time].sort((a, b) => a - b), 'time order');
    assert.equal(new Set(time).size, time.length, 'no duplicates at tile edges');
    assert.ok(time[0] < tileWindow(keys[0]).from && time[time.length - 1] > tileWindow(keys[2]).to, 'neighbours at both ends');
    assert.equal(merged.value.length, time.length);
  });

  it('leaves bars at a tile end to the next tile (half-open)', () => {
    const keys = [{ level: 2, index: 1 }, { level: 2, index: 2 }];
    const held = new Map(keys.map((k) => [tileId(k), tile(k)]));
    const merged = mergePieces(cover(keys, (id) => held.get(id)).pieces, true);
    assert.equal(merged.time[0], tileWindow(keys[0]).from);
    assert.ok(merged.time[merged.time.length - 1] < tileWindow(keys[1]).to);
  });
});

describe('binary window format', () => {
  it('round-trips the server encoding into typed arrays (views, no copies)', () => {
    const time = Float64Array.from([1, 2, 3]);
    const value = Float64Array.from([0.5, NaN, -1e300]);
    const decoded = decodeWindow(bufferOf({ series: 'S', agg: 'm4', mode: 'raw', from: 0, to: 3 }, { time, value }));
    assert.equal(decoded.header.series, 'S');
    assert.equal(decoded.header.rows, 3);
    assert.deepEqual(Array.from(decoded.columns.time), [1, 2, 3]);
    assert.ok(Number.isNaN(decoded.columns.value[1]));
    assert.equal(decoded.columns.value[2], -1e300);
    assert.deepEqual(Array.from(windowFromJson({ rows: 2, mode: 'raw', columns: { time: [1, 2], value: [null, 3] } }).columns.value), [NaN, 3]);
  });

  it('names what is wrong with a malformed response', () => {
    const good = new Uint8Array(bufferOf({ mode: 'raw' }, { time: Float64Array.from([1]) }));
    assert.throws(() => decodeWindow(new ArrayBuffer(3)), /shorter than its 8-byte preamble/);
    const bad = good.slice();
    bad[0] = 0x58;
    assert.throws(() => decodeWindow(bad.buffer), /does not start with "GCT1"/);
    assert.throws(() => decodeWindow(good.slice(0, good.length - 8).buffer), /its header promises/);
    const long = good.slice();
    new DataView(long.buffer).setUint32(4, 1e6, true);
    assert.throws(() => decodeWindow(long.buffer), /runs past the response/);
    const notJson = good.slice();
    notJson[8] = 0x7d;
    assert.throws(() => decodeWindow(notJson.buffer), TileFormatError);
    assert.throws(() => windowFromJson({ rows: 3, columns: { time: [1] } }), /has 1 rows, its header says 3/);
  });
});

describe('tile source', () => {
  const url = 'http://tiles.test/v1/series/S';
  const fakeFetch = (handler) => {
    const calls = [];
    const fn = async (input, init) => {
      calls.push({ url: String(input), init });
      return handler(String(input), init);
    };
    return { fn, calls };
  };
  const windowResponse = (u) => {
    const params = new URL(u).searchParams;
    const from = Number(params.get('from'));
    return new Response(bufferOf({ mode: 'm4', from, to: Number(params.get('to')) }, { time: Float64Array.from([from, from + 1]), value: Float64Array.from([1, 2]) }), { status: 200 });
  };

  it('refuses URLs that are not a series URL', () => {
    assert.throws(() => new TileSource({ url: 'ftp://x/v1/series/S' }), /not an http\(s\) URL/);
    assert.throws(() => new TileSource({ url: 'http://x/v1/other' }), /not a series URL/);
  });

  it('asks the server once per tile, then answers from the LRU; counts bytes', async () => {
    const { fn, calls } = fakeFetch(windowResponse);
    const source = new TileSource({ url, fetch: fn, headers: { 'x-api-key': 'k' } });
    const key = { level: 10, index: 7 };
    const [a, b] = await Promise.all([source.load(key), source.load(key)]);
    assert.equal(a, b);
    assert.equal(calls.length, 1);
    assert.match(calls[0].url, /\/v1\/series\/S\/window\?from=1835008&to=2097152&pixels=256&agg=m4&format=binary$/);
    assert.equal(calls[0].init.headers['x-api-key'], 'k');
    await source.load(key);
    assert.equal(calls.length, 1);
    assert.equal(source.stats.hits, 1);
    assert.ok(source.stats.bytes > 0);
  });

  it('aborts a shared request only when every caller gave up', async () => {
    /** @type {any} */
    let seen = null;
    const { fn } = fakeFetch((_u, init) => new Promise((_resolve, reject) => {
      seen = init.signal;
      init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    }));
    const source = new TileSource({ url, fetch: fn });
    const one = new AbortController();
    const two = new AbortController();
    const key = { level: 1, index: 1 };
    const p1 = source.load(key, one.signal);
    const p2 = source.load(key, two.signal);
    one.abort();
    await assert.rejects(p1, { name: 'AbortError' });
    assert.equal(seen.aborted, false, 'still wanted by the second caller');
    two.abort();
    await assert.rejects(p2, { name: 'AbortError' });
    assert.equal(seen.aborted, true);
  });

  it('turns error answers into TileHttpError with the server code and message; tells transient from final', async () => {
    const { fn } = fakeFetch(() => new Response(JSON.stringify({ statusCode: 400, code: 'invalid-parameter', message: 'querystring: pixels must be <= 4096', param: 'pixels' }), { status: 400 }));
    const source = new TileSource({ url, fetch: fn });
    const error = await source.load({ level: 0, index: 0 }).catch((e) => e);
    assert.ok(error instanceof TileHttpError);
    assert.equal(error.code, 'invalid-parameter');
    assert.equal(error.param, 'pixels');
    assert.match(error.message, /pixels must be <= 4096/);
    assert.equal(isTransientTileError(error), false);
    assert.equal(isTransientTileError(new TileHttpError(503, 'engine-down', 'x')), true);
    assert.equal(isTransientTileError(new TileHttpError(429, 'rate-limited', 'x')), true);
    assert.equal(isTransientTileError(new TypeError('fetch failed')), true);
    assert.equal(isTransientTileError(new DOMException('x', 'AbortError')), false);
    assert.equal(source.stats.errors, 1);
  });
});
