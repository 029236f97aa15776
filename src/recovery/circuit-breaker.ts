/**
 * A circuit breaker: stops trying something that keeps failing (say, recreating a GPU device),
 * lets one probe through after a pause, and closes again once a probe succeeds. No timers: time
 * is read from the injected `now` whenever the breaker is asked, so a fake clock drives it in tests.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerChange {
  name: string;
  from: BreakerState;
  to: BreakerState;
  reason: string;
  /** Failures counted in the window at the time of the change. */
  failures: number;
}

export type BreakerListener = (change: BreakerChange) => void;

export interface CircuitBreakerOptions {
  /** Names the breaker in change events (several breakers may share one log). */
  name: string;
  /** Failures within `windowMs` that open the breaker (default 3). */
  failureThreshold?: number;
  /** How far back failures count, ms (default 30000). */
  windowMs?: number;
  /** How long the breaker stays open before a probe is allowed, ms (default 10000). */
  openMs?: number;
  /** A monotonic clock in ms (default performance.now). */
  now?: () => number;
}

export class CircuitBreaker {
  readonly name: string;
  private readonly failureThreshold: number;
  private readonly windowMs: number;
  private readonly openMs: number;
  private readonly now: () => number;
  private current: BreakerState = 'closed';
  /** Times of recent failures, oldest first. */
  private failureTimes: number[] = [];
  private openedAt = 0;
  /** When the half-open probe was handed out, or null when none is out. */
  private probeSince: number | null = null;
  private readonly listeners = new Set<BreakerListener>();

  constructor(options: CircuitBreakerOptions) {
    const { name, failureThreshold = 3, windowMs = 30_000, openMs = 10_000, now = () => performance.now() } = options;
    if (!Number.isInteger(failureThreshold) || failureThreshold < 1) throw new RangeError('gpu-charts: circuit breaker: failureThreshold must be an integer ≥ 1');
    if (!(windowMs >= 0) || !(openMs >= 0)) throw new RangeError('gpu-charts: circuit breaker: windowMs and openMs must be ≥ 0');
    this.name = name;
    this.failureThreshold = failureThreshold;
    this.windowMs = windowMs;
    this.openMs = openMs;
    this.now = now;
  }

  /** The state now: an open breaker whose pause is over reads (and becomes) half-open. */
  get state(): BreakerState {
    this.refresh();
    return this.current;
  }

  /** Failures within the window. */
  get failures(): number {
    this.prune(this.now());
    return this.failureTimes.length;
  }

  /**
   * Whether to try now. Closed: always. Open: never. Half-open: once, for the probe; the probe's
   * outcome (recordSuccess / recordFailure) decides what follows. A probe that never reports back
   * is given up after `openMs`, and another one is allowed, so the breaker cannot stay stuck.
   */
  canTry(): boolean {
    this.refresh();
    if (this.current === 'closed') return true;
    if (this.current === 'open') return false;
    const t = this.now();
    if (this.probeSince !== null && t - this.probeSince < this.openMs) return false;
    this.probeSince = t;
    return true;
  }

  /**
   * A try succeeded. Half-open: the probe worked, the breaker closes and forgets its failures.
   * Closed: failures in the window are kept on purpose, so that something that fails, recovers,
   * fails again (a device lost every few seconds) still opens the breaker. Open: a try begun
   * before it opened; only a probe may close the breaker.
   */
  recordSuccess(): void {
    this.refresh();
    if (this.current !== 'half-open') return;
    this.failureTimes = [];
    this.probeSince = null;
    this.change('closed', 'probe succeeded');
  }

  /** A try failed. Closed: opens at the threshold. Half-open: the probe failed, open again. */
  recordFailure(error?: unknown): void {
    this.refresh();
    const t = this.now();
    this.failureTimes.push(t);
    this.prune(t);
    const why = describe(error);
    if (this.current === 'half-open') {
      this.open(t, `probe failed${why}`);
    } else if (this.current === 'closed' && this.failureTimes.length >= this.failureThreshold) {
      this.open(t, `${this.failureTimes.length} failures within ${this.windowMs} ms${why}`);
    }
    // Open: a failure of a try begun before it opened; counted, the pause is not extended.
  }

  /** Listens for state changes; returns the unsubscribe function. */
  onChange(listener: BreakerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private open(t: number, reason: string): void {
    this.openedAt = t;
    this.probeSince = null;
    this.change('open', reason);
  }

  private refresh(): void {
    if (this.current === 'open' && this.now() - this.openedAt >= this.openMs) {
      this.probeSince = null;
      this.change('half-open', `open for ${this.openMs} ms, one probe allowed`);
    }
  }

  private prune(t: number): void {
    let drop = 0;
    while (drop < this.failureTimes.length && t - this.failureTimes[drop]! > this.windowMs) drop++;
    if (drop > 0) this.failureTimes.splice(0, drop);
  }

  private change(to: BreakerState, reason: string): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    const change: BreakerChange = { name: this.name, from, to, reason, failures: this.failureTimes.length };
    // Every listener hears of the change even if one throws; the first error is rethrown after.
    let failure: { error: unknown } | null = null;
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }
}

function describe(error: unknown): string {
  if (error === undefined) return '';
  const message = error instanceof Error ? error.message : String(error);
  return message ? `: ${message}` : '';
}
