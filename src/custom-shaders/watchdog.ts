/**
 * The time budget of hooked frames. Every frame drawn with hooks is measured (GPU timestamp
 * queries where the device has them, else the wall time from submit until the queue finished);
 * a frame's time counts against every hook drawn in it (a frame cannot be split per hook without
 * a timestamp pair per pass). A hook whose frames exceed its budget `strikes` times in a row is
 * disabled: the caller removes it and says so in an event. One slow frame (a page hiccup, the
 * first upload) is forgiven.
 */
export class HookWatchdog {
  private readonly over = new Map<string, number>();
  private readonly tripped = new Set<string>();

  constructor(readonly strikes = 3) {}

  /** Records a frame of `ms` drawn with hooks `ids`; returns the ids to disable now (each once). */
  record(ids: readonly string[], ms: number, budgetOf: (id: string) => number): string[] {
    const disable: string[] = [];
    if (!Number.isFinite(ms)) return disable;
    for (const id of ids) {
      if (this.tripped.has(id)) continue;
      const budget = budgetOf(id);
      const strikes = ms > budget ? (this.over.get(id) ?? 0) + 1 : 0;
      this.over.set(id, strikes);
      if (strikes >= this.strikes) {
        this.tripped.add(id);
        disable.push(id);
      }
    }
    return disable;
  }

  /** Forgets a hook (its source changed or it was removed): it starts again with no strikes. */
  reset(id: string): void {
    this.over.delete(id);
    this.tripped.delete(id);
  }
}

/**
 * Default time budget of a hooked frame, ms: generous on purpose. A software adapter on a busy
 * machine takes seconds for a large filled chart with or without a hook (measured: bench/shader-hooks.mjs);
 * the sandbox already bounds a hook's cost per pixel. Set `budget-ms` for a tighter watch.
 */
export const DEFAULT_HOOK_BUDGET_MS = 1000;
