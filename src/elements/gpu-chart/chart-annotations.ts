import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChartModel, PaneOverlayFrame } from '../../core/chart-model.js';
import type { Rgba } from '../../core/scene/frame-scene.js';
import type { ChartConfig } from '../../config/schema.js';
import type { ConfigIssue } from '../../config/errors.js';
import { AnnotationLayerBuilder, type LayerStyle, type PlacedLabel } from '../../annotations/layers.js';
import { AnnotationStore, type AnnotationChange } from '../../annotations/store.js';
import { hitTest, HANDLE_RADIUS, type AnnotationHit } from '../../annotations/hit-test.js';
import { paneAtPoint, resolvePane, type PaneView } from '../../annotations/pane-view.js';
import { shapeOf, type ShapeContext } from '../../annotations/geometry.js';
import { movePoint, pointAt, translate } from '../../annotations/edit.js';
import { nearestRow, rowsBetween, snapToBar, type SnapData } from '../../annotations/snapping.js';
import { validateAnnotation, type AnnotationIssue } from '../../annotations/validate.js';
import { ANNOTATION_KINDS, pointCount, toJson, type Annotation, type AnnotationJson, type AnnotationKind } from '../../annotations/types.js';
import { GpuAnnotationChangeEvent, type AnnotationChangeSource } from '../../events/gpu-annotation-change.js';
import { GpuDrawingModeEvent } from '../../events/gpu-drawing-mode.js';
import { MAIN_PANE } from '../../core/panes.js';
import type { GpuAnnotation } from '../gpu-annotation/gpu-annotation.js';
import { resolveCssColor, rgbaToCss } from '../resolve-css-color.js';
import { hexColor } from '../../core/theme.js';

/** What the annotations controller needs from its chart. */
export interface AnnotationsHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly effectiveConfig: ChartConfig;
  invalidate(): void;
  reportConfigIssues(issues: ConfigIssue[]): void;
}

/** Pointer distance that counts as touching a line, CSS px. */
const HIT_TOLERANCE = 5;
/** A press that moves less than this (CSS px) is a click. */
const CLICK_SLOP = 4;

const FIB_COLORS = ['#787b86', '#f23645', '#ff9800', '#4caf50', '#089981', '#00bcd4', '#2962ff', '#9c27b0'].map((c) => hexColor(c));
const DEFAULT_STROKE = hexColor('#2962ff');

/** Pointer drag of an annotation (a handle, or the whole drawing). */
interface Drag {
  id: string;
  handle: number | null;
  view: PaneView;
  startX: number;
  startY: number;
  before: Annotation;
  moved: boolean;
}

/** A drawing being placed with the pointer. */
interface Placing {
  view: PaneView;
  startX: number;
  startY: number;
  annotation: Annotation;
  /** The second point was already dragged out (the press ends the drawing on release). */
  dragged: boolean;
}

/**
 * The chart's annotations: declared by `<gpu-annotation>` children and `annotations:` in the
 * configuration, edited with the pointer and keyboard (handles, drag, nudge, Delete, undo/redo),
 * drawn with the pointer in drawing mode, serialised by `chart.annotations`. They reach the
 * picture through the model's pane hook as a few batched scene layers per pane (see
 * AnnotationLayerBuilder), labels and handles through an overlay canvas above the plot.
 */
export class ChartAnnotations implements ReactiveController {
  readonly store = new AnnotationStore();
  private readonly builder = new AnnotationLayerBuilder();
  private readonly children = new Set<GpuAnnotation>();
  private childrenDirty = false;
  private configList: ChartConfig['annotations'] | null = null;
  /** The panes as drawn in the last frame (hit testing and editing use what the user sees). */
  private views: PaneView[] = [];
  private frameViews: PaneView[] = [];
  private labels: PlacedLabel[] = [];
  private frameLabels: PlacedLabel[] = [];
  private groups: { key: string; byPane: Map<string, Annotation[]> } = { key: '', byPane: new Map() };
  private selected: string | null = null;
  private hovered: string | null = null;
  private drag: Drag | null = null;
  private drawing: { kind: AnnotationKind; style: Partial<AnnotationJson>; placing: Placing | null } | null = null;
  private overlay: HTMLCanvasElement | null = null;
  private target: HTMLElement | null = null;
  private dataStore: unknown = null;
  private dataSerial = 0;
  private styleCache: { key: string; style: LayerStyle } | null = null;

  constructor(
    private readonly host: AnnotationsHost,
    private readonly model: ChartModel,
  ) {
    host.addController(this);
    model.paneOverlay = (pane) => this.drawPane(pane);
  }

  // ——— lifecycle ———

  hostConnected(): void {
    this.attach();
  }

  hostUpdated(): void {
    if (!this.target) this.attach();
  }

  hostDisconnected(): void {
    this.detach();
  }

  private attach(): void {
    const target = this.host.renderRoot?.querySelector?.<HTMLElement>('.container') ?? null;
    if (!target || target === this.target) return;
    this.detach();
    this.target = target;
    // Capture phase on the container itself runs before the chart's own (pan, zoom, keys) listeners,
    // so a press on an annotation drags it instead of panning.
    target.addEventListener('pointerdown', this.onPointerDown, { capture: true });
    target.addEventListener('pointermove', this.onPointerMove, { capture: true });
    target.addEventListener('pointerup', this.onPointerUp, { capture: true });
    target.addEventListener('pointercancel', this.onPointerCancel, { capture: true });
    target.addEventListener('keydown', this.onKeyDown, { capture: true });
  }

  private detach(): void {
    const target = this.target;
    if (!target) return;
    target.removeEventListener('pointerdown', this.onPointerDown, { capture: true });
    target.removeEventListener('pointermove', this.onPointerMove, { capture: true });
    target.removeEventListener('pointerup', this.onPointerUp, { capture: true });
    target.removeEventListener('pointercancel', this.onPointerCancel, { capture: true });
    target.removeEventListener('keydown', this.onKeyDown, { capture: true });
    this.target = null;
    this.drag = null;
  }

  // ——— declarations ———

  childConnected(child: GpuAnnotation): void {
    this.children.add(child);
    this.declarationsChanged();
  }

  childDisconnected(child: GpuAnnotation): void {
    if (this.children.delete(child)) this.declarationsChanged();
  }

  childChanged(): void {
    this.declarationsChanged();
  }

  private declarationsChanged(): void {
    this.childrenDirty = true;
    this.host.invalidate();
  }

  /** Brings the declared annotations up to date (configuration, children); reports invalid ones. */
  sync(): void {
    const list = this.host.effectiveConfig.annotations;
    if (list === this.configList && !this.childrenDirty) return;
    const configChanged = list !== this.configList;
    this.configList = list;
    this.childrenDirty = false;
    const declared: Annotation[] = [];
    const configIssues: ConfigIssue[] = [];
    for (const item of list) {
      const id = (item as { id: string }).id;
      const { annotation, issues } = validateAnnotation(item, `annotations.${id}`);
      for (const issue of issues) configIssues.push({ path: issue.path, message: issue.message, source: 'config' });
      if (annotation) declared.push(this.checkColors(annotation, `annotations.${id}`, configIssues));
    }
    // Reported when the configuration changed, not again on every change of a child.
    if (configChanged && configIssues.length > 0) this.host.reportConfigIssues(configIssues);
    for (const child of this.children) {
      const base = `gpu-annotation#${child.annotationId}`;
      const { annotation, issues } = validateAnnotation(child.toJSON(), base);
      const all: AnnotationIssue[] = [...issues];
      if (annotation) {
        const colorIssues: ConfigIssue[] = [];
        // Children win over configured annotations of the same id.
        const index = declared.findIndex((a) => a.id === annotation.id);
        const checked = this.checkColors(annotation, base, colorIssues);
        if (index >= 0) declared[index] = checked;
        else declared.push(checked);
        all.push(...colorIssues);
      }
      child.report(all);
    }
    this.store.setDeclared(declared);
  }

  /** Colours the syntax check let through but the browser cannot parse: reported, default used. */
  private checkColors(a: Annotation, base: string, issues: { path: string; message: string; source?: string }[]): Annotation {
    let out = a;
    for (const key of ['color', 'fill'] as const) {
      const value = out[key];
      if (value !== null && resolveCssColor(value) === null) {
        issues.push({ path: `${base}.${key}`, message: `"${value}" is not a colour this browser knows; drawing the default colour`, source: 'config' });
        out = { ...out, [key]: null };
      }
    }
    return out;
  }

  // ——— the public API (GpuChart delegates here) ———

  /** Every annotation as JSON, in drawing order. */
  get json(): AnnotationJson[] {
    this.sync();
    return this.store.list().map(toJson);
  }

  /** Replaces every annotation (undoable); invalid items are reported with `gpu-config-error` and left out. */
  set json(list: readonly unknown[]) {
    this.sync();
    if (!Array.isArray(list)) {
      this.host.reportConfigIssues([{ path: 'annotations', message: 'expected an array of annotations', source: 'property' }]);
      return;
    }
    const valid: Annotation[] = [];
    const issues: ConfigIssue[] = [];
    list.forEach((item, i) => {
      const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : String(i);
      const base = `annotations.${id}`;
      const { annotation, issues: found } = validateAnnotation(item, base);
      for (const issue of found) issues.push({ ...issue, source: 'property' });
      if (annotation) valid.push(this.checkColors(annotation, base, issues));
    });
    if (issues.length > 0) this.host.reportConfigIssues(issues);
    if (this.selected && !valid.some((a) => a.id === this.selected)) this.selected = null;
    this.emit(this.store.replaceAll(valid), 'api');
  }

  /** Removes one annotation (undoable); false when there is none of that id. */
  remove(id: string, source: AnnotationChangeSource = 'api'): boolean {
    this.sync();
    if (!this.store.get(id)) return false;
    if (this.selected === id) this.selected = null;
    this.emit(this.store.edit([{ id, after: null }]), source);
    return true;
  }

  undo(): boolean {
    this.sync();
    const changes = this.store.undo();
    this.emit(changes, 'undo');
    return changes.length > 0;
  }

  redo(): boolean {
    this.sync();
    const changes = this.store.redo();
    this.emit(changes, 'redo');
    return changes.length > 0;
  }

  get canUndo(): boolean {
    return this.store.history.canUndo;
  }

  get canRedo(): boolean {
    return this.store.history.canRedo;
  }

  get selectedId(): string | null {
    return this.selected;
  }

  set selectedId(id: string | null) {
    this.sync();
    const next = id !== null && this.store.get(id) ? id : null;
    if (next === this.selected) return;
    this.selected = next;
    this.drawOverlay();
  }

  /** Starts drawing mode: the next press (and drag, or second click) on a pane draws a `kind`. */
  startDrawing(kind: AnnotationKind, style: Partial<AnnotationJson> = {}): void {
    if (!(ANNOTATION_KINDS as readonly string[]).includes(kind)) {
      this.host.reportConfigIssues([{ path: 'startDrawing.kind', message: `expected ${ANNOTATION_KINDS.join(' | ')}, got ${JSON.stringify(kind)}`, source: 'api' }]);
      return;
    }
    this.cancelPlacing();
    this.drawing = { kind, style: { ...style }, placing: null };
    this.setCursor();
    this.host.dispatchEvent(new GpuDrawingModeEvent({ kind }));
  }

  /** Leaves drawing mode; a drawing half placed is dropped. */
  stopDrawing(): void {
    if (!this.drawing) return;
    this.cancelPlacing();
    this.drawing = null;
    this.setCursor();
    this.host.dispatchEvent(new GpuDrawingModeEvent({ kind: null }));
  }

  get drawingKind(): AnnotationKind | null {
    return this.drawing?.kind ?? null;
  }

  private emit(changes: readonly AnnotationChange[], source: AnnotationChangeSource): void {
    if (changes.length === 0) return;
    this.host.invalidate();
    for (const change of changes) this.host.dispatchEvent(new GpuAnnotationChangeEvent({ action: change.action, annotation: toJson(change.annotation), source }));
  }

  // ——— drawing into the scene (called by the model once per pane and frame) ———

  private drawPane(frame: PaneOverlayFrame): void {
    const first = frame.id === MAIN_PANE;
    if (first) {
      this.sync();
      this.frameViews = [];
      this.frameLabels = [];
    }
    const view: PaneView = { id: frame.id, rect: frame.rect, x: frame.xScale, y: frame.yScale };
    this.frameViews.push(view);
    const list = this.paneGroups().get(frame.id);
    if (!list || list.length === 0) return;
    const context = this.shapeContext(frame.pixelRatio);
    const { style, key } = this.layerStyle();
    const built = this.builder.build(list, this.store.version, view, context, style, this.dataVersion(), key);
    for (const layer of built.layers) frame.layers.push(layer);
    for (const label of built.labels) this.frameLabels.push(label);
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

  private layerStyle(): { style: LayerStyle; key: string } {
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

  private shapeContext(ratio: number): ShapeContext {
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

  // ——— the overlay: labels, handles ———

  /** A frame was drawn: the labels and handles follow it. */
  frameDrawn(): void {
    if (this.frameViews.length > 0) {
      this.views = this.frameViews;
      this.labels = this.frameLabels;
    }
    this.drawOverlay();
  }

  private overlayCanvas(): HTMLCanvasElement | null {
    const main = this.host.renderRoot?.querySelector?.('canvas') ?? null;
    if (!main) return null;
    if (!this.overlay) {
      const canvas = document.createElement('canvas');
      canvas.className = 'overlay-annotations';
      canvas.setAttribute('aria-hidden', 'true');
      canvas.style.pointerEvents = 'none';
      this.overlay = canvas;
    }
    // After the chart's canvas (which stays the first canvas of the shadow root), under the DOM overlay.
    if (this.overlay.previousElementSibling !== main) main.after(this.overlay);
    return this.overlay;
  }

  private drawOverlay(): void {
    const main = this.host.renderRoot?.querySelector?.('canvas') ?? null;
    const placingNothing = this.labels.length === 0 && this.selected === null && this.hovered === null;
    if (!main || (placingNothing && !this.overlay)) return;
    const canvas = this.overlayCanvas();
    if (!canvas) return;
    if (canvas.width !== main.width || canvas.height !== main.height) {
      canvas.width = main.width;
      canvas.height = main.height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const ratio = this.model.chartSize.pixelRatio;
    for (const label of this.labels) drawLabel(ctx, label, ratio);
    for (const id of new Set([this.selected, this.hovered])) if (id) this.drawHandles(ctx, id, ratio, id === this.selected);
  }

  private drawHandles(ctx: CanvasRenderingContext2D, id: string, ratio: number, selected: boolean): void {
    const a = this.store.get(id);
    const view = a ? resolvePane(a.pane, this.views) : null;
    if (!a || !view || !a.visible || !a.editable) return;
    const shape = shapeOf(a, view, this.shapeContext(ratio));
    const r = HANDLE_RADIUS * ratio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(view.rect.x, view.rect.y, view.rect.width, view.rect.height);
    ctx.clip();
    ctx.lineWidth = Math.max(1, ratio);
    ctx.strokeStyle = '#2962ff';
    ctx.fillStyle = selected ? '#ffffff' : 'rgba(255, 255, 255, 0.6)';
    for (const [x, y] of shape.handles) {
      ctx.beginPath();
      ctx.rect(view.rect.x + x - r, view.rect.y + y - r, 2 * r, 2 * r);
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  // ——— pointer and keyboard ———

  /** Canvas device px of a pointer event. */
  private devicePoint(event: { clientX: number; clientY: number }): { x: number; y: number } {
    const rect = this.target!.getBoundingClientRect();
    const ratio = this.model.chartSize.pixelRatio;
    return { x: (event.clientX - rect.left) * ratio, y: (event.clientY - rect.top) * ratio };
  }

  private hit(x: number, y: number): AnnotationHit | null {
    const ratio = this.model.chartSize.pixelRatio;
    const font = this.layerStyle().style.font;
    const measure = measureText(font, ratio);
    return hitTest(this.store.list(), this.views, x, y, HIT_TOLERANCE * ratio, this.shapeContext(ratio), this.selected, measure);
  }

  /** Pointer → data point in a pane; snapped to the nearest bar's open/high/low/close with Alt or Ctrl/⌘ held (main pane). */
  private dataPoint(view: PaneView, x: number, y: number, snap: boolean): { time: number; price: number } {
    const px = x - view.rect.x;
    const py = y - view.rect.y;
    const point = pointAt(view, px, py);
    if (!snap) return point;
    const data = this.snapData(view);
    if (!data) return point;
    const snapped = snapToBar(data, point.time, py, (v) => view.y.toPixel(v));
    return snapped ? { time: snapped.time, price: snapped.price } : point;
  }

  private snapData(view: PaneView): SnapData | null {
    const store = this.model.data;
    if (!store || store.length === 0) return null;
    if (view.id !== this.views[0]?.id) {
      // Indicator panes: bars' times only, the value stays where the pointer is.
      return null;
    }
    const ohlc = ['open', 'high', 'low', 'close'].filter((name) => store.hasColumn(name));
    const names = ohlc.length > 0 ? ohlc : store.columnNames.filter((name) => name !== 'volume');
    return { time: store.time, length: store.length, columns: names.map((name) => store.column(name)) };
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 || !this.target) return;
    this.sync();
    const { x, y } = this.devicePoint(event);
    const snap = event.altKey || event.ctrlKey || event.metaKey;
    if (this.drawing) {
      const view = paneAtPoint(this.views, x, y);
      this.consume(event);
      if (!view) return;
      const placing = this.drawing.placing;
      if (placing) {
        // A second click ends a two-point drawing.
        this.updatePlacing(x, y, snap);
        this.finishPlacing();
        return;
      }
      this.beginPlacing(view, x, y, snap);
      return;
    }
    const hit = this.hit(x, y);
    if (!hit) {
      if (this.selected) {
        this.selected = null;
        this.drawOverlay();
      }
      return;
    }
    this.consume(event);
    const a = this.store.get(hit.id)!;
    const view = this.views.find((v) => v.id === hit.pane)!;
    this.selected = hit.id;
    this.drag = { id: hit.id, handle: hit.handle, view, startX: x, startY: y, before: a, moved: false };
    this.drawOverlay();
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    if (!this.target) return;
    const { x, y } = this.devicePoint(event);
    const snap = event.altKey || event.ctrlKey || event.metaKey;
    const placing = this.drawing?.placing;
    if (placing) {
      this.consume(event);
      const ratio = this.model.chartSize.pixelRatio;
      if (Math.hypot(x - placing.startX, y - placing.startY) > CLICK_SLOP * ratio && event.buttons & 1) placing.dragged = true;
      this.updatePlacing(x, y, snap);
      return;
    }
    const drag = this.drag;
    if (drag) {
      this.consume(event);
      const ratio = this.model.chartSize.pixelRatio;
      if (!drag.moved && Math.hypot(x - drag.startX, y - drag.startY) < CLICK_SLOP * ratio) return;
      drag.moved = true;
      const next = drag.handle !== null ? movePoint(drag.before, drag.handle, this.dataPoint(drag.view, x, y, snap)) : translate(drag.before, drag.view, x - drag.startX, y - drag.startY);
      this.store.preview(drag.id, next);
      this.host.invalidate();
      return;
    }
    if (this.drawing) return;
    // Hover: handles of the annotation under the pointer, and a cursor that says it can be moved.
    const hit = this.store.list().length > 0 ? this.hit(x, y) : null;
    const hovered = hit?.id ?? null;
    if (this.target.style.cursor !== (hit ? (hit.handle !== null ? 'pointer' : 'move') : '')) this.target.style.cursor = hit ? (hit.handle !== null ? 'pointer' : 'move') : '';
    if (hovered !== this.hovered) {
      this.hovered = hovered;
      this.drawOverlay();
    }
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    const placing = this.drawing?.placing;
    if (placing) {
      this.consume(event);
      // Pressed, dragged, released: done. A click without a drag waits for the second click.
      if (placing.dragged) this.finishPlacing();
      return;
    }
    const drag = this.drag;
    if (!drag) return;
    this.consume(event);
    this.drag = null;
    if (!drag.moved) return;
    const after = this.store.get(drag.id);
    // The drag's previews were not recorded: one undoable step from where it started.
    this.store.preview(drag.id, drag.before);
    this.emit(this.store.edit([{ id: drag.id, after }]), 'pointer');
  };

  private readonly onPointerCancel = (): void => {
    const drag = this.drag;
    this.drag = null;
    if (drag?.moved) {
      this.store.preview(drag.id, drag.before);
      this.host.invalidate();
    }
    this.cancelPlacing();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const key = event.key;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && (key === 'z' || key === 'Z') && !event.shiftKey) {
      this.consume(event);
      this.undo();
      return;
    }
    if (mod && ((key === 'z' || key === 'Z') && event.shiftKey || key === 'y' || key === 'Y')) {
      this.consume(event);
      this.redo();
      return;
    }
    if (key === 'Escape' && (this.drawing || this.selected)) {
      this.consume(event);
      if (this.drawing) this.stopDrawing();
      else this.selectedId = null;
      return;
    }
    const id = this.selected;
    const a = id ? this.store.get(id) : null;
    if (!a || !a.editable) return;
    if (key === 'Delete' || key === 'Backspace') {
      this.consume(event);
      this.remove(a.id, 'keyboard');
      return;
    }
    const step = (event.shiftKey ? 10 : 1) * this.model.chartSize.pixelRatio;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[key];
    const view = resolvePane(a.pane, this.views);
    if (!move || !view) return;
    this.consume(event);
    this.emit(this.store.edit([{ id: a.id, after: translate(a, view, move[0], move[1]) }]), 'keyboard');
  };

  private consume(event: Event): void {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event instanceof PointerEvent && event.type === 'pointerdown') {
      this.target?.focus({ preventScroll: true });
      try {
        this.target?.setPointerCapture(event.pointerId);
      } catch {
        // Synthetic events have no active pointer to capture.
      }
    }
  }

  // ——— drawing mode ———

  private beginPlacing(view: PaneView, x: number, y: number, snap: boolean): void {
    const drawing = this.drawing!;
    const point = this.dataPoint(view, x, y, snap);
    const kind = drawing.kind;
    const raw: Record<string, unknown> = { ...drawing.style, id: this.store.freshId(kind), kind, pane: paneNameOf(view, this.views), points: Array.from({ length: pointCount(kind) }, () => ({ ...point })) };
    if (kind === 'text' && raw.text === undefined) raw.text = 'Text';
    const { annotation, issues } = validateAnnotation(raw, `startDrawing.${kind}`);
    if (!annotation) {
      this.host.reportConfigIssues(issues.map((i) => ({ ...i, source: 'api' })));
      this.stopDrawing();
      return;
    }
    if (pointCount(kind) === 1) {
      this.selected = annotation.id;
      this.emit(this.store.edit([{ id: annotation.id, after: annotation }]), 'pointer');
      this.stopDrawing();
      return;
    }
    drawing.placing = { view, startX: x, startY: y, annotation, dragged: false };
    this.store.preview(annotation.id, annotation);
    this.host.invalidate();
  }

  private updatePlacing(x: number, y: number, snap: boolean): void {
    const placing = this.drawing?.placing;
    if (!placing) return;
    placing.annotation = movePoint(placing.annotation, 1, this.dataPoint(placing.view, x, y, snap));
    this.store.preview(placing.annotation.id, placing.annotation);
    this.host.invalidate();
  }

  private finishPlacing(): void {
    const placing = this.drawing?.placing;
    if (!placing) return;
    this.drawing!.placing = null;
    // The preview was not recorded: adding it is one undoable step.
    this.store.preview(placing.annotation.id, null);
    this.selected = placing.annotation.id;
    this.emit(this.store.edit([{ id: placing.annotation.id, after: placing.annotation }]), 'pointer');
    this.stopDrawing();
  }

  private cancelPlacing(): void {
    const placing = this.drawing?.placing;
    if (!placing) return;
    this.drawing!.placing = null;
    this.store.preview(placing.annotation.id, null);
    this.host.invalidate();
  }

  private setCursor(): void {
    if (this.target) this.target.style.cursor = this.drawing ? 'crosshair' : '';
  }
}

/** The `pane` value that names a view back (main, or the indicator pane's name). */
function paneNameOf(view: PaneView, views: readonly PaneView[]): string {
  if (view === views[0]) return 'main';
  if (view.id.startsWith('pane:')) return view.id.slice(5);
  return view.id;
}

let measureContext: CanvasRenderingContext2D | null = null;

/** Width (device px) of a label's text in `font` at `ratio`. */
function measureText(font: string, ratio: number): (text: string) => number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  return (text) => {
    if (!measureContext) return text.length * 7 * ratio;
    measureContext.font = font;
    return measureContext.measureText(text).width * ratio + 8 * ratio;
  };
}

/** Draws one label (device px), clipped to its pane; boxed labels on a translucent box. */
function drawLabel(ctx: CanvasRenderingContext2D, label: PlacedLabel, ratio: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(label.clip.x, label.clip.y, label.clip.width, label.clip.height);
  ctx.clip();
  ctx.font = label.font;
  // The font is in CSS px: scale to device px about the label's point.
  ctx.translate(label.x, label.y);
  ctx.scale(ratio, ratio);
  ctx.textAlign = label.align;
  ctx.textBaseline = label.baseline;
  if (label.boxed) {
    const width = ctx.measureText(label.text).width;
    const size = parseFloat(label.font) || 12;
    const left = label.align === 'left' ? 0 : label.align === 'center' ? -width / 2 : -width;
    const top = label.baseline === 'top' ? 0 : label.baseline === 'middle' ? -size / 2 : -size;
    ctx.fillStyle = 'rgba(127, 127, 127, 0.18)';
    ctx.fillRect(left - 3, top - 2, width + 6, size + 4);
  }
  ctx.fillStyle = rgbaToCss(label.color as Rgba);
  ctx.fillText(label.text, 0, 0);
  ctx.restore();
}
