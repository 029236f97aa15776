/**
 * Retrying with exponential backoff. Pure: time passes only through the injected `sleep`, and
 * randomness comes from the injected `random`, so tests run instantly and deterministically.
 */

export interface BackoffOptions {
  /** First delay, ms (default 250). */
  baseMs?: number;
  /** Growth per attempt (default 2). */
  factor?: number;
  /** No delay exceeds this, jitter included (default 8000). */
  maxMs?: number;
  /** Tries in all, the first included (default 5): there are `attempts - 1` delays. */
  attempts?: number;
  /** Relative spread, 0..1 (default 0.2: each delay is its nominal value ±20%). */
  jitter?: number;
  /** 0 ≤ random() < 1 (default Math.random). */
  random?: () => number;
}

export interface RetryAttempt {
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** The wait before the next attempt, or null when retry gives up after this one. */
  delayMs: number | null;
  error: unknown;
}

export interface RetryOptions extends BackoffOptions {
  /** Waits `ms`; should reject when `signal` aborts (default: setTimeout). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Called after every failed attempt, before the wait. */
  onAttempt?: (info: RetryAttempt) => void;
  /** False: give up at once and reject with this error (default: retry every error). */
  shouldRetry?: (error: unknown) => boolean;
}

/**
 * The waits between tries: baseMs × factor^k, capped at maxMs, each spread by ±jitter and then
 * capped again, so that maxMs is a hard ceiling (a caller budgeting its worst case can trust it).
 */
export function backoffDelays(options: BackoffOptions = {}): number[] {
  const { baseMs = 250, factor = 2, maxMs = 8000, attempts = 5, jitter = 0.2, random = Math.random } = options;
  check(Number.isFinite(baseMs) && baseMs >= 0, 'baseMs must be a finite number ≥ 0');
  check(Number.isFinite(factor) && factor >= 1, 'factor must be a finite number ≥ 1');
  check(Number.isFinite(maxMs) && maxMs >= 0, 'maxMs must be a finite number ≥ 0');
  check(Number.isInteger(attempts) && attempts >= 1, 'attempts must be an integer ≥ 1');
  check(Number.isFinite(jitter) && jitter >= 0 && jitter <= 1, 'jitter must be between 0 and 1');
  const delays: number[] = [];
  let nominal = Math.min(baseMs, maxMs);
  for (let k = 0; k < attempts - 1; k++) {
    const spread = jitter * (2 * random() - 1);
    delays.push(Math.min(maxMs, Math.max(0, nominal * (1 + spread))));
    nominal = Math.min(maxMs, nominal * factor);
  }
  return delays;
}

/**
 * Calls `fn` until it succeeds, at most `attempts` times, waiting the backoff delays in between.
 * Resolves with its result, or rejects with the last error (or at once with an error that
 * `shouldRetry` refuses). Aborting `signal` rejects at once with an AbortError, even while `fn`
 * runs (`fn` gets the signal to stop its own work).
 */
export async function retry<T>(fn: (attempt: number, signal?: AbortSignal) => T | Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { sleep = sleepFor, signal, onAttempt, shouldRetry = () => true } = options;
  const delays = backoffDelays(options);
  const attempts = delays.length + 1;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    try {
      return await untilAborted(Promise.resolve().then(() => fn(attempt, signal)), signal);
    } catch (error) {
      if (signal?.aborted) throw abortError(signal);
      const delayMs = attempt < attempts && shouldRetry(error) ? delays[attempt - 1]! : null;
      onAttempt?.({ attempt, delayMs, error });
      if (delayMs === null) throw error;
      await untilAborted(sleep(delayMs, signal), signal);
    }
  }
}

/** True for the error `retry` rejects with when aborted (a DOMException, or any error so named). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Timers, injectable: a fake clock drives waits in tests (the handle is whatever setTimeout returns). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The platform's timers. */
export const GLOBAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The default `sleep`: the one place a timer is used, and only when the caller injects none (or
 * injects only its `timers`, as the renderer supervisor does with its clock).
 */
export function sleepFor(ms: number, signal?: AbortSignal, timers: Timers = GLOBAL_TIMERS): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      timers.clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or an AbortError as soon as `signal` aborts, whichever comes first; no listener is left behind. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/** The signal's reason when it already is an AbortError (the default), else a new one that says why. */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && isAbortError(reason)) return reason;
  const why = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  return new DOMException(why ? `gpu-charts: retry aborted: ${why}` : 'gpu-charts: retry aborted', 'AbortError');
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(`gpu-charts: backoff: ${message}`);
}
