import type { ChartModel } from '../../core/chart-model.js';
import type { ConfigIssue } from '../../config/errors.js';
import { AnnotationStore, type AnnotationChange } from '../../annotations/store.js';
import type { PaneView } from '../../annotations/pane-view.js';
import type { ShapeContext } from '../../annotations/geometry.js';
import { validateAnnotation } from '../../annotations/validate.js';
import { ANNOTATION_KINDS, toJson, type Annotation, type AnnotationJson, type AnnotationKind } from '../../annotations/types.js';
import type { AnnotationChangeSource } from '../../events/gpu-annotation-change.js';
import { GpuDrawingModeEvent } from '../../events/gpu-drawing-mode.js';
import type { GpuAnnotation } from '../gpu-annotation/gpu-annotation.js';
import type { AnnotationCore, AnnotationEditor, AnnotationsHost, DrawingMode } from './chart-annotations-context.js';
import { AnnotationDeclarations, checkColors } from './chart-annotations-declarations.js';
import { AnnotationHistoryWiring, historyKey } from './chart-annotations-history.js';
import { annotationEditorFactory, loadAnnotationEditor } from './chart-annotations-lazy.js';
import { AnnotationOverlay } from './chart-annotations-overlay.js';
import { AnnotationScene } from './chart-annotations-scene.js';
import { ListenerSet, on } from './listener-set.js';

export type { AnnotationsHost } from './chart-annotations-context.js';

/** Events that arrive while drawing mode waits for the editor's chunk, replayed once it is there (a bound on a stuck load). */
const MAX_QUEUED = 256;

/**
 * The chart's annotations: declared by `<gpu-annotation>` children and `annotations:` in the
 * configuration (AnnotationDeclarations), drawn through the model's pane hook as a few batched
 * scene layers per pane (AnnotationScene), labels on an overlay canvas (AnnotationOverlay), undo and
 * redo by API and Ctrl+Z (AnnotationHistoryWiring), serialised by `chart.annotations`.
 *
 * Editing (handles, drag, nudge, Delete) and drawing mode are a lazy chunk
 * (chart-annotations-editor.ts), loaded the first time the chart has an editable annotation or
 * drawing starts; a chart showing only non-editable annotations never fetches it. Presses made in
 * drawing mode while it loads are held and replayed.
 */
export class ChartAnnotations implements AnnotationCore {
  readonly store = new AnnotationStore();
  private readonly declarations: AnnotationDeclarations;
  private readonly scene: AnnotationScene;
  private readonly overlay: AnnotationOverlay;
  private readonly history: AnnotationHistoryWiring;
  private readonly listeners: ListenerSet;
  private editor: AnnotationEditor | null = null;
  private editorWanted = false;
  private queued: Event[] = [];
  private selected: string | null = null;
  drawing: DrawingMode | null = null;

  constructor(
    readonly host: AnnotationsHost,
    readonly model: ChartModel,
  ) {
    this.declarations = new AnnotationDeclarations(host, this.store);
    this.scene = new AnnotationScene(host, model, this.store, () => this.sync());
    this.overlay = new AnnotationOverlay(() => host.renderRoot);
    this.history = new AnnotationHistoryWiring(host, this.store);
    model.paneOverlay = (pane) => this.scene.drawPane(pane);
    // Capture phase on the container itself runs before the chart's own (pan, zoom, keys)
    // listeners, so a press on an annotation drags it instead of panning.
    const capture = { capture: true };
    this.listeners = new ListenerSet(
      host,
      () => host.renderRoot?.querySelector?.<HTMLElement>('.container') ?? null,
      [on('pointerdown', this.onEvent, capture), on('pointermove', this.onEvent, capture), on('pointerup', this.onEvent, capture), on('pointercancel', this.onEvent, capture), on('keydown', this.onKeyDown, capture)],
      () => {
        this.editor?.reset();
        this.queued = [];
      },
    );
  }

  // ——— what the editor sees (AnnotationCore) ———

  get target(): HTMLElement | null {
    return this.listeners.current;
  }

  get views(): readonly PaneView[] {
    return this.scene.views;
  }

  get font(): string {
    return this.scene.layerStyle().style.font;
  }

  shapeContext(ratio: number): ShapeContext {
    return this.scene.shapeContext(ratio);
  }

  /** Brings the declared annotations up to date (configuration, children); reports invalid ones. */
  sync(): void {
    this.declarations.sync();
    this.wantEditorIfEditable();
  }

  emit(changes: readonly AnnotationChange[], source: AnnotationChangeSource): void {
    this.history.emit(changes, source);
    this.wantEditorIfEditable();
  }

  redrawOverlay(force = true): void {
    const editor = this.editor;
    const ratio = this.model.chartSize.pixelRatio;
    this.overlay.draw(this.scene.labels, ratio, editor?.handlesKey ?? '', editor ? (ctx) => editor.drawHandles(ctx, ratio) : null, force);
  }

  // ——— declarations ———

  childConnected(child: GpuAnnotation): void {
    this.declarations.childConnected(child);
  }

  childDisconnected(child: GpuAnnotation): void {
    this.declarations.childDisconnected(child);
  }

  childChanged(): void {
    this.declarations.changed();
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
      if (annotation) valid.push(checkColors(annotation, base, issues));
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
    return this.history.undo();
  }

  redo(): boolean {
    this.sync();
    return this.history.redo();
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
    this.redrawOverlay();
  }

  /** Starts drawing mode: the next press (and drag, or second click) on a pane draws a `kind`. */
  startDrawing(kind: AnnotationKind, style: Partial<AnnotationJson> = {}): void {
    if (!(ANNOTATION_KINDS as readonly string[]).includes(kind)) {
      this.host.reportConfigIssues([{ path: 'startDrawing.kind', message: `expected ${ANNOTATION_KINDS.join(' | ')}, got ${JSON.stringify(kind)}`, source: 'api' }]);
      return;
    }
    this.editor?.cancelPlacing();
    this.drawing = { kind, style: { ...style } };
    this.wantEditor();
    this.setCursor();
    this.host.dispatchEvent(new GpuDrawingModeEvent({ kind }));
  }

  /** Leaves drawing mode; a drawing half placed is dropped. */
  stopDrawing(): void {
    if (!this.drawing) return;
    this.editor?.cancelPlacing();
    this.queued = [];
    this.drawing = null;
    this.setCursor();
    this.host.dispatchEvent(new GpuDrawingModeEvent({ kind: null }));
  }

  get drawingKind(): AnnotationKind | null {
    return this.drawing?.kind ?? null;
  }

  /** Resolves once the editor is there (at once when it is, or when nothing asked for it yet). */
  async editorReady(): Promise<void> {
    if (this.editorWanted && !this.editor) {
      await loadAnnotationEditor();
      this.editorLoaded();
    }
  }

  // ——— frames ———

  /** A frame was drawn: the labels and handles follow it (the overlay redraws only if they changed). */
  frameDrawn(): void {
    this.scene.frameDrawn();
    this.redrawOverlay(false);
  }

  /** @internal How often the layers were prepared and projected (tests of the caching). */
  get buildStats(): { prepared: number; projected: number } {
    return { ...this.scene.builder.stats };
  }

  // ——— the lazy editor ———

  private wantEditorIfEditable(): void {
    if (!this.editorWanted && this.store.list().some((a) => a.editable)) this.wantEditor();
  }

  private wantEditor(): void {
    if (this.editor) return;
    const create = annotationEditorFactory();
    if (create) {
      this.editorWanted = true;
      this.editorLoaded();
      return;
    }
    if (this.editorWanted) return;
    this.editorWanted = true;
    loadAnnotationEditor().then(
      () => this.editorLoaded(),
      (error: unknown) => {
        this.editorWanted = false;
        this.queued = [];
        this.host.reportConfigIssues([{ path: 'annotations', message: `the annotation editor could not be loaded (${error instanceof Error ? error.message : String(error)}): annotations show but cannot be edited or drawn`, source: 'api' }]);
      },
    );
  }

  private editorLoaded(): void {
    const create = annotationEditorFactory();
    if (this.editor || !create) return;
    this.editor = create(this);
    const queued = this.queued;
    this.queued = [];
    for (const event of queued) this.editor.handle(event);
    this.redrawOverlay();
  }

  // ——— events: history keys here, the rest to the editor ———

  private readonly onEvent = (event: Event): void => {
    if (this.editor) {
      this.editor.handle(event);
      return;
    }
    // Drawing mode before its chunk arrived: the press is the drawing's, not a pan; replayed on load.
    if (this.drawing && this.queued.length < MAX_QUEUED) {
      event.preventDefault();
      event.stopImmediatePropagation();
      this.queued.push(event);
    }
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const history = historyKey(event);
    if (history) {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (history === 'undo') this.undo();
      else this.redo();
      return;
    }
    if (event.key === 'Escape' && this.drawing) {
      event.preventDefault();
      event.stopImmediatePropagation();
      this.stopDrawing();
      return;
    }
    this.onEvent(event);
  };

  private setCursor(): void {
    const target = this.target;
    if (target) target.style.cursor = this.drawing ? 'crosshair' : '';
  }
}
