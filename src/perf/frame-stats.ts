/** Measured cost and content of one frame of a chart. Every figure is a measurement. */
export interface FrameStats {
  /** Frame number (the chart's frameCount after this frame). */
  frame: number;
  /** performance.now() when the frame started. */
  startedAt: number;
  /** CPU time of the whole frame: scene building (level of detail included), encoding, submit. */
  cpuMs: number;
  /** Part of cpuMs spent building the scene (level of detail, points, ticks). */
  sceneMs: number;
  /** Part of cpuMs spent by the renderer (upload, encode, submit). */
  renderMs: number;
  /**
   * GPU time from timestamp queries, or null where the adapter has none. Arrives a little after
   * the frame (the query is read back asynchronously): see `onGpuTime`.
   */
  gpuMs: number | null;
  /** Points sent to the GPU (after level of detail). */
  pointsDrawn: number;
  /** Data points inside the window. */
  visiblePoints: number;
  /** Data points held by the chart. */
  totalPoints: number;
  /** 'm4' when decimated, 'raw' when every visible point is drawn. */
  lod: 'raw' | 'm4';
  /** Which renderer drew it. */
  renderer: 'webgpu' | 'canvas2d';
  /** Bytes of GPU memory (or canvas memory for Canvas2D) the chart holds. */
  memoryBytes: number;
  /**
   * For back-to-back frames (this one started less than 1.5 refreshes after the previous one
   * ended: the page wants frames as fast as they come), the time since the previous frame
   * started: what a frame really costs, presentation and deferred rasterization included. Else null.
   */
  intervalMs?: number | null;
}

export type FrameListener = (stats: FrameStats) => void;
