import type { SeriesStore } from '../../data/series-store.js';
import { OhlcAggregator, type OhlcAggregate } from '../../data/lod/ohlc-aggregate.js';

/**
 * Bars per pixel column of the store's OHLC(V) columns. A volume series' y range needs them before
 * the frame draws them: a second call with the same data, window and width returns the first result.
 */
export class OhlcAggregation {
  private readonly aggregator = new OhlcAggregator();
  private last?: OhlcAggregate;
  private lastKey?: string;
  private lastStore?: SeriesStore;

  of(store: SeriesStore, start: number, end: number, columns: number): OhlcAggregate {
    const key = `${store.length}:${store.version}:${start}:${end}:${columns}`;
    if (this.last && this.lastKey === key && this.lastStore === store) return this.last;
    const volume = store.hasColumn('volume') ? store.column('volume') : null;
    this.lastKey = key;
    this.lastStore = store;
    return (this.last = this.aggregator.aggregate(
      store.time,
      store.column('open'),
      store.column('high'),
      store.column('low'),
      store.column('close'),
      volume,
      store.length,
      store.pyramid('high'),
      store.pyramid('low'),
      volume ? store.prefixSum('volume') : null,
      start,
      end,
      columns,
    ));
  }
}
