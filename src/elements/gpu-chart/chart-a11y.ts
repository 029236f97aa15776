import { html, nothing, render, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ChartModel } from '../../core/chart-model.js';
import type { ViewportChangeSource } from '../../core/viewport.js';
import {
  announceCell,
  announcePoint,
  CELL_NAVIGATION_HELP,
  formatPointValue,
  formatPointX,
  KEYBOARD_HELP,
  moveCell,
  moveCursor,
  navigationAction,
  navigationHelp,
  pageSize,
  tableRows,
  windowContaining,
  type CellCursor,
  type PointCursor,
} from '../../a11y/index.js';
import type { GridStore } from '../../data/grid.js';
import { formatValue } from '../../core/ticks/value-ticks.js';
import { windowRows } from '../../export/csv.js';

/** What the accessibility controller needs from its chart. */
export interface A11yHost extends ReactiveControllerHost, EventTarget {
  readonly model: ChartModel;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The `data-table` attribute: the table alternative shown on screen (it is always there for screen readers). */
  readonly dataTable: boolean;
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  removeAttribute(name: string): void;
  viewportChanged(source: ViewportChangeSource): void;
  pointerAt(cssX: number, cssY: number): void;
  pointerLeft(): void;
  /** Re-reads colours from CSS (forced colours switched on or off). */
  refreshStyles(): void;
}

/** Rows the data table shows at most: the visible window, evenly sampled beyond this. */
export const TABLE_MAX_ROWS = 100;

/**
 * Accessibility of `<gpu-chart>`: the host's role and name, keyboard navigation point to point
 * (Enter starts it, arrows move a focus marker along the focused series, announced through a live
 * region the way the tooltip reads), a data-table alternative of the visible window, and the
 * `forced-colors` / `prefers-reduced-motion` media features. View shortcuts (chart-interaction.ts)
 * keep working: navigation takes only the keys it needs, and only while it is on.
 */
export class ChartA11y implements ReactiveController {
  /** True while point navigation is on (Enter … Escape). */
  navigating = false;
  private cursor: PointCursor = { series: 0, row: -1 };
  /** Heatmaps: the focused cell (arrows move by cell, not along a series). */
  private cell: CellCursor = { col: -1, row: -1 };
  private container: HTMLElement | null = null;
  private labelObserver: MutationObserver | null = null;
  /** Attributes this controller put on the host (a page's own role or label wins and stays). */
  private readonly ownAttributes = new Set<string>();
  private tableKey = '';
  private tableTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly media: { query: MediaQueryList; listener: () => void }[] = [];
  private lastAnnouncement = '';

  constructor(private readonly host: A11yHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.setOwn('role', 'figure');
    this.setOwn('aria-roledescription', 'chart');
    if (typeof matchMedia === 'function') {
      // Forced colours: the theme reads the system colours the styles switch to (chart-a11y.styles.ts).
      this.watchMedia('(forced-colors: active)', () => this.host.refreshStyles());
      this.watchMedia('(prefers-reduced-motion: reduce)', () => this.host.requestUpdate());
    }
    this.attach();
  }

  hostUpdated(): void {
    this.attach();
    this.showTable(this.host.dataTable);
    this.scheduleTable();
  }

  hostDisconnected(): void {
    for (const { query, listener } of this.media) query.removeEventListener('change', listener);
    this.media.length = 0;
    this.labelObserver?.disconnect();
    this.labelObserver = null;
    this.container?.removeEventListener('keydown', this.onKeyDown, { capture: true });
    this.container?.removeEventListener('focusout', this.onFocusOut);
    this.container = null;
    if (this.tableTimer) clearTimeout(this.tableTimer);
    this.tableTimer = null;
    this.navigating = false;
  }

  /** True when the page asks for reduced motion: nothing animates then (the chart jumps, it never glides). */
  get reducedMotion(): boolean {
    return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  }

  /** A frame was drawn: the data table follows the window and the data (debounced). */
  frameDrawn(): void {
    this.scheduleTable();
    if (this.navigating && this.grid()) this.placeCell(false);
    else if (this.navigating && this.cursor.row >= 0) this.placeMarker(false);
  }

  /** The text the live region announced last (tests and pages may read it). */
  get announcement(): string {
    return this.lastAnnouncement;
  }

  /** Turns point navigation on or off, as Enter and Escape do. */
  setNavigating(on: boolean): void {
    const grid = this.grid();
    if (grid) return this.setCellNavigating(on, grid);
    const store = this.host.model.data;
    if (on && (!store || store.length === 0 || this.series().length === 0)) {
      this.announce('No data to explore.');
      return;
    }
    if (on === this.navigating) return;
    this.navigating = on;
    if (on) {
      this.startCursor();
      this.announce(`${navigationHelp(this.series().length)} ${this.describeCursor()}`);
      this.placeMarker(true);
    } else {
      this.hideMarker();
      this.announce('Left point navigation.');
    }
  }

  // ——— keyboard ———

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.target !== this.container) return;
    if (!this.navigating) {
      if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        this.setNavigating(true);
      }
      return;
    }
    const action = navigationAction(event.key, { shift: event.shiftKey, ctrl: event.ctrlKey, alt: event.altKey, meta: event.metaKey });
    if (!action) return;
    // Ours: the view shortcuts (pan, zoom, reset) must not see it.
    event.preventDefault();
    event.stopImmediatePropagation();
    if (action === 'leave') {
      this.setNavigating(false);
      return;
    }
    const model = this.host.model;
    const grid = this.grid();
    if (grid) {
      const columns = grid.count * (Math.min(grid.xEnd, model.viewport.end) - Math.max(grid.xStart, model.viewport.start)) / (grid.xEnd - grid.xStart);
      this.cell = moveCell(this.cell, action, { cols: grid.count, rows: grid.rows, page: pageSize(Math.max(1, Math.round(columns))) });
      this.placeCell(true);
      this.announce(this.describeCell(grid));
      return;
    }
    const store = model.data;
    if (!store) return;
    const [first, end] = windowRows(store.time, store.length, model.viewport.start, model.viewport.end);
    this.cursor = moveCursor(this.cursor, action, { rows: store.length, series: this.series().length, page: pageSize(end - first) });
    this.placeMarker(true);
    this.announce(this.describeCursor());
  };

  private readonly onFocusOut = (): void => {
    if (this.navigating) {
      this.navigating = false;
      this.hideMarker();
    }
  };

  // ——— the cursor ———

  /** The series navigation moves along: the visible ones of the main pane. */
  private series() {
    return this.host.model.series.filter((spec) => spec.visible);
  }

  /** Starts at the point nearest the middle of the window (or where the cursor was, if still visible). */
  private startCursor(): void {
    const model = this.host.model;
    const store = model.data!;
    const { start, end } = model.viewport;
    const series = Math.min(this.cursor.series, this.series().length - 1);
    const row = this.cursor.row;
    if (row >= 0 && row < store.length && store.time[row]! >= start && store.time[row]! <= end) {
      this.cursor = { series, row };
      return;
    }
    const [first, last] = windowRows(store.time, store.length, start, end);
    this.cursor = { series, row: last > first ? Math.floor((first + last - 1) / 2) : Math.min(store.length - 1, first) };
  }

  /** What the cursor's point says: the tooltip's header and values, the focused series first. */
  private describeCursor(): string {
    const model = this.host.model;
    const store = model.data;
    const spec = this.series()[this.cursor.series];
    if (!store || !spec) return '';
    const info = this.pick();
    const values = (info?.values ?? []).map((v) => ({ name: v.name, value: formatPointValue(v.value) }));
    const frame = model.options;
    const x = formatPointX(store.time[this.cursor.row]!, { kind: frame.xAxis, timeZone: frame.timeZone, span: model.viewport.span, title: frame.xTitle });
    return announcePoint({ x, series: spec.name, values, row: this.cursor.row, rows: store.length });
  }

  /** The model's pick at the cursor's row (the tooltip's values there). */
  private pick() {
    const model = this.host.model;
    const store = model.data!;
    const plot = model.plotCss();
    const main = model.panes()[0]?.rect;
    const ratio = model.chartSize.pixelRatio;
    const cssY = main ? (main.y + main.height / 2) / ratio : plot.y + plot.height / 2;
    const cssX = model.xOf(store.time[this.cursor.row]!);
    return model.pick(Math.min(plot.x + plot.width, Math.max(plot.x, cssX)), cssY);
  }

  /** Moves the view to the cursor's point when needed, then the focus marker and the crosshair onto it. */
  private placeMarker(follow: boolean): void {
    const model = this.host.model;
    const store = model.data;
    const spec = this.series()[this.cursor.series];
    if (!store || !spec || this.cursor.row < 0) return;
    const x = store.time[this.cursor.row]!;
    if (follow) {
      const window = windowContaining(model.viewport.start, model.viewport.end, x, model.options.xAxis === 'log');
      if (window) {
        model.viewport.setX(window[0], window[1]);
        this.host.viewportChanged('pan');
      }
    }
    const info = this.pick();
    const value = info?.values.find((v) => v.id === spec.id)?.value;
    const cssX = model.xOf(x);
    const cssY = value !== undefined && Number.isFinite(value) ? model.yOf(value, model.axisOf(spec)) : null;
    const marker = this.part('.focus-marker');
    if (marker) {
      marker.style.display = 'block';
      marker.style.left = `${cssX}px`;
      marker.style.top = `${cssY ?? (info?.y ?? 0)}px`;
      marker.dataset.row = String(this.cursor.row);
      marker.dataset.series = spec.id;
    }
    // The crosshair and tooltip show the point as they would under a pointer.
    if (cssY !== null) this.host.pointerAt(cssX, cssY);
  }

  // ——— heatmaps: cell to cell ———

  /** The chart's grid when it draws one (heatmap data) with cells to visit, else null. */
  private grid(): GridStore | null {
    const grid = this.host.model.gridData;
    return grid && grid.count > 0 && grid.rows > 0 ? grid : null;
  }

  private setCellNavigating(on: boolean, grid: GridStore): void {
    if (on === this.navigating) return;
    this.navigating = on;
    if (!on) {
      this.hideMarker();
      this.announce('Left point navigation.');
      return;
    }
    // Where the cursor was if still on the grid, else the cell in the middle of the view.
    const { start, end } = this.host.model.viewport;
    if (!(this.cell.col >= 0 && this.cell.col < grid.count && this.cell.row >= 0 && this.cell.row < grid.rows)) {
      const middle = Math.floor(((start + end) / 2 - grid.xStart) / grid.dx);
      this.cell = { col: Math.max(0, Math.min(grid.count - 1, middle)), row: Math.floor((grid.rows - 1) / 2) };
    }
    this.announce(`${CELL_NAVIGATION_HELP} ${this.describeCell(grid)}`);
    this.placeCell(true);
  }

  /** The cell's centre in data units. */
  private cellCentre(grid: GridStore): { x: number; y: number } {
    return { x: grid.xStart + (this.cell.col + 0.5) * grid.dx, y: grid.y0 + (this.cell.row + 0.5) * grid.dy };
  }

  /** What the cell says: its x and y (centres, the tooltip's way) and its value. */
  private describeCell(grid: GridStore): string {
    const options = this.host.model.options;
    const { x, y } = this.cellCentre(grid);
    const value = grid.value(this.cell.col, this.cell.row);
    return announceCell({
      x: formatPointX(x, { kind: options.xAxis, timeZone: options.timeZone, span: this.host.model.viewport.span, title: options.xTitle }),
      y: `${options.yTitle || 'y'} ${formatValue(y)}`,
      value: formatPointValue(value),
      col: this.cell.col,
      row: this.cell.row,
      cols: grid.count,
      rows: grid.rows,
    });
  }

  /** Moves the view to the cell when needed (same zoom), then the focus marker and crosshair onto its centre. */
  private placeCell(follow: boolean): void {
    const grid = this.grid();
    if (!grid || this.cell.col < 0) return;
    const model = this.host.model;
    this.cell = { col: Math.min(this.cell.col, grid.count - 1), row: Math.min(this.cell.row, grid.rows - 1) };
    const { x, y } = this.cellCentre(grid);
    if (follow) {
      const window = windowContaining(model.viewport.start, model.viewport.end, x, model.options.xAxis === 'log');
      if (window) {
        model.viewport.setX(window[0], window[1]);
        this.host.viewportChanged('pan');
      }
    }
    const cssX = model.xOf(x);
    const cssY = model.yOf(y);
    const marker = this.part('.focus-marker');
    if (marker) {
      marker.style.display = 'block';
      marker.style.left = `${cssX}px`;
      marker.style.top = `${cssY}px`;
      marker.dataset.col = String(this.cell.col);
      marker.dataset.row = String(this.cell.row);
      marker.dataset.series = model.series[0]?.id ?? 'heatmap';
    }
    if (Number.isFinite(cssY)) this.host.pointerAt(cssX, cssY);
  }

  private hideMarker(): void {
    const marker = this.part('.focus-marker');
    if (marker) marker.style.display = 'none';
    this.host.pointerLeft();
  }

  private announce(text: string): void {
    this.lastAnnouncement = text;
    const region = this.part('.live-region');
    if (!region) return;
    // The same words twice in a row must still be read: clear, then set.
    region.textContent = '';
    region.textContent = text;
  }

  // ——— DOM ———

  private part(selector: string): HTMLElement | null {
    return (this.host.renderRoot as ParentNode | undefined)?.querySelector<HTMLElement>(selector) ?? null;
  }

  private attach(): void {
    const container = this.part('.container');
    if (!container || container === this.container) return;
    this.container?.removeEventListener('keydown', this.onKeyDown, { capture: true });
    this.container?.removeEventListener('focusout', this.onFocusOut);
    this.container = container;
    // Capture: at the target, capturing listeners run before the view shortcuts' bubbling one.
    container.addEventListener('keydown', this.onKeyDown, { capture: true });
    container.addEventListener('focusout', this.onFocusOut);
    this.renderStatic();
    // The overlay keeps the container's label (the data summary) current: the host's name follows it.
    this.labelObserver?.disconnect();
    this.labelObserver = new MutationObserver(() => this.mirrorLabel());
    this.labelObserver.observe(container, { attributes: true, attributeFilter: ['aria-label'] });
    this.mirrorLabel();
  }

  private mirrorLabel(): void {
    const label = this.container?.getAttribute('aria-label');
    if (label) this.setOwn('aria-label', label);
  }

  /** Sets a host attribute unless the page set it itself. */
  private setOwn(name: string, value: string): void {
    if (this.host.hasAttribute(name) && !this.ownAttributes.has(name)) return;
    this.ownAttributes.add(name);
    if (this.host.getAttribute(name) !== value) this.host.setAttribute(name, value);
  }

  private watchMedia(query: string, listener: () => void): void {
    const list = matchMedia(query);
    list.addEventListener('change', listener);
    this.media.push({ query: list, listener });
  }

  /** The parts that do not follow frames: help text, live region, focus marker, the table's box. */
  private renderStatic(): void {
    const root = this.part('.a11y');
    if (!root) return;
    render(
      html`<div id="gpu-chart-keys" class="visually-hidden">${KEYBOARD_HELP}</div>
        <div class="live-region visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
        <div class="focus-marker" part="focus-marker" aria-hidden="true" style="display:none"></div>
        <div class="data-table" part="data-table"></div>`,
      root,
    );
  }

  /** On screen the table scrolls: it is then a named, focusable region, so keyboards can scroll it. */
  private showTable(show: boolean): void {
    const box = this.part('.data-table');
    if (!box) return;
    box.classList.toggle('visually-hidden', !show);
    if (show) {
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', 'Chart data');
    } else {
      for (const name of ['tabindex', 'role', 'aria-label']) box.removeAttribute(name);
    }
  }

  private scheduleTable(): void {
    if (this.tableTimer) return;
    // Panning draws 60 frames a second; the table follows a little later, once.
    this.tableTimer = setTimeout(() => {
      this.tableTimer = null;
      this.renderTable();
    }, 150);
  }

  /** Renders the table alternative now (the debounce skipped): tests and `showDataTable`. */
  renderTable(): void {
    const box = this.part('.data-table');
    if (!box) return;
    this.showTable(this.host.dataTable);
    const model = this.host.model;
    const store = model.data;
    const { start, end } = model.viewport;
    const [first, last] = store ? windowRows(store.time, store.length, start, end) : [0, 0];
    const columns = store?.columnNames ?? [];
    const key = `${store ? store.length : -1}|${first}|${last}|${columns.join(',')}|${store?.length ? store.time[store.length - 1] : ''}|${model.options.timeZone}`;
    if (key === this.tableKey) return;
    this.tableKey = key;
    const rows = store ? tableRows(first, last, TABLE_MAX_ROWS) : [];
    const options = model.options;
    const xName = options.xAxis === 'time' ? 'Time' : options.xTitle || 'x';
    const formatX = (x: number) => formatPointX(x, { kind: options.xAxis, timeZone: options.timeZone, span: end - start, title: '' });
    const sampled = rows.length < last - first;
    render(
      store && rows.length > 0
        ? html`<table>
            <caption>
              Data in view: ${sampled ? `${rows.length} of ${(last - first).toLocaleString('en')} rows, evenly spaced` : `${rows.length} rows`}
            </caption>
            <thead>
              <tr>
                <th scope="col">${xName}</th>
                ${columns.map((name) => html`<th scope="col">${name}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) =>
                  html`<tr>
                    <th scope="row">${formatX(store.time[row]!)}</th>
                    ${columns.map((name) => html`<td>${formatPointValue(store.column(name)[row]!)}</td>`)}
                  </tr>`,
              )}
            </tbody>
          </table>`
        : nothing,
      box,
    );
  }
}

