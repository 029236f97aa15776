import type { FrameStats } from './frame-stats.js';

/**
 * The value at fraction `p` (0..1) of `values`, interpolated between the two nearest ranks, or
 * null when there are none. Sorts a copy, so callers keep their order.
 */
export function percentile(values: ArrayLike<number>, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = (sorted.length - 1) * Math.min(Math.max(p, 0), 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

/**
 * The most recent frames of one chart in a fixed ring, so a listener called on every frame
 * allocates nothing. A frame's GPU time arrives in a second call with the same `frame` (the
 * timestamp query is read back later); it fills that frame's slot instead of counting as a new
 * frame.
 */
export class FrameWindow {
  /** The newest stats received (with its GPU time once that arrived), or null. */
  latest: FrameStats | null = null;

  private readonly frame: Float64Array;
  private readonly startedAt: Float64Array;
  private readonly cpuMs: Float64Array;
  /** NaN while the GPU time is unknown. */
  private readonly gpuMs: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity = 256) {
    this.frame = new Float64Array(capacity);
    this.startedAt = new Float64Array(capacity);
    this.cpuMs = new Float64Array(capacity);
    this.gpuMs = new Float64Array(capacity);
  }

  /** Frames held (at most `capacity`). */
  get size(): number {
    return this.filled;
  }

  add(stats: FrameStats): void {
    if (stats.gpuMs !== null) {
      const slot = this.slotOf(stats.frame, stats.startedAt);
      if (slot >= 0) {
        this.gpuMs[slot] = stats.gpuMs;
        if (this.latest?.frame === stats.frame) this.latest = stats;
        return;
      }
    }
    const slot = this.next;
    this.frame[slot] = stats.frame;
    this.startedAt[slot] = stats.startedAt;
    this.cpuMs[slot] = stats.cpuMs;
    this.gpuMs[slot] = stats.gpuMs ?? Number.NaN;
    this.next = (slot + 1) % this.capacity;
    this.filled = Math.min(this.filled + 1, this.capacity);
    this.latest = stats;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
    this.latest = null;
  }

  /** Frames that started after `since` (same clock as FrameStats.startedAt). */
  countSince(since: number): number {
    let n = 0;
    for (let i = 0; i < this.filled; i++) if (this.startedAt[this.slotAt(i)]! > since) n++;
    return n;
  }

  /** Median CPU time of the last `n` frames, or null before the first frame. */
  medianCpuMs(n: number): number | null {
    return percentile(this.recent('cpu', n), 0.5);
  }

  /** Median GPU time of those of the last `n` frames that have one; null when none has. */
  medianGpuMs(n: number): number | null {
    return percentile(this.recent('gpu', n).filter((ms) => !Number.isNaN(ms)), 0.5);
  }

  /** The last `n` CPU or GPU times, oldest first (GPU: NaN where unknown). */
  recent(which: 'cpu' | 'gpu', n: number): number[] {
    const source = which === 'cpu' ? this.cpuMs : this.gpuMs;
    const count = Math.min(n, this.filled);
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) out[i] = source[this.slotAt(this.filled - count + i)]!;
    return out;
  }

  /** Ring slot of the i-th held frame, oldest first. */
  private slotAt(i: number): number {
    return (this.next - this.filled + i + this.capacity) % this.capacity;
  }

  /** Searches newest first: GPU times come back within a few frames. */
  private slotOf(frame: number, startedAt: number): number {
    for (let i = this.filled - 1; i >= 0; i--) {
      const slot = this.slotAt(i);
      if (this.frame[slot] === frame && this.startedAt[slot] === startedAt) return slot;
    }
    return -1;
  }
}
