import type { AnnotationJson } from '../annotations/types.js';

/** What happened to an annotation. */
export type AnnotationChangeAction = 'added' | 'changed' | 'removed';

/** Where the change came from: the pointer (drawing, dragging), the keyboard (nudges, Delete), the API, undo or redo. */
export type AnnotationChangeSource = 'pointer' | 'keyboard' | 'api' | 'undo' | 'redo';

export interface GpuAnnotationChangeDetail {
  action: AnnotationChangeAction;
  /** The annotation's JSON after the change (before it, for `removed`): what `chart.annotations` holds. */
  annotation: AnnotationJson;
  source: AnnotationChangeSource;
}

/**
 * `gpu-annotation-change` — an annotation was added, changed or removed by the user or the API
 * (not when its declaration changed). Bubbles and is composed.
 */
export class GpuAnnotationChangeEvent extends Event {
  static readonly type = 'gpu-annotation-change';
  readonly detail: Readonly<GpuAnnotationChangeDetail>;

  constructor(detail: GpuAnnotationChangeDetail) {
    super('gpu-annotation-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-annotation-change': GpuAnnotationChangeEvent;
  }
}
