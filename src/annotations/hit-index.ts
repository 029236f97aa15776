import { lowerBound } from './prepared.js';
import type { Annotation } from './types.js';

/**
 * A spatial index of annotations along time, so that hovering over 10,000 markers tests a handful
 * instead of scanning them all: point kinds (markers, vlines) sorted by time and found by binary
 * search; two-point kinds by their start time, searched back by the longest span; kinds that reach
 * the pane edges (hline, ray) or whose extent is a label (text) are always candidates. Built from
 * one list (rebuild it when the list changes); editable, visible annotations only.
 */
export class HitIndex {
  private readonly pointTimes: Float64Array;
  private readonly pointIds: Int32Array;
  private readonly spanStarts: Float64Array;
  private readonly spanEnds: Float64Array;
  private readonly spanIds: Int32Array;
  private readonly maxSpan: number;
  private readonly always: number[] = [];
  /** The largest marker size or stroke width, CSS px (how far a drawing reaches past its times). */
  readonly maxExtent: number;

  constructor(readonly annotations: readonly Annotation[]) {
    const points: [number, number][] = [];
    const spans: [number, number, number][] = [];
    let maxSize = 0;
    annotations.forEach((a, i) => {
      if (!a.visible || !a.editable) return;
      if (a.kind === 'hline' || a.kind === 'ray' || a.kind === 'text') {
        this.always.push(i);
        return;
      }
      maxSize = Math.max(maxSize, a.kind === 'marker' ? a.size : 0, a.width);
      let lo = Infinity;
      let hi = -Infinity;
      for (const p of a.points) {
        lo = Math.min(lo, p.time);
        hi = Math.max(hi, p.time);
      }
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) this.always.push(i);
      else if (lo === hi) points.push([lo, i]);
      else spans.push([lo, hi, i]);
    });
    points.sort((p, q) => p[0] - q[0]);
    spans.sort((p, q) => p[0] - q[0]);
    this.pointTimes = Float64Array.from(points, (p) => p[0]);
    this.pointIds = Int32Array.from(points, (p) => p[1]);
    this.spanStarts = Float64Array.from(spans, (s) => s[0]);
    this.spanEnds = Float64Array.from(spans, (s) => s[1]);
    this.spanIds = Int32Array.from(spans, (s) => s[2]);
    this.maxSpan = spans.reduce((m, s) => Math.max(m, s[1] - s[0]), 0);
    this.maxExtent = maxSize;
  }

  /**
   * Indices (into the list) of the annotations that may reach times [t0, t1], topmost (last drawn)
   * first: everything else lies wholly before or after that window.
   */
  candidates(t0: number, t1: number): number[] {
    const out = [...this.always];
    const lo = Math.min(t0, t1);
    const hi = Math.max(t0, t1);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      // No time window (an axis that cannot say): everything is a candidate.
      for (const i of this.pointIds) out.push(i);
      for (const i of this.spanIds) out.push(i);
    } else {
      for (let k = lowerBound(this.pointTimes, this.pointTimes.length, lo); k < this.pointTimes.length && this.pointTimes[k]! <= hi; k++) out.push(this.pointIds[k]!);
      for (let k = lowerBound(this.spanStarts, this.spanStarts.length, lo - this.maxSpan); k < this.spanStarts.length && this.spanStarts[k]! <= hi; k++) {
        if (this.spanEnds[k]! >= lo) out.push(this.spanIds[k]!);
      }
    }
    return out.sort((a, b) => b - a);
  }
}
