import type { ReactiveController } from 'lit';
import type { ChartModel } from '../../core/chart-model.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import type { TileSource } from '../../data/tiles/index.js';
import { GpuDataErrorEvent } from '../../events/gpu-data-error.js';
import type { GpuTilesDetail } from '../../events/gpu-tiles.js';
import type { GpuViewportChangeEvent } from '../../events/gpu-viewport-change.js';
import type { TileFeed } from './tile-feed.js';
import type { TilesHost, TilesIntake, TilesReports } from './tile-feed-host.js';

let loading: Promise<typeof import('./tile-feed.js')> | null = null;

/**
 * The `tiles` attribute (`<gpu-chart tiles="http://host/v1/series/NAME">`, see TileFeed): this
 * controller stays in the main bundle and loads the feed — the tile client, its LRU, composing and
 * the live tail — as a chunk of its own the first time a chart is given a URL. Until then, and for
 * every chart without `tiles`, it holds nothing. A chunk that fails to load is a `gpu-data-error`
 * (code `tiles-load`); setting the URL again tries again.
 */
export class ChartTiles implements ReactiveController {
  private feed: TileFeed | null = null;
  /** The URL asked for last: a load finishing after another change applies only the latest. */
  private wanted: string | null = null;

  constructor(
    private readonly host: TilesHost,
    private readonly model: ChartModel,
    private readonly intake: TilesIntake,
    private readonly reports: TilesReports,
    private readonly indicatorCount: () => number,
  ) {
    host.addController(this);
    // Every move of the view, whatever made it (pointer, keys, API, sync group), is announced by
    // this event (ChartViewport.changed): the one place to follow.
    host.addEventListener('gpu-viewport-change', (event) => {
      if (event.target === host) this.feed?.viewportChanged((event as GpuViewportChangeEvent).detail.source);
    });
  }

  /** The feed's last state (what the last `gpu-tiles` event said), or null without `tiles`. */
  get status(): GpuTilesDetail | null {
    return this.feed?.status ?? null;
  }

  /** The tile source (its LRU and counters), or null without `tiles` (or while the feed loads). */
  get tileSource(): TileSource | null {
    return this.feed?.tileSource ?? null;
  }

  hostConnected(): void {
    this.feed?.hostConnected();
  }

  hostDisconnected(): void {
    this.feed?.hostDisconnected();
  }

  /** The `tiles` attribute. */
  setUrl(url: string | null): void {
    this.wanted = url;
    if (this.feed || !url) {
      this.feed?.setUrl(url);
      return;
    }
    loading ??= import('./tile-feed.js');
    loading.then(
      (module) => {
        if (this.feed || this.wanted !== url) return;
        this.feed = new module.TileFeed(this.host, this.model, this.intake, this.reports, this.indicatorCount);
        this.feed.setUrl(url);
      },
      (error: unknown) => {
        loading = null;
        if (this.wanted !== url) return;
        const message = `the tile client could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
        this.reports.recordError('data', 'tiles-load');
        this.reports.setStatus({ error: message });
        this.host.dispatchEvent(new GpuDataErrorEvent({ code: 'tiles-load', message, severity: 'error', source: url }));
      },
    );
  }

  /** The viewport moved (any source but the feed's own data). */
  viewportChanged(source: ViewportChangeSource): void {
    this.feed?.viewportChanged(source);
  }
}
