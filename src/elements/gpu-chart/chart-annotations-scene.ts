import type { ChartModel, PaneOverlayFrame } from '../../core/chart-model.js';
import { AnnotationLayerBuilder, type LayerStyle, type PlacedLabel } from '../../annotations/layers.js';
import type { AnnotationStore } from '../../annotations/store.js';
import { resolvePane, type PaneView } from '../../annotations/pane-view.js';
import type { ShapeContext } from '../../annotations/geometry.js';
import { nearestRow, rowsBetween } from '../../annotations/snapping.js';
import type { Annotation } from '../../annotations/types.js';
import { MAIN_PANE } from '../../core/panes.js';
import { hexColor } from '../../core/theme.js';
import { resolveCssColor } from '../resolve-css-color.js';
import type { AnnotationsHost } from './chart-annotations-context.js';

const FIB_COLORS = ['#787b86', '#f23645', '#ff9800', '#4caf50', '#089981', '#00bcd4', '#2962ff', '#9c27b0'].map((c) => hexColor(c));
const DEFAULT_STROKE = hexColor('#2962ff');

/**
 * Annotations into the picture: called by the model once per pane and frame (its pane hook), it
 * adds the pane's batched layers (AnnotationLayerBuilder: prepared once per annotation set, data
 * and style; projected again only when the view changes) and collects the labels and the panes as
 * drawn, which the overlay and editing then use.
 */
export class AnnotationScene {
  readonly builder = new AnnotationLayerBuilder();
  /** The panes and labels of the last frame drawn. */
  views: PaneView[] = [];
  labels: PlacedLabel[] = [];
  private frameViews: PaneView[] = [];
  private frameLabels: PlacedLabel[] = [];
  private groups: { key: string; byPane: Map<string, Annotation[]> } = { key: '', byPane: new Map() };
  private dataStore: unknown = null;
  private dataSerial = 0;
  private styleCache: { key: string; style: LayerStyle } | null = null;

  constructor(
    private readonly host: AnnotationsHost,
    private readonly model: ChartModel,
    private readonly store: AnnotationStore,
    /** Runs before the first pane of a frame: the declarations are brought up to date. */
    private readonly beforeFrame: () => void,
  ) {}

  drawPane(frame: PaneOverlayFrame): void {
    if (frame.id === MAIN_PANE) {
      this.beforeFrame();
      this.frameViews = [];
      this.frameLabels = [];
    }
    const view: PaneView = { id: frame.id, rect: frame.rect, x: frame.xScale, y: frame.yScale };
    this.frameViews.push(view);
    const list = this.paneGroups().get(frame.id);
    if (!list || list.length === 0) return;
    const { style, key } = this.layerStyle();
    const built = this.builder.build(list, this.store.version, view, this.shapeContext(frame.pixelRatio), style, this.dataVersion(), key);
    for (const layer of built.layers) frame.layers.push(layer);
    // The same labels array while the view stays: the overlay then has nothing to lay out again.
    if (this.frameLabels.length === 0) this.frameLabels = built.labels;
    else this.frameLabels = this.frameLabels.concat(built.labels);
  }

  /** A frame was drawn: its panes and labels become what editing and the overlay use. */
  frameDrawn(): void {
    if (this.frameViews.length === 0) return;
    this.views = this.frameViews;
    this.labels = this.frameLabels;
  }

  /** The annotations of each pane (grouped again only when annotations or panes change). */
  private paneGroups(): Map<string, Annotation[]> {
    const ids = this.model.paneIds();
    const key = `${this.store.version}|${ids.join(',')}`;
    if (this.groups.key === key) return this.groups.byPane;
    const byPane = new Map<string, Annotation[]>();
    const views = ids.map((id) => ({ id }) as PaneView);
    for (const a of this.store.list()) {
      const pane = resolvePane(a.pane, views);
      if (!pane) continue;
      let list = byPane.get(pane.id);
      if (!list) byPane.set(pane.id, (list = []));
      list.push(a);
    }
    this.groups = { key, byPane };
    return byPane;
  }

  private dataVersion(): number {
    const store = this.model.data;
    if (store !== this.dataStore) {
      this.dataStore = store;
      this.dataSerial++;
    }
    return this.dataSerial * 1e9 + (store?.version ?? 0);
  }

  layerStyle(): { style: LayerStyle; key: string } {
    const theme = this.model.options.theme;
    const config = this.host.effectiveConfig;
    const dark = theme.background[0] + theme.background[1] + theme.background[2] < 1.5;
    const font = `${config.text.fontSize}px ${config.text.fontFamily}`;
    const key = `${theme.up}|${theme.down}|${dark}|${font}`;
    if (this.styleCache?.key === key) return this.styleCache;
    const style: LayerStyle = {
      resolveColor: resolveCssColor,
      defaultColor: DEFAULT_STROKE,
      upColor: theme.up,
      downColor: theme.down,
      fibColors: FIB_COLORS,
      font,
      textColor: dark ? [0.95, 0.96, 0.98, 1] : [0.07, 0.09, 0.15, 1],
      boxColor: dark ? [0.06, 0.09, 0.16, 0.85] : [1, 1, 1, 0.85],
    };
    this.styleCache = { key, style };
    return this.styleCache;
  }

  shapeContext(ratio: number): ShapeContext {
    const store = this.model.data;
    const timeAxis = this.model.options.xAxis === 'time';
    if (!store || store.length === 0) return { ratio, timeAxis };
    // The columns once per frame (each `column()` is a new view): markers look bars up by the thousand.
    const time = store.time;
    const length = store.length;
    const ohlc = store.hasColumn('low') && store.hasColumn('high');
    const low = ohlc ? store.column('low') : store.column(store.columnNames[0]!);
    const high = ohlc ? store.column('high') : low;
    return {
      ratio,
      timeAxis,
      barAt: (t) => {
        const row = nearestRow(time, length, t);
        const lo = low[row]!;
        const hi = high[row]!;
        return Number.isFinite(lo) && Number.isFinite(hi) ? { low: lo, high: hi } : null;
      },
      barsBetween: (t0, t1) => rowsBetween(time, length, t0, t1),
    };
  }
}
