import type { ColumnarData } from './columnar.js';
import { DataError } from './data-error.js';
import { createResampler, parseTimeframe, resample, type ResampleInput, type Resampler, type Timeframe } from './resample.js';
import { lowerBound } from './lod/search.js';
import { SeriesStore } from './series-store.js';

/**
 * What a chart shows when it has a `timeframe`: its data (ticks or bars) resampled to OHLCV bars of
 * that timeframe, kept in step with appended rows. The rows as given are kept, so that another
 * timeframe (or none) can be chosen later without reloading anything.
 *
 * Appending costs O(rows appended) through a streaming resampler, except when the first appended
 * row replaces the last one (a live bar updated in place): the newest bucket is then rebuilt from
 * its rows, O(rows in that bucket).
 */
export class TimeframeView {
  private source: SeriesStore | null = null;
  private timeframe: Timeframe | null = null;
  private timeZone = 'UTC';
  private resampler: Resampler | null = null;
  /** Start of the bucket the resampler is filling (the last output bar's time). */
  private lastBar = NaN;

  /** The timeframe in effect, or null (the data is shown as given). */
  get active(): Timeframe | null {
    return this.timeframe;
  }

  /**
   * Chooses the timeframe ('5m', '1h', '1d', '1w', '1M', …) and the time zone whose wall clock sets
   * the boundaries. Throws on an invalid timeframe, changing nothing. Returns the data to show now
   * (null when there is no data yet).
   */
  configure(timeframe: string, timeZone: string): ColumnarData | null {
    this.timeframe = parseTimeframe(timeframe);
    this.timeZone = timeZone;
    return this.source ? this.all() : null;
  }

  /** Drops the timeframe and returns the data as given (null when there was none). */
  release(): ColumnarData | null {
    const source = this.source;
    this.source = null;
    this.timeframe = null;
    this.resampler = null;
    if (!source) return null;
    return { time: source.time.slice(0, source.length), columns: Object.fromEntries(source.columnNames.map((name) => [name, source.column(name).slice()])) };
  }

  /** New data (ticks or bars): kept as given, returned resampled. */
  setData(data: ColumnarData): ColumnarData {
    if (!this.timeframe) throw new Error('TimeframeView: no timeframe configured');
    this.source = new SeriesStore(data);
    return this.all();
  }

  /**
   * Rows appended to the data: returns the rows to append to what is shown. Its first row has the
   * time of the last shown bar when that bar changed (the chart's "update the last row" rule).
   */
  append(data: ColumnarData): ColumnarData {
    if (!this.source) return this.setData(data);
    const { updatedLast } = this.source.append(data);
    if (updatedLast) return this.rebuildLastBucket();
    const out = new BarColumns(this.hasVolume());
    const source = this.source;
    const first = source.length - data.time.length;
    for (let i = first; i < source.length; i++) this.push(i, out);
    return out.finish();
  }

  /** Everything, resampled. */
  private all(): ColumnarData {
    const source = this.source!;
    const bars = resample(this.input(0, source.length), this.timeframe!, { timeZone: this.timeZone });
    this.restartAt(bars.time.length > 0 ? bars.time[bars.time.length - 1]! : NaN);
    const columns: Record<string, Float64Array> = { open: bars.open, high: bars.high, low: bars.low, close: bars.close };
    if (bars.volume) columns.volume = bars.volume;
    return { time: bars.time, columns };
  }

  /** The newest bucket again, from its rows (after the last row was replaced). */
  private rebuildLastBucket(): ColumnarData {
    const source = this.source!;
    const from = Number.isNaN(this.lastBar) ? 0 : lowerBound(source.time, source.length, this.lastBar);
    this.restartAt(NaN);
    const out = new BarColumns(this.hasVolume());
    for (let i = from; i < source.length; i++) this.push(i, out);
    return out.finish();
  }

  /** A fresh streaming resampler, whose next bar at `lastBar` continues the shown last bar. */
  private restartAt(lastBar: number): void {
    this.resampler = createResampler(this.timeframe!, { timeZone: this.timeZone });
    this.lastBar = lastBar;
    const source = this.source!;
    // Feed it the rows of the shown last bucket, so that appends extend that bar.
    if (!Number.isNaN(lastBar)) {
      for (let i = lowerBound(source.time, source.length, lastBar); i < source.length; i++) this.resampler.push(source.time[i]!, this.row(i));
    }
  }

  private push(i: number, out: BarColumns): void {
    const { bar } = this.resampler!.push(this.source!.time[i]!, this.row(i));
    if (!bar) return;
    this.lastBar = bar.time;
    out.set(bar);
  }

  private hasVolume(): boolean {
    return this.source!.hasColumn('volume');
  }

  private priceColumn(): string {
    const source = this.source!;
    for (const name of ['close', 'value']) if (source.hasColumn(name)) return name;
    const first = source.columnNames.find((name) => name !== 'volume');
    if (!first) throw new DataError('resampling needs a price column (close, value, or any value column)', { code: 'no-value-columns' });
    return first;
  }

  private input(from: number, to: number): ResampleInput {
    const source = this.source!;
    const pick = (name: string) => (source.hasColumn(name) ? source.column(name).subarray(from, to) : undefined);
    return { time: source.time.subarray(from, to), open: pick('open'), high: pick('high'), low: pick('low'), close: source.column(this.priceColumn()).subarray(from, to), volume: pick('volume') };
  }

  private row(i: number): { open?: number; high?: number; low?: number; close: number; volume?: number } {
    const source = this.source!;
    const at = (name: string) => (source.hasColumn(name) ? source.column(name)[i] : undefined);
    return { open: at('open'), high: at('high'), low: at('low'), close: source.column(this.priceColumn())[i]!, volume: at('volume') };
  }
}

/** Output bars of an append: one row per bar, a bar updated twice kept once (its latest state). */
class BarColumns {
  private readonly rows: { time: number; open: number; high: number; low: number; close: number; volume: number }[] = [];

  constructor(private readonly withVolume: boolean) {}

  set(bar: { time: number; open: number; high: number; low: number; close: number; volume: number }): void {
    const last = this.rows[this.rows.length - 1];
    if (last && last.time === bar.time) this.rows[this.rows.length - 1] = bar;
    else this.rows.push(bar);
  }

  finish(): ColumnarData {
    const column = (key: 'open' | 'high' | 'low' | 'close' | 'volume') => Float64Array.from(this.rows, (r) => r[key]);
    const columns: Record<string, Float64Array> = { open: column('open'), high: column('high'), low: column('low'), close: column('close') };
    if (this.withVolume) columns.volume = column('volume');
    return { time: Float64Array.from(this.rows, (r) => r.time), columns };
  }
}
