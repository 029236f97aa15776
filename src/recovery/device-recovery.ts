/**
 * Getting a chart back onto the GPU after its device was lost: attempts with exponential backoff,
 * a `gpu-recovery` detail for every retry and for the outcome. DOM-free: the attempt, the clock,
 * the wait and the reporting are injected, so Node tests drive it with fakes.
 */
import { recoveryDetails, type RecoveryDetail } from './renderer-policy.js';
import { isAbortError, retry, type RetryOptions } from './retry.js';

export interface DeviceRecoveryWorld {
  /** One try at a new device and renderer; throws when it fails. */
  attempt(attempt: number): Promise<void>;
  /** False once something newer (a restart, a removal) superseded this recovery. */
  isCurrent(): boolean;
  /** An error that another attempt will not fix (pipelines that do not compile): no more retries. */
  isFatal(error: unknown): boolean;
  /** Reports a `gpu-recovery` detail. */
  emit(detail: RecoveryDetail): void;
  /** A monotonic clock, ms. */
  now(): number;
  /** Backoff, and optionally the wait (tests: a fake one) and the abort signal. */
  retry: Pick<RetryOptions, 'baseMs' | 'factor' | 'maxMs' | 'attempts' | 'jitter' | 'random' | 'sleep' | 'signal'>;
}

export type DeviceRecoveryOutcome =
  | { kind: 'recovered'; attempts: number }
  /** Aborted or superseded: nothing to do, someone else owns the chart now. */
  | { kind: 'superseded' }
  /** Gave up; `fatal` when the error was one retrying could not fix. */
  | { kind: 'failed'; attempts: number; error: unknown; fatal: boolean };

/** Tries `world.attempt` until it works, gives up, or is superseded; `reason` is the loss's. */
export async function recoverDevice(world: DeviceRecoveryWorld, reason: string, lostAt: number): Promise<DeviceRecoveryOutcome> {
  let attempts = 0;
  try {
    await retry(
      async (attempt) => {
        attempts = attempt;
        if (!world.isCurrent()) throw new DOMException('superseded', 'AbortError');
        await world.attempt(attempt);
      },
      {
        ...world.retry,
        shouldRetry: (error) => world.isCurrent() && !world.isFatal(error),
        onAttempt: ({ attempt, delayMs, error }) => {
          if (delayMs !== null) world.emit(recoveryDetails.retrying(attempt, delayMs, error));
        },
      },
    );
  } catch (error) {
    if (isAbortError(error) || !world.isCurrent()) return { kind: 'superseded' };
    world.emit(recoveryDetails.failed(attempts, world.now() - lostAt, error));
    return { kind: 'failed', attempts, error, fatal: world.isFatal(error) };
  }
  if (!world.isCurrent()) return { kind: 'superseded' };
  world.emit(recoveryDetails.recovered(attempts, world.now() - lostAt, reason));
  return { kind: 'recovered', attempts };
}
