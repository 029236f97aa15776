import type { FrameListener, FrameStats } from './frame-stats.js';

/** Anything that reports its frames the way `<gpu-chart>` does. */
export interface FrameSource {
  onFrame(listener: FrameListener): () => void;
}

export interface ProfileOptions {
  /** Clock of FrameStats.startedAt (default `performance.now`). */
  now?: () => number;
  /** Default `globalThis.setTimeout`; tests pass a fake one. */
  setTimeout?: (callback: () => void, ms: number) => unknown;
  /**
   * How long to keep listening after the window closes for GPU times of frames inside it (they
   * are read back asynchronously), in ms. Default 250. No new frames are recorded meanwhile.
   */
  settleMs?: number;
}

/** A complete event: a span on a track (ts and dur in µs). */
export interface TraceCompleteEvent {
  ph: 'X';
  name: 'frame' | 'scene' | 'render' | 'gpu';
  cat: 'cpu' | 'gpu';
  pid: number;
  tid: number;
  ts: number;
  dur: number;
  args: Record<string, number | string>;
}

/** A counter sample: each key of `args` is one series of the counter track. */
export interface TraceCounterEvent {
  ph: 'C';
  name: 'points' | 'memory';
  pid: number;
  tid: number;
  ts: number;
  args: Record<string, number>;
}

/** Names and orders processes and threads in the viewer. */
export interface TraceMetadataEvent {
  ph: 'M';
  name: 'process_name' | 'thread_name' | 'thread_sort_index';
  pid: number;
  tid: number;
  ts: 0;
  args: { name: string } | { sort_index: number };
}

export type TraceEvent = TraceCompleteEvent | TraceCounterEvent | TraceMetadataEvent;

/** Chrome Trace Event Format (JSON object form): opens in Perfetto and chrome://tracing. */
export interface TraceDocument {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  metadata: {
    source: 'gpu-charts';
    /** The requested window, ms. */
    durationMs: number;
    /** Value of `now()` at the start; every `ts` is µs after it. */
    clockOriginMs: number;
    frames: number;
    framesWithGpuTime: number;
    renderers: string[];
  };
}

const PID = 1;
const CPU_TID = 1;
const GPU_TID = 2;

/**
 * Records the frames `target` draws during `ms` milliseconds and returns them as a Chrome trace.
 * Only frames that start inside the window are kept. Pure: no DOM, the clock and timer can be
 * injected.
 */
export function recordProfile(target: FrameSource, ms: number, options: ProfileOptions = {}): Promise<TraceDocument> {
  if (!(ms >= 0) || !Number.isFinite(ms)) return Promise.reject(new RangeError(`recordProfile: ms must be a finite number >= 0, got ${ms}`));
  const now = options.now ?? (() => performance.now());
  const wait = options.setTimeout ?? ((callback: () => void, delay: number) => globalThis.setTimeout(callback, delay));
  const settleMs = options.settleMs ?? 250;
  const origin = now();
  const frames = new Map<number, FrameStats>();
  let open = true;

  const unsubscribe = target.onFrame((stats) => {
    const known = frames.get(stats.frame);
    // A second call for a frame carries its GPU time; it only completes a frame already kept.
    if (known) {
      if (stats.gpuMs !== null && known.startedAt === stats.startedAt) frames.set(stats.frame, stats);
      return;
    }
    if (open && stats.startedAt >= origin) frames.set(stats.frame, stats);
  });

  return new Promise((resolve) => {
    wait(() => {
      open = false;
      wait(() => {
        unsubscribe();
        resolve(toTrace([...frames.values()], origin, ms));
      }, settleMs);
    }, ms);
  });
}

/** Builds the trace document from frames already collected (also useful for tests and tools). */
export function toTrace(frames: readonly FrameStats[], origin: number, durationMs: number): TraceDocument {
  const traceEvents: TraceEvent[] = [
    metadata('process_name', CPU_TID, { name: 'gpu-chart' }),
    metadata('thread_name', CPU_TID, { name: 'CPU (main thread)' }),
    metadata('thread_sort_index', CPU_TID, { sort_index: 0 }),
    metadata('thread_name', GPU_TID, { name: 'GPU' }),
    metadata('thread_sort_index', GPU_TID, { sort_index: 1 }),
  ];
  const sorted = [...frames].sort((a, b) => a.startedAt - b.startedAt);
  let gpuFreeAt = Number.NEGATIVE_INFINITY;
  for (const stats of sorted) {
    const events = frameEvents(stats, origin, gpuFreeAt);
    const gpu = events.find((event) => event.name === 'gpu') as TraceCompleteEvent | undefined;
    if (gpu) gpuFreeAt = gpu.ts + gpu.dur;
    traceEvents.push(...events);
  }
  return {
    traceEvents,
    displayTimeUnit: 'ms',
    metadata: {
      source: 'gpu-charts',
      durationMs,
      clockOriginMs: origin,
      frames: sorted.length,
      framesWithGpuTime: sorted.filter((f) => f.gpuMs !== null).length,
      renderers: [...new Set(sorted.map((f) => f.renderer))],
    },
  };
}

/** `gpuFreeAt`: end (µs) of the previous frame's GPU span, since one queue runs them in order. */
function frameEvents(stats: FrameStats, origin: number, gpuFreeAt: number): TraceEvent[] {
  const ts = micros(stats.startedAt - origin);
  const dur = micros(stats.cpuMs);
  // Measurements taken with separate clock reads can overshoot their parent by rounding; clamping
  // keeps `scene` and `render` inside `frame`, which the viewers need to nest them.
  const sceneDur = Math.min(micros(stats.sceneMs), dur);
  const renderDur = Math.max(0, Math.min(micros(stats.renderMs), dur - sceneDur));
  const events: TraceEvent[] = [
    {
      ph: 'X', name: 'frame', cat: 'cpu', pid: PID, tid: CPU_TID, ts, dur,
      args: { frame: stats.frame, renderer: stats.renderer, lod: stats.lod, pointsDrawn: stats.pointsDrawn, visiblePoints: stats.visiblePoints, totalPoints: stats.totalPoints },
    },
    { ph: 'X', name: 'scene', cat: 'cpu', pid: PID, tid: CPU_TID, ts, dur: sceneDur, args: { frame: stats.frame, lod: stats.lod } },
    { ph: 'X', name: 'render', cat: 'cpu', pid: PID, tid: CPU_TID, ts: ts + sceneDur, dur: renderDur, args: { frame: stats.frame } },
  ];
  if (stats.gpuMs !== null) {
    // Timestamp queries measure how long the GPU worked, not when it started: the span is placed
    // at submit (the end of the CPU frame), the earliest it could have started, or after the
    // previous frame's GPU work when that was still running (one queue, in order; it also keeps
    // spans on the track from overlapping, which the viewers need).
    const submit = ts + dur;
    const queued = gpuFreeAt > submit;
    events.push({
      ph: 'X', name: 'gpu', cat: 'gpu', pid: PID, tid: GPU_TID, ts: queued ? gpuFreeAt : submit, dur: micros(stats.gpuMs),
      args: { frame: stats.frame, placement: queued ? 'after-previous-gpu-frame' : 'submit' },
    });
  }
  events.push(
    { ph: 'C', name: 'points', pid: PID, tid: CPU_TID, ts, args: { drawn: stats.pointsDrawn, visible: stats.visiblePoints } },
    { ph: 'C', name: 'memory', pid: PID, tid: CPU_TID, ts, args: { bytes: stats.memoryBytes } },
  );
  return events;
}

function metadata(name: TraceMetadataEvent['name'], tid: number, args: TraceMetadataEvent['args']): TraceMetadataEvent {
  return { ph: 'M', name, pid: PID, tid, ts: 0, args };
}

/** ms → µs, rounded to ns so that JSON stays short and sums stay exact enough to nest. */
function micros(ms: number): number {
  return Math.round(ms * 1e6) / 1e3;
}
