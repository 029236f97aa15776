import type { ReactiveControllerHost } from 'lit';
import type { ColumnarData } from '../../data/columnar.js';
import type { CircuitBreakerOptions } from '../../recovery/circuit-breaker.js';
import type { BackoffOptions } from '../../recovery/retry.js';

// What the tile feed (tile-feed.ts, a lazy chunk) and its loader (chart-tiles.ts) share.

/** What the tile feed needs from its chart. */
export interface TilesHost extends ReactiveControllerHost, EventTarget {
  readonly isConnected: boolean;
  readonly clientWidth: number;
  /** The chart's recovery timings: tile requests retry and break like device recovery (tests shorten them). */
  readonly recoveryOptions: { readonly retry: BackoffOptions; readonly breaker: Omit<CircuitBreakerOptions, 'name' | 'now'> };
}

/** Where the feed puts what it fetched: the chart's data intake (chart-data.ts). */
export interface TilesIntake {
  showTiles(data: ColumnarData, bounds: [number, number], resetView: boolean): void;
  append(rows: unknown): void;
}

export interface TilesReports {
  setStatus(change: { error?: string | null }): void;
  recordError(kind: 'data', code: string): void;
}
