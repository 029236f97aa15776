import type { AnnotationChange, AnnotationStore } from '../../annotations/store.js';
import { toJson } from '../../annotations/types.js';
import { GpuAnnotationChangeEvent, type AnnotationChangeSource } from '../../events/gpu-annotation-change.js';
import type { AnnotationsHost } from './chart-annotations-context.js';

/** Ctrl/⌘+Z undoes; Ctrl/⌘+Shift+Z and Ctrl/⌘+Y redo. */
export function historyKey(event: KeyboardEvent): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey)) return null;
  const key = event.key;
  if ((key === 'z' || key === 'Z') && !event.shiftKey) return 'undo';
  if (((key === 'z' || key === 'Z') && event.shiftKey) || key === 'y' || key === 'Y') return 'redo';
  return null;
}

/**
 * Undo history wiring: the store keeps the steps; this redraws after a change and tells the page,
 * one `gpu-annotation-change` per annotation changed, with its JSON and where the change came from.
 * In the entry (not the lazy editor), so that undo works by API and keyboard on any chart.
 */
export class AnnotationHistoryWiring {
  constructor(
    private readonly host: AnnotationsHost,
    private readonly store: AnnotationStore,
  ) {}

  emit(changes: readonly AnnotationChange[], source: AnnotationChangeSource): void {
    if (changes.length === 0) return;
    this.host.invalidate();
    for (const change of changes) this.host.dispatchEvent(new GpuAnnotationChangeEvent({ action: change.action, annotation: toJson(change.annotation), source }));
  }

  undo(): boolean {
    const changes = this.store.undo();
    this.emit(changes, 'undo');
    return changes.length > 0;
  }

  redo(): boolean {
    const changes = this.store.redo();
    this.emit(changes, 'redo');
    return changes.length > 0;
  }
}
