/**
 * The lifecycle of a chart and its device, as an explicit state machine: every change goes
 * through `transition`, which refuses the ones the table does not allow, so a bug (drawing after
 * dispose, "recovering" a chart that never lost anything) fails loudly where it happens.
 */

export type LifecycleState = 'initializing' | 'ready' | 'lost' | 'recovering' | 'degraded' | 'fallback' | 'failed' | 'disposed';

/**
 * Where each state may go.
 * - initializing: the device comes (ready), comes with less than asked (degraded), does not come
 *   but Canvas2D does (fallback), or nothing works (failed).
 * - ready / degraded: the device can be lost, the chart can step down to Canvas2D or up again
 *   (degraded → ready once what was missing is back).
 * - lost: recovery starts, or the chart gives up on the GPU (fallback) or altogether (failed).
 * - recovering: succeeds (ready, degraded), the device is lost again meanwhile, or it gives up.
 * - fallback: may try the GPU again later (recovering; a circuit breaker's probe decides when).
 * - failed: only an explicit retry (recovering) leads out.
 * - disposed: terminal. Every other state may be disposed.
 */
export const LIFECYCLE_TRANSITIONS: Readonly<Record<LifecycleState, readonly LifecycleState[]>> = {
  initializing: ['ready', 'degraded', 'fallback', 'failed', 'disposed'],
  ready: ['lost', 'degraded', 'fallback', 'failed', 'disposed'],
  lost: ['recovering', 'fallback', 'failed', 'disposed'],
  recovering: ['ready', 'degraded', 'lost', 'fallback', 'failed', 'disposed'],
  degraded: ['ready', 'lost', 'recovering', 'fallback', 'failed', 'disposed'],
  fallback: ['recovering', 'failed', 'disposed'],
  failed: ['recovering', 'disposed'],
  disposed: [],
};

export function canTransition(from: LifecycleState, to: LifecycleState): boolean {
  return LIFECYCLE_TRANSITIONS[from].includes(to);
}

export interface LifecycleTransition {
  from: LifecycleState;
  to: LifecycleState;
  reason: string;
  /** When, from the lifecycle's clock (ms). */
  at: number;
}

export type LifecycleListener = (transition: LifecycleTransition) => void;

export interface LifecycleOptions {
  /** Default 'initializing'. */
  initial?: LifecycleState;
  /** Default Date.now: the history is for diagnostics, where wall-clock times match other logs. */
  now?: () => number;
  /** Transitions kept in `history` (default 50). */
  historyLimit?: number;
}

/** Thrown by a forbidden transition; says from where, to where, why it was attempted and what is allowed. */
export class LifecycleTransitionError extends Error {
  override readonly name = 'LifecycleTransitionError';

  constructor(
    readonly from: LifecycleState,
    readonly to: LifecycleState,
    readonly reason: string,
  ) {
    const allowed = LIFECYCLE_TRANSITIONS[from];
    super(`gpu-charts: lifecycle cannot go from "${from}" to "${to}" (${reason}); from "${from}" it may go to ${allowed.length ? allowed.map((s) => `"${s}"`).join(', ') : 'nothing'}`);
  }
}

export class Lifecycle {
  private current: LifecycleState;
  private readonly now: () => number;
  private readonly historyLimit: number;
  private readonly past: LifecycleTransition[] = [];
  private readonly listeners = new Set<LifecycleListener>();

  constructor(options: LifecycleOptions = {}) {
    const { initial = 'initializing', now = () => Date.now(), historyLimit = 50 } = options;
    if (!Number.isInteger(historyLimit) || historyLimit < 0) throw new RangeError('gpu-charts: lifecycle: historyLimit must be an integer ≥ 0');
    this.current = initial;
    this.now = now;
    this.historyLimit = historyLimit;
  }

  get state(): LifecycleState {
    return this.current;
  }

  /** The last transitions, oldest first (a copy). */
  get history(): readonly LifecycleTransition[] {
    return this.past.slice();
  }

  can(to: LifecycleState): boolean {
    return canTransition(this.current, to);
  }

  /** Moves to `to`, or throws LifecycleTransitionError (and changes nothing) if the table forbids it. */
  transition(to: LifecycleState, reason: string): LifecycleTransition {
    const from = this.current;
    if (!canTransition(from, to)) throw new LifecycleTransitionError(from, to, reason);
    const transition: LifecycleTransition = { from, to, reason, at: this.now() };
    this.current = to;
    this.past.push(transition);
    if (this.past.length > this.historyLimit) this.past.splice(0, this.past.length - this.historyLimit);
    // Every listener hears of the change even if one throws; the first error is rethrown after.
    let failure: { error: unknown } | null = null;
    for (const listener of [...this.listeners]) {
      try {
        listener(transition);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
    return transition;
  }

  /** Listens for transitions; returns the unsubscribe function. */
  onChange(listener: LifecycleListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
