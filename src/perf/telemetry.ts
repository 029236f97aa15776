import type { FrameStats } from './frame-stats.js';
import { percentile } from './frame-window.js';

/** Must equal package.json's version (a Node test checks it). */
export const LIBRARY_VERSION = '0.1.0';

/** Upper bounds (ms, exclusive) of the frame-time histogram; one more bucket holds the rest. */
export const FRAME_TIME_BUCKETS_MS: readonly number[] = [1, 2, 4, 8, 16, 33, 50, 100];

/** The coarse browser family: the only thing taken from the user agent string. */
export type BrowserFamily = 'chromium' | 'firefox' | 'safari' | 'other' | 'unknown';

/** Frame times of the sampled frames of one batch. Every field is documented in docs/telemetry.md. */
export interface FrameTimeSummary {
  samples: number;
  p50: number;
  p95: number;
  histogram: number[];
}

/** What one send carries. Every field is documented in docs/telemetry.md; nothing else is sent. */
export interface TelemetryBatch {
  schema: 1;
  library: 'gpu-charts';
  version: string;
  session: string;
  sequence: number;
  browser: BrowserFamily;
  sampling: number;
  frames: number;
  cpuMs: FrameTimeSummary | null;
  gpuMs: FrameTimeSummary | null;
  renderers: { webgpu: number; canvas2d: number };
  lod: { raw: number; m4: number };
  pointsDrawn: Record<string, number>;
  pointsTotal: Record<string, number>;
  errors: { kind: string; code: string; count: number }[];
}

export interface TelemetryOptions {
  /** Nothing is collected or sent unless this is true. Default false. */
  enabled?: boolean;
  /** Fraction of frames recorded, 0..1. Default 0.1. Errors are always counted. */
  sampling?: number;
  /** Where batches go with `sendBeacon` (ignored when `callback` is given). */
  endpoint?: string;
  /** Receives each batch instead of sending it. */
  callback?: (batch: TelemetryBatch) => void;
  /** A batch is sent once this many frames were sampled. Default 500. */
  batchSize?: number;
  /** Whatever was collected is sent this often, ms. Default 60 000. */
  flushMs?: number;
  /** Default Math.random; tests seed their own. */
  random?: () => number;
  /** Default `navigator.sendBeacon`. */
  sendBeacon?: (url: string, body: string) => boolean;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  /** Default `navigator.userAgent`; only its browser family is kept. */
  userAgent?: string;
}

export interface Telemetry {
  readonly enabled: boolean;
  /** Frames and errors waiting for the next batch (always 0 when disabled). */
  readonly pending: number;
  recordFrame(stats: FrameStats): void;
  /** `kind` and `code` are short identifiers (e.g. `data`, `unsorted-time`); anything else counts as `invalid`. */
  recordError(kind: string, code: string): void;
  /** Sends what was collected, if anything. */
  flush(): void;
  /** Flushes, stops the timer; later calls do nothing. */
  dispose(): void;
}

/** Chart code can call these unconditionally: a disabled telemetry holds and sends nothing. */
const DISABLED: Telemetry = Object.freeze({
  enabled: false,
  pending: 0,
  recordFrame() {},
  recordError() {},
  flush() {},
  dispose() {},
});

/** Identifiers only: free text (messages, URLs, values) must never reach a batch. */
const IDENTIFIER = /^[a-z0-9][a-z0-9._-]{0,39}$/;
/** Distinct kind/code pairs kept per batch; more are counted under one overflow entry. */
const MAX_ERROR_KINDS = 32;
/** Recent frames remembered so that a late GPU time joins its frame's sampling decision. */
const MAX_PENDING_GPU = 128;

/** Opt-in, sampled, aggregate-only frame and error telemetry (see docs/telemetry.md). */
export function createTelemetry(options: TelemetryOptions = {}): Telemetry {
  const sampling = options.sampling ?? 0.1;
  const batchSize = options.batchSize ?? 500;
  const flushMs = options.flushMs ?? 60_000;
  if (!(sampling >= 0 && sampling <= 1)) throw new RangeError(`telemetry: sampling must be within 0..1, got ${sampling}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`telemetry: batchSize must be an integer >= 1, got ${batchSize}`);
  if (!(flushMs > 0)) throw new RangeError(`telemetry: flushMs must be > 0, got ${flushMs}`);
  if (!options.enabled) return DISABLED;

  const send = sender(options);
  const random = options.random ?? Math.random;
  const browser = browserFamily(options.userAgent ?? globalThis.navigator?.userAgent);
  let buffer = new BatchBuffer();
  /** Sampling decisions of recent frames, by frame and start time, awaiting their GPU time. */
  const awaitingGpu = new Map<string, boolean>();
  let sequence = 0;
  let disposed = false;

  const flush = (): void => {
    if (buffer.isEmpty) return;
    const batch = buffer.toBatch({ sequence: sequence++, browser, sampling });
    buffer = new BatchBuffer();
    send(batch);
  };
  const setTimer = options.setInterval ?? ((callback: () => void, ms: number) => globalThis.setInterval(callback, ms));
  const clearTimer = options.clearInterval ?? ((handle: unknown) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>));
  const timer = setTimer(flush, flushMs);

  return {
    enabled: true,
    get pending() {
      return buffer.size;
    },
    recordFrame(stats) {
      if (disposed) return;
      const key = `${stats.frame}@${stats.startedAt}`;
      const decided = awaitingGpu.get(key);
      if (decided !== undefined) {
        // The second call for a frame: only its GPU time is new.
        if (stats.gpuMs === null) return;
        awaitingGpu.delete(key);
        if (decided) buffer.addGpu(stats.gpuMs);
        return;
      }
      const sampled = random() < sampling;
      if (stats.gpuMs === null) {
        awaitingGpu.set(key, sampled);
        if (awaitingGpu.size > MAX_PENDING_GPU) awaitingGpu.delete(awaitingGpu.keys().next().value!);
      }
      if (!sampled) return;
      buffer.addFrame(stats);
      if (buffer.frames >= batchSize) flush();
    },
    recordError(kind, code) {
      if (disposed) return;
      buffer.addError(kind, code);
    },
    flush() {
      if (!disposed) flush();
    },
    dispose() {
      if (disposed) return;
      flush();
      disposed = true;
      clearTimer(timer);
      awaitingGpu.clear();
    },
  };
}

function sender(options: TelemetryOptions): (batch: TelemetryBatch) => void {
  const { callback, endpoint } = options;
  if (callback) return callback;
  if (!endpoint) throw new TypeError('telemetry: enabled without an endpoint or a callback');
  const navigatorRef = globalThis.navigator as Navigator | undefined;
  const beacon = options.sendBeacon ?? (navigatorRef?.sendBeacon ? (url: string, body: string) => navigatorRef.sendBeacon(url, body) : null);
  if (!beacon) throw new TypeError('telemetry: no sendBeacon in this environment; pass `callback` or `sendBeacon`');
  // A string body goes as text/plain, which needs no CORS preflight. A refused beacon is dropped:
  // telemetry never retries or queues for later.
  return (batch) => void beacon(endpoint, JSON.stringify(batch));
}

/** The aggregates of one batch; raw stats are never kept beyond their numbers. */
class BatchBuffer {
  frames = 0;
  private readonly cpu: number[] = [];
  private readonly gpu: number[] = [];
  private readonly renderers = { webgpu: 0, canvas2d: 0 };
  private readonly lod = { raw: 0, m4: 0 };
  private readonly pointsDrawn: Record<string, number> = {};
  private readonly pointsTotal: Record<string, number> = {};
  private readonly errors = new Map<string, { kind: string; code: string; count: number }>();

  get isEmpty(): boolean {
    return this.frames === 0 && this.gpu.length === 0 && this.errors.size === 0;
  }

  get size(): number {
    let errors = 0;
    for (const entry of this.errors.values()) errors += entry.count;
    return this.frames + errors;
  }

  addFrame(stats: FrameStats): void {
    this.frames++;
    this.cpu.push(stats.cpuMs);
    if (stats.gpuMs !== null) this.gpu.push(stats.gpuMs);
    this.renderers[stats.renderer === 'canvas2d' ? 'canvas2d' : 'webgpu']++;
    this.lod[stats.lod === 'm4' ? 'm4' : 'raw']++;
    increment(this.pointsDrawn, magnitude(stats.pointsDrawn));
    increment(this.pointsTotal, magnitude(stats.totalPoints));
  }

  addGpu(ms: number): void {
    this.gpu.push(ms);
  }

  addError(kind: string, code: string): void {
    let safeKind = IDENTIFIER.test(kind) ? kind : 'invalid';
    let safeCode = IDENTIFIER.test(code) ? code : 'invalid';
    let key = `${safeKind} ${safeCode}`;
    if (!this.errors.has(key) && this.errors.size >= MAX_ERROR_KINDS) {
      safeKind = 'telemetry';
      safeCode = 'too-many-kinds';
      key = `${safeKind} ${safeCode}`;
    }
    const entry = this.errors.get(key) ?? { kind: safeKind, code: safeCode, count: 0 };
    entry.count++;
    this.errors.set(key, entry);
  }

  toBatch(context: { sequence: number; browser: BrowserFamily; sampling: number }): TelemetryBatch {
    return {
      schema: 1,
      library: 'gpu-charts',
      version: LIBRARY_VERSION,
      session: pageSession(),
      sequence: context.sequence,
      browser: context.browser,
      sampling: context.sampling,
      frames: this.frames,
      cpuMs: summarize(this.cpu),
      gpuMs: summarize(this.gpu),
      renderers: { ...this.renderers },
      lod: { ...this.lod },
      pointsDrawn: { ...this.pointsDrawn },
      pointsTotal: { ...this.pointsTotal },
      errors: [...this.errors.values()].map((entry) => ({ ...entry })),
    };
  }
}

function summarize(values: number[]): FrameTimeSummary | null {
  if (values.length === 0) return null;
  const histogram = new Array<number>(FRAME_TIME_BUCKETS_MS.length + 1).fill(0);
  for (const ms of values) {
    const bucket = FRAME_TIME_BUCKETS_MS.findIndex((bound) => ms < bound);
    histogram[bucket === -1 ? FRAME_TIME_BUCKETS_MS.length : bucket]!++;
  }
  return { samples: values.length, p50: round2(percentile(values, 0.5)!), p95: round2(percentile(values, 0.95)!), histogram };
}

/**
 * The order of magnitude of a count ('0', '1e0' for 1–9, '1e1' for 10–99, … '1e9' and above),
 * so that batches say how big data is without saying how many points exactly.
 */
export function magnitude(count: number): string {
  if (!(count >= 1)) return '0';
  return `1e${Math.min(9, Math.floor(Math.log10(count)))}`;
}

/** Maps a user agent string to its family; nothing else of it is kept. */
export function browserFamily(userAgent: string | undefined): BrowserFamily {
  if (!userAgent) return 'unknown';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/Chrome\/|Chromium\/|CriOS\/|Edg\//.test(userAgent)) return 'chromium';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

/** One random id per page load (module instance), shared by every telemetry of the page. */
let session: string | null = null;
function pageSession(): string {
  if (session) return session;
  const bytes = new Uint8Array(8);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  session = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return session;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
