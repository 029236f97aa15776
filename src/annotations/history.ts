import type { Annotation } from './types.js';

/** One annotation's change within an undoable step: its value before and after (null: absent). */
export interface HistoryChange {
  id: string;
  before: Annotation | null;
  after: Annotation | null;
}

/**
 * Undo and redo of annotation edits: each step is a list of changes (a drag is one step, however
 * many pointer moves it took). A new step after undoing drops the steps that were undone.
 */
export class AnnotationHistory {
  private readonly done: HistoryChange[][] = [];
  private undone: HistoryChange[][] = [];

  constructor(private readonly limit = 200) {}

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  record(step: HistoryChange[]): void {
    if (step.length === 0) return;
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  /** The step to undo, or null; its changes are to be applied backwards (after → before). */
  undo(): HistoryChange[] | null {
    const step = this.done.pop();
    if (!step) return null;
    this.undone.push(step);
    return step;
  }

  /** The step to redo (before → after), or null. */
  redo(): HistoryChange[] | null {
    const step = this.undone.pop();
    if (!step) return null;
    this.done.push(step);
    return step;
  }

  clear(): void {
    this.done.length = 0;
    this.undone = [];
  }
}
