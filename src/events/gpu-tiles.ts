/** Where a chart fed by a tile server (`tiles` attribute) stands. */
export interface GpuTilesDetail {
  /**
   * 'coarse': drawn from coarser tiles while the exact ones load; 'exact': every tile of the view
   * is drawn; 'error': a request failed for good (the last picture stays, retried later);
   * 'live': rows from the live tail were added.
   */
  state: 'coarse' | 'exact' | 'error' | 'live';
  /** The series' URL. */
  url: string;
  /** Tile level: pixel columns of 2^level ms. */
  level: number;
  /** Tiles of the view, and how many are held. */
  tiles: number;
  held: number;
  /** Requests made, bytes received and cache hits so far. */
  requests: number;
  bytes: number;
  hits: number;
  /** What the rows are: 'm4' (≤ 4 per pixel column), 'raw', or 'ohlc' bars. */
  mode: string;
  /** For 'error': what failed. */
  message?: string;
}

/** `gpu-tiles` — the tile feed's progress; bubbles and is composed. */
export class GpuTilesEvent extends Event {
  static readonly type = 'gpu-tiles';
  readonly detail: Readonly<GpuTilesDetail>;

  constructor(detail: GpuTilesDetail) {
    super('gpu-tiles', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-tiles': GpuTilesEvent;
  }
}
