import type { ChartModel } from '../../core/chart-model.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import { cover, isTransientTileError, mergePieces, prefetchFor, TileHttpError, tilesFor, TileSource, type TileKey, type TileSeriesInfo } from '../../data/tiles/index.js';
import { GpuDataErrorEvent } from '../../events/gpu-data-error.js';
import { GpuTilesEvent, type GpuTilesDetail } from '../../events/gpu-tiles.js';
import { CircuitBreaker } from '../../recovery/circuit-breaker.js';
import { isAbortError, retry } from '../../recovery/retry.js';
import type { TilesHost, TilesIntake, TilesReports } from './tile-feed-host.js';

/** Wait after the last viewport change before asking the server (wheel and drag send many). */
const DEBOUNCE_MS = 60;

/**
 * `<gpu-chart tiles="http://host/v1/series/NAME">`: the chart shows a series that stays on the
 * tile server (server/). On every viewport change it draws at once what it holds (the view's
 * tiles, or coarser ancestors standing in), then — debounced — asks for the missing tiles at its
 * pixel width (stale requests aborted), redraws as each arrives, and prefetches the neighbours.
 * The live tail streams in over server-sent events. Failures keep the last picture, retry with
 * backoff behind a circuit breaker, and say so (`gpu-data-error`, `gpu-tiles` state 'error').
 *
 * Renderer recovery needs nothing from here: the drawn rows live in the chart's model (CPU side)
 * and the tiles in the LRU, so a device loss rebuilds from them and refetches nothing.
 *
 * A chunk of its own (with data/tiles), loaded by ChartTiles when a chart first gets a `tiles` URL:
 * most pages never use a tile server.
 */
export class TileFeed {
  private source: TileSource | null = null;
  private info: TileSeriesInfo | null = null;
  private generation: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private tail: EventSource | null = null;
  private drawnKey = '';
  private shown = false;
  private warnedIndicators = false;
  private breaker: CircuitBreaker | null = null;
  private lastDetail: GpuTilesDetail | null = null;

  constructor(
    private readonly host: TilesHost,
    private readonly model: ChartModel,
    private readonly intake: TilesIntake,
    private readonly reports: TilesReports,
    private readonly indicatorCount: () => number,
  ) {}

  /** The feed's last state (what the last `gpu-tiles` event said), or null without `tiles`. */
  get status(): GpuTilesDetail | null {
    return this.lastDetail;
  }

  /** The tile source (its LRU and counters), or null without `tiles`. */
  get tileSource(): TileSource | null {
    return this.source;
  }

  hostConnected(): void {
    if (this.source && !this.info) void this.start();
    else if (this.source && this.info?.live) this.openTail();
  }

  hostDisconnected(): void {
    this.stopWork();
  }

  /** The `tiles` attribute. */
  setUrl(url: string | null): void {
    this.stopWork();
    this.source = null;
    this.info = null;
    this.shown = false;
    this.drawnKey = '';
    this.lastDetail = null;
    if (!url) return;
    try {
      const type = this.model.options.defaultType;
      this.source = new TileSource({ url: new URL(url, document.baseURI).href, agg: type === 'candlestick' || type === 'ohlc' ? 'ohlc' : 'm4' });
    } catch (error) {
      this.fail(error, url);
      return;
    }
    this.breaker = new CircuitBreaker({ name: 'tiles', ...this.host.recoveryOptions.breaker });
    if (this.host.isConnected) void this.start();
  }

  /** The viewport moved (any source but the feed's own data): draw what is held, fetch the rest. */
  viewportChanged(source: ViewportChangeSource): void {
    if (!this.source || !this.info || source === 'data') return;
    this.drawHeld();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fetchView();
    }, DEBOUNCE_MS);
  }

  private get signal(): AbortSignal {
    return this.generation!.signal;
  }

  private async start(): Promise<void> {
    const source = this.source!;
    this.generation = new AbortController();
    const signal = this.generation.signal;
    try {
      const info = await retry(() => source.info(signal), { ...this.host.recoveryOptions.retry, signal, shouldRetry: isTransientTileError });
      if (signal.aborted || this.source !== source) return;
      this.info = info;
      await this.fetchView();
      if (info.live) this.openTail();
    } catch (error) {
      if (!isAbortError(error)) this.fail(error, source.url, true);
    }
  }

  /** The view's tiles at the chart's width, clipped to the series. */
  private viewKeys(): TileKey[] {
    const info = this.info!;
    const widthPx = Math.max(1, Math.round(this.host.clientWidth * (globalThis.devicePixelRatio || 1)));
    const { start, end } = this.shown ? this.model.viewport : { start: info.from, end: info.to };
    return tilesFor(start, end, widthPx, info.from, info.to);
  }

  /** Draws what is held for the view (exact tiles or coarse stand-ins). Returns whether all is exact. */
  private drawHeld(): { exact: boolean; missing: TileKey[]; keys: TileKey[] } {
    const source = this.source!;
    const keys = this.viewKeys();
    const coverage = cover(keys, (id) => source.cache.peek(id), source.agg);
    const key = coverage.pieces.map((p) => `${p.id}:${p.from}:${p.to}`).join('|');
    if (coverage.pieces.length > 0 && key !== this.drawnKey) {
      this.drawnKey = key;
      const merged = mergePieces(coverage.pieces, source.agg === 'ohlc');
      const time = merged.time;
      if (time && time.length > 0) {
        const { time: _t, value, ...rest } = merged;
        const columns: Record<string, Float64Array> = source.agg === 'ohlc' ? rest : { [this.info!.name]: value! };
        const first = !this.shown;
        this.shown = true;
        this.intake.showTiles({ time, columns }, [this.info!.from, this.info!.to], first);
        const mode = coverage.pieces[0]!.window.header.mode;
        if (mode !== 'raw' && this.indicatorCount() > 0 && !this.warnedIndicators) {
          this.warnedIndicators = true;
          this.host.dispatchEvent(
            new GpuDataErrorEvent({
              code: 'aggregated-indicators',
              severity: 'warning',
              source: source.url,
              message: `indicators are computed on the tile server's aggregated rows (${mode === 'ohlc' ? 'OHLC bars of the tile level' : 'M4 points: first, min, max, last per pixel column'}), not on every raw row`,
            }),
          );
        }
      }
    }
    this.report(coverage.exact ? 'exact' : 'coarse', keys, coverage.pieces[0]?.window.header.mode ?? 'm4');
    return { exact: coverage.exact, missing: coverage.missing, keys };
  }

  /** Fetches the view's missing tiles (aborting the previous view's), drawing as they come; then prefetches. */
  private async fetchView(): Promise<void> {
    const source = this.source;
    if (!source || !this.info) return;
    this.generation?.abort();
    this.generation = new AbortController();
    const signal = this.signal;
    const { missing, keys } = this.drawHeld();
    if (missing.length > 0) {
      const breaker = this.breaker!;
      if (!breaker.canTry()) {
        this.scheduleRetry(2000);
        return;
      }
      try {
        await Promise.all(
          missing.map((key) =>
            retry(() => source.load(key, signal), { ...this.host.recoveryOptions.retry, signal, shouldRetry: isTransientTileError }).then(() => {
              if (!signal.aborted) this.drawHeld();
            }),
          ),
        );
        breaker.recordSuccess();
        this.reports.setStatus({ error: null });
      } catch (error) {
        if (isAbortError(error) || signal.aborted) return;
        breaker.recordFailure(error);
        this.fail(error, source.url);
        this.scheduleRetry(4000);
        return;
      }
    }
    if (signal.aborted) return;
    // Neighbours for the next pan or zoom out: best effort, in the background.
    for (const key of prefetchFor(keys, this.info.from, this.info.to)) source.load(key, signal).catch(() => {});
  }

  private scheduleRetry(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.fetchView();
    }, ms);
  }

  /** The live tail: new rows are appended (the chart follows when its view is at the end). */
  private openTail(): void {
    const source = this.source;
    const info = this.info;
    if (!source || !info || this.tail || typeof EventSource === 'undefined') return;
    const tail = new EventSource(source.tailUrl(info.to));
    this.tail = tail;
    tail.addEventListener('rows', (event) => {
      if (this.tail !== tail || !this.info) return;
      let rows: { time: number[]; value: number[]; volume?: (number | null)[] };
      try {
        rows = JSON.parse((event as MessageEvent<string>).data) as typeof rows;
      } catch {
        return;
      }
      if (!rows.time?.length) return;
      const firstNew = rows.time[0]!;
      // Tiles reaching the new rows are stale now: fetched again when next needed.
      source.cache.deleteWhere((_id, window) => window.header.to >= firstNew);
      this.info.to = Math.max(this.info.to, rows.time[rows.time.length - 1]!);
      this.info.rows += rows.time.length;
      if (source.agg === 'm4') this.intake.append({ time: rows.time, [this.info.name]: rows.value });
      this.report('live', this.viewKeys(), this.lastDetail?.mode ?? 'm4');
    });
  }

  private report(state: GpuTilesDetail['state'], keys: TileKey[], mode: string, message?: string): void {
    const source = this.source;
    if (!source) return;
    const held = keys.filter((k) => source.held(k)).length;
    const detail: GpuTilesDetail = {
      state,
      url: source.url,
      level: keys[0]?.level ?? 0,
      tiles: keys.length,
      held,
      requests: source.stats.requests,
      bytes: source.stats.bytes,
      hits: source.stats.hits,
      mode,
      ...(message ? { message } : {}),
    };
    this.lastDetail = detail;
    this.host.dispatchEvent(new GpuTilesEvent(detail));
  }

  private fail(error: unknown, url: string, retryStart = false): void {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof TileHttpError ? error.code : error instanceof TypeError ? 'tiles-url' : 'network';
    this.reports.recordError('data', code);
    this.reports.setStatus({ error: message });
    this.host.dispatchEvent(new GpuDataErrorEvent({ code, message, severity: 'error', source: url, ...(error instanceof TileHttpError && error.param ? { column: error.param } : {}) }));
    this.report('error', this.info ? this.viewKeys() : [], this.lastDetail?.mode ?? 'm4', message);
    if (retryStart && this.source) {
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.source && !this.info) void this.start();
      }, 5000);
    }
  }

  private stopWork(): void {
    this.generation?.abort();
    this.generation = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = this.retryTimer = null;
    this.tail?.close();
    this.tail = null;
  }
}
