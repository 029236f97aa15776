import { AnnotationHistory, type HistoryChange } from './history.js';
import { cloneAnnotation, sameAnnotation, type Annotation } from './types.js';

export type AnnotationAction = 'added' | 'changed' | 'removed';

/** One change of the annotations as the page sees it. */
export interface AnnotationChange {
  action: AnnotationAction;
  /** The annotation after the change (before it, for `removed`). */
  annotation: Annotation;
}

/**
 * The annotations of one chart: those declared (configuration, child elements: merged by id,
 * children winning over configuration) and the edits made since (pointer, keyboard, API), kept
 * as overrides by id (null: removed). Editing a declared annotation overrides it; when its
 * declaration itself changes later, the new declaration wins again. Every edit is undoable.
 */
export class AnnotationStore {
  private declared = new Map<string, Annotation>();
  private readonly overrides = new Map<string, Annotation | null>();
  /** Ids in drawing order: declared first (in declaration order), then those added by edits. */
  private order: string[] = [];
  private readonly ordered = new Set<string>();
  private cached: Annotation[] | null = null;
  readonly history = new AnnotationHistory();
  /** Grows with every change of what is drawn. */
  version = 0;

  /** Replaces the declared annotations (already validated). */
  setDeclared(list: readonly Annotation[]): void {
    const next = new Map<string, Annotation>();
    for (const a of list) next.set(a.id, a);
    let changed = next.size !== this.declared.size;
    for (const [id, a] of next) {
      const old = this.declared.get(id);
      if (!old || !sameAnnotation(old, a)) {
        changed = true;
        // A changed declaration wins over an earlier edit of it.
        if (old) this.overrides.delete(id);
      }
    }
    if (!changed) return;
    this.declared = next;
    const declaredIds = [...next.keys()];
    const added = this.order.filter((id) => !next.has(id) && this.overrides.get(id));
    this.setOrder([...declaredIds, ...added]);
    this.touch();
  }

  /** The annotations drawn, in order. Do not mutate them. */
  list(): readonly Annotation[] {
    if (this.cached) return this.cached;
    const out: Annotation[] = [];
    for (const id of this.order) {
      const a = this.get(id);
      if (a) out.push(a);
    }
    return (this.cached = out);
  }

  get(id: string): Annotation | null {
    if (this.overrides.has(id)) return this.overrides.get(id) ?? null;
    return this.declared.get(id) ?? null;
  }

  /** A fresh id (`<kind>-<n>`) no annotation uses. */
  freshId(kind: string): string {
    for (let n = 1; ; n++) {
      const id = `${kind}-${n}`;
      if (!this.get(id) && !this.declared.has(id)) return id;
    }
  }

  /**
   * Applies edits as one undoable step: each id to its new value (null: removed). Returns the
   * changes made (unchanged values are skipped).
   */
  edit(updates: readonly { id: string; after: Annotation | null }[]): AnnotationChange[] {
    const step: HistoryChange[] = [];
    for (const { id, after } of updates) {
      const before = this.get(id);
      if (before === after || (before && after && sameAnnotation(before, after))) continue;
      if (!before && !after) continue;
      step.push({ id, before: before && cloneAnnotation(before), after: after && cloneAnnotation(after) });
    }
    this.history.record(step);
    return this.apply(step.map(({ id, after }) => ({ id, value: after })));
  }

  /** Sets values without recording a step (a drag in progress: recorded once when it ends). */
  preview(id: string, after: Annotation | null): AnnotationChange[] {
    return this.apply([{ id, value: after }]);
  }

  undo(): AnnotationChange[] {
    const step = this.history.undo();
    return step ? this.apply(step.slice().reverse().map(({ id, before }) => ({ id, value: before }))) : [];
  }

  redo(): AnnotationChange[] {
    const step = this.history.redo();
    return step ? this.apply(step.map(({ id, after }) => ({ id, value: after }))) : [];
  }

  /**
   * Replaces every annotation by `list` (the `annotations` property): declared ones not in it are
   * removed, the others set to their value in it. One undoable step.
   */
  replaceAll(list: readonly Annotation[]): AnnotationChange[] {
    const ids = new Set(list.map((a) => a.id));
    const updates: { id: string; after: Annotation | null }[] = [];
    for (const a of this.list()) if (!ids.has(a.id)) updates.push({ id: a.id, after: null });
    for (const a of list) updates.push({ id: a.id, after: a });
    const changes = this.edit(updates);
    // Drawing order follows the list.
    const rest = this.order.filter((id) => !ids.has(id));
    this.setOrder([...rest, ...list.map((a) => a.id)]);
    this.touch();
    return changes;
  }

  private apply(values: readonly { id: string; value: Annotation | null }[]): AnnotationChange[] {
    const changes: AnnotationChange[] = [];
    for (const { id, value } of values) {
      const before = this.get(id);
      this.overrides.set(id, value && cloneAnnotation(value));
      if (value && !this.ordered.has(id)) {
        this.order.push(id);
        this.ordered.add(id);
      }
      if (value) changes.push({ action: before ? 'changed' : 'added', annotation: cloneAnnotation(value) });
      else if (before) changes.push({ action: 'removed', annotation: cloneAnnotation(before) });
    }
    if (changes.length > 0) this.touch();
    return changes;
  }

  private setOrder(ids: string[]): void {
    this.order = ids;
    this.ordered.clear();
    for (const id of ids) this.ordered.add(id);
  }

  private touch(): void {
    this.cached = null;
    this.version++;
  }
}
