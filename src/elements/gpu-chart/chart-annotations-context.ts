// Types only: what the chart's annotation parts share. The lazily loaded editor imports these
// (erased at build time), never the entry's classes themselves.
import type { ReactiveControllerHost } from 'lit';
import type { ChartModel } from '../../core/chart-model.js';
import type { ChartConfig } from '../../config/schema.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { AnnotationChange, AnnotationStore } from '../../annotations/store.js';
import type { ShapeContext } from '../../annotations/geometry.js';
import type { PaneView } from '../../annotations/pane-view.js';
import type { AnnotationJson, AnnotationKind } from '../../annotations/types.js';
import type { AnnotationChangeSource } from '../../events/gpu-annotation-change.js';

/** What the annotations controller needs from its chart. */
export interface AnnotationsHost extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly effectiveConfig: ChartConfig;
  invalidate(): void;
  reportConfigIssues(issues: ConfigIssue[]): void;
}

/** Drawing mode: the kind the next press draws, and its style. */
export interface DrawingMode {
  kind: AnnotationKind;
  style: Partial<AnnotationJson>;
}

/** What the editor (a lazy chunk) sees of the chart's annotations; ChartAnnotations implements it. */
export interface AnnotationCore {
  readonly host: AnnotationsHost;
  readonly model: ChartModel;
  readonly store: AnnotationStore;
  /** The element pointer and key events arrive on (null while detached). */
  readonly target: HTMLElement | null;
  /** The panes as drawn in the last frame (editing uses what the user sees). */
  readonly views: readonly PaneView[];
  readonly drawing: DrawingMode | null;
  /** The label font (hit testing measures text boxes with it). */
  readonly font: string;
  selectedId: string | null;
  shapeContext(ratio: number): ShapeContext;
  /** Brings the declared annotations up to date (children, configuration). */
  sync(): void;
  /** Redraws and fires one `gpu-annotation-change` per change. */
  emit(changes: readonly AnnotationChange[], source: AnnotationChangeSource): void;
  remove(id: string, source: AnnotationChangeSource): boolean;
  stopDrawing(): void;
  /** Redraws the overlay (labels, handles) without a new frame. */
  redrawOverlay(): void;
}

/** The editor as the entry drives it (see chart-annotations-editor.ts). */
export interface AnnotationEditor {
  /** A pointer or key event on the chart (capture phase, before panning and zooming see it). */
  handle(event: Event): void;
  /** Drawing mode ended: a drawing half placed is dropped. */
  cancelPlacing(): void;
  /** The listeners went (disconnected): a gesture in progress ends. */
  reset(): void;
  /** Draws the handles of the selected and hovered annotations on the overlay. */
  drawHandles(ctx: CanvasRenderingContext2D, ratio: number): void;
  /** What the handles drawn depend on (the overlay redraws when it changes). */
  readonly handlesKey: string;
}

/** The editor module's factory (the lazy chunk's export). */
export type CreateAnnotationEditor = (core: AnnotationCore) => AnnotationEditor;
