import { decodeWindow, TILE_MEDIA_TYPE, TileFormatError, type DecodedWindow } from './format.js';
import { LruCache } from './lru.js';
import { tileId, tileWindow, type TileKey } from './plan.js';

/** A series as the server lists it (GET /v1/series/NAME). */
export interface TileSeriesInfo {
  name: string;
  columns: string[];
  rows: number;
  from: number;
  to: number;
  live: boolean;
  levels?: number[];
}

/** The server answered with an error: its status, stable code and message (what and where). */
export class TileHttpError extends Error {
  override name = 'TileHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

/** Worth another try: no answer, a server error, a rate limit (not a bad request or a bad format). */
export function isTransientTileError(error: unknown): boolean {
  if (error instanceof TileHttpError) return error.status >= 500 || error.status === 429 || error.status === 408;
  if (error instanceof TileFormatError) return false;
  return !(typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError');
}

export interface TileSourceOptions {
  /** The series' URL: http://host/v1/series/NAME. */
  url: string;
  fetch?: typeof fetch;
  agg?: 'm4' | 'ohlc';
  /** Sent with every request (e.g. { 'x-api-key': … }). */
  headers?: Record<string, string>;
  cache?: LruCache<DecodedWindow>;
}

/**
 * The chart's side of the tile API: the series' description, tiles (binary windows, decoded to
 * typed arrays) held in an LRU, one request per tile however many ask for it, and counters for
 * what came over the wire. DOM-free; `fetch` is injectable.
 */
export class TileSource {
  readonly url: string;
  readonly agg: 'm4' | 'ohlc';
  readonly cache: LruCache<DecodedWindow>;
  readonly stats = { requests: 0, bytes: 0, hits: 0, errors: 0 };
  private readonly fetchFn: typeof fetch;
  private readonly headers: Record<string, string>;
  private readonly inflight = new Map<string, { promise: Promise<DecodedWindow>; controller: AbortController; waiters: number }>();

  constructor(options: TileSourceOptions) {
    const url = new URL(options.url);
    if (!/^https?:$/.test(url.protocol)) throw new TypeError(`tiles: "${options.url}" is not an http(s) URL`);
    if (!/\/v1\/series\/[^/]+\/?$/.test(url.pathname)) throw new TypeError(`tiles: "${options.url}" is not a series URL (…/v1/series/NAME)`);
    this.url = url.href.replace(/\/$/, '');
    this.agg = options.agg ?? 'm4';
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.headers = options.headers ?? {};
    this.cache = options.cache ?? new LruCache<DecodedWindow>();
  }

  async info(signal?: AbortSignal): Promise<TileSeriesInfo> {
    const response = await this.request(this.url, 'application/json', signal);
    return (await response.json()) as TileSeriesInfo;
  }

  /** The URL of a tile's window. */
  windowUrl(key: TileKey): string {
    const { from, to, pixels } = tileWindow(key);
    return `${this.url}/window?from=${from}&to=${to}&pixels=${pixels}&agg=${this.agg}&format=binary`;
  }

  /** The live tail's event-stream URL. */
  tailUrl(since: number): string {
    return `${this.url}/tail?since=${Math.floor(since)}`;
  }

  held(key: TileKey): DecodedWindow | undefined {
    return this.cache.peek(tileId(key, this.agg));
  }

  /**
   * The tile, from the cache or the server. Requests for the same tile share one fetch; aborting
   * `signal` gives up this caller's interest, and the fetch itself once nobody waits for it.
   */
  load(key: TileKey, signal?: AbortSignal): Promise<DecodedWindow> {
    const id = tileId(key, this.agg);
    const cached = this.cache.get(id);
    if (cached) {
      this.stats.hits++;
      return Promise.resolve(cached);
    }
    let entry = this.inflight.get(id);
    if (!entry) {
      const controller = new AbortController();
      const promise = (async () => {
        try {
          const response = await this.request(this.windowUrl(key), TILE_MEDIA_TYPE, controller.signal);
          const buffer = await response.arrayBuffer();
          this.stats.bytes += buffer.byteLength;
          const decoded = decodeWindow(buffer);
          this.cache.set(id, decoded, buffer.byteLength);
          return decoded;
        } finally {
          this.inflight.delete(id);
        }
      })();
      promise.catch(() => {});
      entry = { promise, controller, waiters: 0 };
      this.inflight.set(id, entry);
    }
    const shared = entry;
    shared.waiters++;
    if (!signal) return shared.promise;
    return new Promise<DecodedWindow>((resolve, reject) => {
      const onAbort = () => {
        if (--shared.waiters === 0) shared.controller.abort();
        reject(new DOMException('tile request aborted', 'AbortError'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          shared.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          shared.waiters--;
          reject(error);
        },
      );
    });
  }

  /** Requests in flight now. */
  get pending(): number {
    return this.inflight.size;
  }

  private async request(url: string, accept: string, signal?: AbortSignal): Promise<Response> {
    this.stats.requests++;
    let response: Response;
    try {
      response = await this.fetchFn(url, { headers: { accept, ...this.headers }, signal });
    } catch (error) {
      this.stats.errors++;
      throw error;
    }
    if (!response.ok) {
      this.stats.errors++;
      let code = 'http';
      let message = `${response.status} ${response.statusText}`;
      let param: string | undefined;
      try {
        const body = (await response.json()) as { code?: string; message?: string; param?: string };
        code = body.code ?? code;
        message = body.message ?? message;
        param = body.param;
      } catch {
        // not JSON: keep the status line
      }
      throw new TileHttpError(response.status, code, `tiles: ${url.replace(/\?.*/, '')}: ${message}`, param);
    }
    return response;
  }
}
