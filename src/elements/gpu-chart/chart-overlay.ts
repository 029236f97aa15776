import { html, nothing, render, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AxisLabel, ChartModel, CrosshairInfo, FrameResult, PaneInfo, YAxisInfo } from '../../core/chart-model.js';
import { AXIS_TITLE_SIZE } from '../../core/layout.js';
import { formatNumeric } from '../../core/ticks/numeric-ticks.js';
import { MAIN_PANE } from '../../core/panes.js';
import { formatValue } from '../../core/ticks/value-ticks.js';
import type { ChartConfig } from '../../config/schema.js';
import { formatTime } from '../../time/time-zone.js';
import type { LifecycleState } from '../../recovery/lifecycle.js';
import { rgbaToCss } from '../resolve-css-color.js';
import type { LegendEntry as ModelLegendEntry } from '../../core/chart-types.js';
import type { ColorBar } from '../../series/series-type.js';
import { ChartPanes } from './chart-panes.js';

/** What the overlay needs from its chart. */
export interface OverlayHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly clientWidth: number;
  readonly clientHeight: number;
  /** The accessible label the page gave, or null (a summary of the data then). */
  readonly label: string | null;
  readonly state: LifecycleState;
  readonly effectiveConfig: ChartConfig;
  /** Draws again (pane separators moved). */
  invalidate(): void;
  /** The point under the pointer changed (null: it left): events and the sync group. */
  crosshairMoved(info: CrosshairInfo | null): void;
}

/** What the status part shows (rarely changes: rendered with the element's own updates). */
export interface OverlayStatus {
  loading: { loaded: number; total: number | null } | null;
  error: string | null;
  unavailable: string | null;
}

interface LegendEntry {
  name: string;
  color: string;
  value: string;
  visible: boolean;
}

/**
 * The DOM over the canvas, as Lit templates rendered into four parts of the shadow root, each
 * only when what it shows changed: axes (tick labels of the last frame), legend (series names,
 * colours and values, pane titles and separators), pointer (crosshair lines, tooltip, zoom box)
 * and status (loading, data errors, fallback badge, "needs WebGPU" message). A frame never
 * updates the element itself: the overlay compares a cheap key per part and renders that part.
 */
export class ChartOverlay implements ReactiveController {
  status: OverlayStatus = { loading: null, error: null, unavailable: null };

  private readonly panes: ChartPanes;
  private frame: FrameResult | null = null;
  private axesKey = '';
  private legendKey = '';
  private containerKey = '';
  private summaryKey = '';
  private summary = '';
  /** Where the pointer is over the plot (CSS px), so the crosshair follows zooms and new data. */
  private pointer: { x: number; y: number } | null = null;
  private crosshair: { info: CrosshairInfo; synced: boolean; cssY: number } | null = null;
  private zoomBox: { x: number; y: number; width: number; height: number } | null = null;
  /** The data row under the crosshair (the legend shows its values), or null: the last row. */
  private hover: number | null = null;

  constructor(
    private readonly host: OverlayHost,
    private readonly model: ChartModel,
  ) {
    host.addController(this);
    this.panes = new ChartPanes({ model, invalidate: () => host.invalidate() });
  }

  /** The element updated (status, attributes, renderer state): status and container follow. */
  hostUpdated(): void {
    this.renderStatus();
    this.renderPointer();
    this.refresh();
  }

  /** The status changed: shown with the element's next update. */
  setStatus(change: Partial<OverlayStatus>): void {
    const next = { ...this.status, ...change };
    if (next.loading === this.status.loading && next.error === this.status.error && next.unavailable === this.status.unavailable) return;
    this.status = next;
    this.host.requestUpdate();
  }

  /** A frame was drawn: labels, legend and crosshair follow it (each part only when it changed). */
  frameDrawn(frame: FrameResult | null): void {
    if (frame) this.frame = frame;
    // The crosshair stays on the point under the pointer (zooms, new data).
    if (this.pointer) this.pointerAt(this.pointer.x, this.pointer.y);
    this.refresh();
  }

  /** Renders the axes, the legend and the container's attributes where they changed. */
  refresh(): void {
    // Before the element's first render (data set on a chart not yet in the page) there is no root.
    const root = this.host.renderRoot as HTMLElement | DocumentFragment | undefined;
    const container = root?.querySelector<HTMLElement>('.container');
    if (!root || !container) return;
    const config = this.host.effectiveConfig;
    this.refreshContainer(container, config);
    this.refreshAxes(root, config);
    this.refreshLegend(root, config);
  }

  // ——— the pointer (InteractionHost calls, through the element) ———

  /**
   * The crosshair at an element point (CSS px). `synced`: placed by another chart of the group,
   * so only the vertical line and the legend values show (the pointer is elsewhere).
   */
  pointerAt(cssX: number, cssY: number, synced = false): void {
    const info = this.model.pick(cssX, cssY);
    if (!info) {
      this.pointerLeft();
      return;
    }
    this.pointer = synced ? null : { x: cssX, y: cssY };
    const previous = this.crosshair?.info.time ?? null;
    this.crosshair = { info, synced, cssY };
    this.hover = info.values[0]?.index ?? null;
    this.renderPointer();
    this.refresh();
    // Only when the point under the pointer changes: moving within one point's pixels is silent.
    if (info.time !== previous) this.host.crosshairMoved(info);
  }

  pointerLeft(): void {
    const had = this.hover !== null;
    this.pointer = null;
    this.crosshair = null;
    this.hover = null;
    this.renderPointer();
    if (had) {
      this.refresh();
      this.host.crosshairMoved(null);
    }
  }

  showZoomBox(box: { x: number; y: number; width: number; height: number } | null): void {
    this.zoomBox = box;
    this.renderPointer();
  }

  // ——— parts ———

  private part(root: HTMLElement | DocumentFragment | undefined, name: string): HTMLElement | null {
    return root?.querySelector<HTMLElement>(`.overlay-${name}`) ?? null;
  }

  private refreshContainer(container: HTMLElement, config: ChartConfig): void {
    const summary = this.ariaSummary();
    const key = `${summary}|${config.text.fontSize}|${config.text.fontFamily}`;
    if (key === this.containerKey) return;
    this.containerKey = key;
    container.setAttribute('aria-label', summary);
    container.style.fontSize = `${config.text.fontSize}px`;
    container.style.fontFamily = config.text.fontFamily;
  }

  private refreshAxes(root: HTMLElement | DocumentFragment, config: ChartConfig): void {
    const part = this.part(root, 'axes');
    const frame = this.frame;
    if (!part) return;
    // The CSS width the canvas was last measured at (what the frame was laid out for). Reading
    // clientWidth here forced a synchronous layout of the labels moved by the previous frame,
    // every frame (4–5 ms a FIFO frame on a 2-core machine, bench/default-profile.mjs).
    const width = this.model.chartSize.width;
    const fontSize = config.text.fontSize;
    const axes = frame?.yAxes ?? [];
    const key = frame
      ? `${width}|${fontSize}|${labelsKey(frame.xLabels)}|${labelsKey(frame.yLabels)}|${frame.xTitle}|${axes.map((a) => `${a.id}:${a.side}:${a.x}:${a.width}:${a.title}:${labelsKey(a.labels)}`).join('|')}|${frame.plot.y}|${frame.panes[0]?.rect.height}`
      : '';
    if (key === this.axesKey) return;
    this.axesKey = key;
    const main = frame?.panes[0]?.rect;
    const titleBox = main ? `top:${main.y}px;height:${main.height}px` : '';
    // The default axis carries the labels of every pane (indicator panes' too); declared axes their own.
    const yAxis = (axis: YAxisInfo, labels: readonly AxisLabel[], extra: boolean) =>
      html`<div class=${`y-axis ${axis.side}${extra ? ' extra' : ''}`} part=${extra ? 'y-axis y-axis-extra' : 'y-axis'} data-axis=${axis.id} aria-hidden="true" style="left:${axis.x}px;right:auto;width:${axis.width}px"
        >${labels.map((l) => html`<span class="tick" style="top:${l.position}px">${l.label}</span>`)}${axis.title ? html`<span class="axis-title" part="axis-title" style=${titleBox}>${axis.title}</span>` : nothing}</div
      >`;
    const xTitle = frame?.xTitle ?? '';
    const defaultAxis = axes[0];
    render(
      html`<div class="x-axis" part="x-axis" aria-hidden="true" style=${xTitle ? `bottom:${AXIS_TITLE_SIZE}px` : ''}>${frame?.xLabels.map((l) => xTick(l, fontSize, width))}</div>
        ${xTitle && frame ? html`<div class="x-title axis-title" part="axis-title x-title" aria-hidden="true" style="left:${frame.plot.x}px;width:${frame.plot.width}px">${xTitle}</div>` : nothing}
        ${defaultAxis
          ? yAxis(defaultAxis, frame!.yLabels, false)
          : html`<div class="y-axis" part="y-axis" aria-hidden="true">${frame?.yLabels.map((l) => html`<span class="tick" style="top:${l.position}px">${l.label}</span>`)}</div>`}
        ${axes.slice(1).map((axis) => yAxis(axis, axis.labels, true))}`,
      part,
    );
  }

  private refreshLegend(root: HTMLElement | DocumentFragment, config: ChartConfig): void {
    const part = this.part(root, 'legend');
    if (!part) return;
    const show = config.features.legend;
    const main = show ? this.mainLegend() : null;
    const panes = this.frame && this.frame.panes.length > 1 ? this.frame.panes : [];
    const paneLegends = panes.map((pane) => (show ? this.derivedLegend(pane.id, true) : []));
    const plot = this.frame?.plot;
    const bars = show ? (this.frame?.colorBars ?? []).map(colorBarView) : [];
    const key = JSON.stringify([main, paneLegends, panes.map((p) => [p.rect.y, p.rect.height, p.title]), plot?.x, plot?.width, plot?.y, bars]);
    if (key === this.legendKey) return;
    this.legendKey = key;
    const byPane = new Map(panes.map((pane, i) => [pane.id, paneLegends[i]!]));
    render(
      html`${this.panes.render(this.frame, (pane: PaneInfo) => (show ? (byPane.get(pane.id) ?? []).map(legendItem) : nothing))}
      ${main ? html`<div class="legend" part="legend">${main.map(legendItem)}</div>` : nothing}
      ${bars.length > 0 && plot ? html`<div class="color-bars" part="color-bars" style="top:${plot.y + 8}px;right:${this.host.clientWidth - plot.x - plot.width + 8}px">${bars.map(colorBarItem)}</div>` : nothing}`,
      part,
    );
  }

  private renderPointer(): void {
    const part = this.part(this.host.renderRoot, 'pointer');
    if (!part) return;
    render(this.pointerTemplate(), part);
  }

  private renderStatus(): void {
    const part = this.part(this.host.renderRoot, 'status');
    if (!part) return;
    const { loading, error, unavailable } = this.status;
    render(
      html`${error ? html`<div class="error-banner" part="error" role="alert">${error}</div>` : nothing}
      ${this.host.state === 'fallback'
        ? html`<div class="fallback-badge" part="fallback-badge" title="WebGPU is unavailable or failing here; this chart is drawn with Canvas 2D">Canvas 2D</div>`
        : nothing}
      ${loading ? loadingTemplate(loading) : nothing}
      ${unavailable ? html`<div class="message" part="message" role="alert"><strong>This chart needs WebGPU</strong><span>${unavailable}</span></div>` : nothing}`,
      part,
    );
  }

  /** One template whatever the state: the same four elements stay (pages and tests may hold them). */
  private pointerTemplate(): TemplateResult {
    const features = this.host.effectiveConfig.features;
    const crosshair = this.crosshair;
    const box = this.zoomBox;
    const boxStyle = box ? `display:block;left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px` : 'display:none';
    let vertical = 'display:none';
    let horizontal = 'display:none';
    let tooltip = 'display:none';
    let content: unknown = nothing;
    if (crosshair) {
      const { info, synced, cssY } = crosshair;
      const plot = this.frame?.plot;
      // 3D picks: no crosshair lines (they mean nothing in perspective), the tooltip only.
      const lines = features.crosshair && !info.three ? 'block' : 'none';
      const width = this.host.clientWidth;
      const flip = info.x > width / 2;
      vertical = `display:${lines};left:${info.x}px;top:${plot?.y ?? 0}px;height:${plot?.height ?? this.host.clientHeight}px`;
      horizontal = `display:${synced ? 'none' : lines};top:${cssY}px;left:${plot?.x ?? 0}px;width:${plot?.width ?? width}px`;
      tooltip = `display:${features.tooltip && !synced ? 'block' : 'none'};${flip ? `right:${width - info.x + 12}px` : `left:${info.x + 12}px`};top:${Math.max(4, cssY - 40)}px`;
      content = html`<div class="time">${info.title ?? this.formatX(info.time)}</div>
        ${info.values.map(
          (s) =>
            html`<div><span class="swatch" style="display:inline-block;width:8px;height:8px;margin-right:4px;background:${rgbaToCss(s.color)}"></span>${s.name}: ${Number.isFinite(s.value) ? formatValue(s.value) : '—'}</div>`,
        )}`;
    }
    return html`<div class="crosshair-v" part="crosshair" style=${vertical}></div>
      <div class="crosshair-h" part="crosshair" style=${horizontal}></div>
      <div class="tooltip" part="tooltip" role="status" style=${tooltip}>${content}</div>
      <div class="zoom-box" part="zoom-box" style=${boxStyle}></div>`;
  }

  /** The tooltip header: a date and time on time axes, the x as a number (after the axis title) on numeric ones. */
  private formatX(x: number): string {
    if (this.model.options.xAxis !== 'time') {
      const title = this.frame?.xTitle;
      return title ? `${title}: ${formatNumeric(x)}` : formatNumeric(x);
    }
    const span = this.model.viewport.span;
    const unit = span < 5_000 ? 'millisecond' : span < 2 * 86_400_000 ? 'second' : 'minute';
    return formatTime(x, this.model.options.timeZone, unit);
  }

  // ——— legend entries (from the model: series, then the indicator outputs of a pane) ———

  /** The price pane's legend: the chart's series, then the indicator outputs drawn over them. */
  private mainLegend(): LegendEntry[] | null {
    if (!this.model.data) return null;
    return this.model.legendEntries(MAIN_PANE, this.hover, false).map(entry);
  }

  /** An indicator pane's legend, after its title: output names only ("macd", "signal"). */
  private derivedLegend(paneId: string, short: boolean): LegendEntry[] {
    return this.model.legendEntries(paneId, this.hover, short).map(entry);
  }

  private ariaSummary(): string {
    if (this.host.label) return this.host.label;
    const store = this.model.data;
    const type = this.model.options.defaultType;
    if (this.model.is3d) {
      const { grid, points } = this.model.three;
      // toLocaleString (Intl) costs a fifth of a millisecond: formatted again only when the count changed, not every rotation frame.
      const key = `3d|${type}|${grid ? `${grid.cols}x${grid.rows}` : points ? points.count : ''}`;
      if (key === this.summaryKey) return this.summary;
      const what = grid ? `a ${grid.cols} × ${grid.rows} grid` : points ? `${points.count.toLocaleString('en')} points` : 'no data';
      this.summaryKey = key;
      this.summary = `3D ${type} chart, ${what}`;
      return this.summary;
    }
    if (!store) return `${type} chart, no data`;
    const names = this.model.series.map((s) => s.name).join(', ');
    const tz = this.model.options.timeZone;
    const xAxis = this.model.options.xAxis;
    // Formatting dates costs milliseconds (Intl): done again only when what it says changed, not
    // on every frame (a y-range change, a pan).
    const key = `${type}|${names}|${tz}|${xAxis}|${store.length}|${store.firstTime()}|${store.lastTime()}`;
    if (key === this.summaryKey) return this.summary;
    const format = (x: number) => (xAxis === 'time' ? formatTime(x, tz, 'second') : formatNumeric(x));
    this.summaryKey = key;
    this.summary = `${type} chart of ${names}: ${store.length.toLocaleString('en')} points from ${format(store.firstTime())} to ${format(store.lastTime())}`;
    return this.summary;
  }
}

/** A model legend entry as the template shows it: CSS colour, formatted value. */
function entry({ name, color, value, visible }: ModelLegendEntry): LegendEntry {
  return { name, color: rgbaToCss(color), value: Number.isFinite(value) ? formatValue(value) : '—', visible };
}

function legendItem({ name, color, value, visible }: LegendEntry) {
  return html`<span class=${visible ? 'legend-item' : 'legend-item hidden'}
    ><span class="swatch" style="background:${color}"></span>${name}
    <span class="legend-value">${value}</span></span
  >`;
}

function labelsKey(labels: readonly AxisLabel[]): string {
  let key = '';
  for (const l of labels) key += `${l.label}@${l.position.toFixed(2)}${l.major ? '!' : ''};`;
  return key;
}

function xTick(label: AxisLabel, fontSize: number, width: number) {
  // Labels are centred on their tick, but kept inside the element (an estimate of the text
  // width is enough, and avoids measuring text on every frame): about 0.3 em per character.
  const halfWidth = label.label.length * 0.3 * fontSize + 2;
  const left = Math.min(Math.max(label.position, halfWidth), width - halfWidth);
  return html`<span class=${label.major ? 'tick major' : 'tick'} style="left:${left}px">${label.label}</span>`;
}

function loadingTemplate({ loaded, total }: { loaded: number; total: number | null }) {
  const percent = total ? Math.round((loaded / total) * 100) : null;
  return html`<div class="loading" part="loading" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent ?? nothing}>
    <span>Loading${percent === null ? ` ${(loaded / 1024).toFixed(0)} KB` : ` ${percent}%`}…</span>
    <progress max="100" value=${percent ?? nothing}></progress>
  </div>`;
}

/** A colour bar as the template shows it: a CSS gradient of its LUT and its end labels. */
interface ColorBarView {
  id: string;
  title: string;
  gradient: string;
  min: string;
  max: string;
  scale: string;
}

/** 17 stops of the LUT (every 16th entry and the last) as a left-to-right CSS gradient. */
/** The last view made of each LUT's bar: a 3D chart's frames (every rotation) reuse it while nothing on it changed. */
const colorBarViews = new WeakMap<Uint8Array, { key: string; view: ColorBarView }>();

function colorBarView(bar: ColorBar): ColorBarView {
  // 17 gradient stops and two formatted values cost about a tenth of a millisecond: once per change, not per frame.
  const key = `${bar.id}|${bar.title}|${bar.colormap}|${bar.min}|${bar.max}|${bar.scale}`;
  const cached = colorBarViews.get(bar.lut);
  if (cached?.key === key) return cached.view;
  const view = makeColorBarView(bar);
  colorBarViews.set(bar.lut, { key, view });
  return view;
}

function makeColorBarView(bar: ColorBar): ColorBarView {
  const stops: string[] = [];
  for (let k = 0; k <= 16; k++) {
    const i = Math.min(255, k * 16) * 4;
    const lut = bar.lut;
    stops.push(`rgba(${lut[i]}, ${lut[i + 1]}, ${lut[i + 2]}, ${(lut[i + 3]! / 255).toFixed(3)}) ${((Math.min(255, k * 16) / 255) * 100).toFixed(1)}%`);
  }
  return { id: bar.id, title: bar.title, gradient: `linear-gradient(to right, ${stops.join(', ')})`, min: formatValue(Number(bar.min.toPrecision(4))), max: formatValue(Number(bar.max.toPrecision(4))), scale: bar.scale };
}

function colorBarItem(bar: ColorBarView) {
  return html`<div class="color-bar" data-id=${bar.id} title=${`${bar.title} (${bar.scale} colour scale)`}>
    <div class="color-bar-ramp" style="background:${bar.gradient}"></div>
    <div class="color-bar-labels"><span class="color-bar-min">${bar.min}</span><span class="color-bar-scale">${bar.scale === 'log' ? 'log' : ''}</span><span class="color-bar-max">${bar.max}</span></div>
  </div>`;
}
