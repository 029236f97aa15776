import { MinMaxPyramid, NO_INDEX } from '../data/lod/minmax-pyramid.js';
import type { SeriesStore } from '../data/series-store.js';
import type { DrawTarget } from '../series/series-type.js';
import { HistogramLayer } from '../series/shared/histogram-layer.js';
import { LinePath } from '../series/shared/line-path.js';
import { withAlpha } from '../series/shared/value-column.js';
import { MAIN_PANE } from './panes.js';
import type { Rgba } from './scene/frame-scene.js';
import type { Theme } from './theme.js';

/**
 * A series computed from the data (an indicator output), aligned with the data's time column and
 * drawn as a line over the price series.
 */
export interface DerivedSeries {
  id: string;
  name: string;
  values: Float64Array;
  color: Rgba | null;
  /** CSS px. */
  lineWidth: number;
  /** The pane it is drawn in: MAIN_PANE (over the price series, the default) or an indicator pane's id. */
  pane?: string;
  /** A line (default) or a histogram from 0 (MACD's), coloured up/down by sign. */
  style?: 'line' | 'histogram';
  /**
   * Rows valid in `values` (default: its length). Streaming indicators keep spare capacity, so
   * their arrays may be longer than the data.
   */
  length?: number;
  /** Reference levels drawn as dashed lines across its pane (and kept in its value range). */
  levels?: readonly number[];
  /** The producer's label, shared by its outputs (an indicator pane's title), e.g. "MACD(12, 26, 9)". */
  label?: string;
  /** The min/max pyramid of `values`, when the producer keeps one up to date (else the model builds one). */
  pyramid?: MinMaxPyramid;
}

export interface DerivedEntry {
  spec: DerivedSeries;
  pyramid: MinMaxPyramid;
}

/** The pane a derived series is drawn in. */
export function paneOf(spec: DerivedSeries): string {
  return spec.pane ?? MAIN_PANE;
}

const pair = new Uint32Array(2);

/**
 * The indicator outputs and their frame-reused buffers, drawn with the line and bar series'
 * building blocks (LinePath, HistogramLayer).
 */
export class DerivedLayers {
  entries: DerivedEntry[] = [];
  private readonly lines = new Map<string, LinePath>();
  private readonly histograms = new Map<string, HistogramLayer>();

  /** Keeps the series whose arrays hold `length` rows. */
  set(series: DerivedSeries[], length: number): void {
    this.entries = series
      .filter((s) => (s.length ?? s.values.length) === length && s.values.length >= length)
      .map((spec) => ({ spec, pyramid: spec.pyramid ?? new MinMaxPyramid(spec.values, length) }));
  }

  /** Forgets the series and their buffers (new data). */
  clear(): void {
    this.entries = [];
    this.lines.clear();
    this.histograms.clear();
  }

  /** The reference levels of a pane's series, once each, in the order they come. */
  levels(paneId: string): number[] {
    const levels: number[] = [];
    for (const { spec } of this.entries) {
      if (paneOf(spec) !== paneId) continue;
      for (const level of spec.levels ?? []) if (!levels.includes(level)) levels.push(level);
    }
    return levels;
  }

  /** Widens [min, max] by a pane's series over rows [first, end) (and 0 for histograms). */
  range(paneId: string, first: number, end: number, min: number, max: number): [number, number] {
    for (const { spec, pyramid } of this.entries) {
      if (paneOf(spec) !== paneId) continue;
      if (spec.style === 'histogram') {
        min = Math.min(min, 0);
        max = Math.max(max, 0);
      }
      pyramid.rangeMinMax(first, end, pair);
      if (pair[0] === NO_INDEX) continue;
      min = Math.min(min, spec.values[pair[0]!]!);
      max = Math.max(max, spec.values[pair[1]!]!);
    }
    return [min, max];
  }

  /** Draws a pane's series; `colorOf` gives the colour of the `index`th series. */
  draw(store: SeriesStore, paneId: string, start: number, end: number, theme: Theme, pixelRatio: number, colorOf: (spec: DerivedSeries, index: number) => Rgba, target: DrawTarget): void {
    const { pane, layers, lod } = target;
    const time = store.time;
    this.entries.forEach(({ spec, pyramid }, i) => {
      if (paneOf(spec) !== paneId) return;
      const id = `derived:${spec.id}`;
      if (spec.style === 'histogram') {
        const histogram = this.histograms.get(id) ?? this.histograms.set(id, new HistogramLayer()).get(id)!;
        // Indicator series take no custom-shader hooks (those attach to the chart's own series): no hook inputs.
        const bars = histogram.build(id, time, spec.values, store.length, pyramid, target.xScale, target.yScale, pane.width, 0, withAlpha(theme.up, 0.6), withAlpha(theme.down, 0.6), false);
        lod.drawnPoints += bars.count * 2;
        layers.push({ ...bars, pane });
        return;
      }
      const path = this.lines.get(id) ?? this.lines.set(id, new LinePath()).get(id)!;
      path.build(time, spec.values, store.length, pyramid, start, end, target);
      lod.drawnPoints += path.count;
      layers.push(path.layer(id, colorOf(spec, i), spec.lineWidth * pixelRatio, target));
    });
  }
}
