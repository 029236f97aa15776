import type { OwnerAllocations } from './gpu-allocations.js';
import type { RendererLimits } from './limits.js';
import type { PipelineCache } from './pipeline-cache.js';
import type { ShaderName } from './primitives/primitive-kind.js';
import type { RendererIssue } from './renderer-issues.js';

/** Where frames go: a canvas context in a page, or an offscreen texture (Node + Dawn, tests). */
export type RenderTarget =
  | { kind: 'canvas'; context: GPUCanvasContext; format: GPUTextureFormat }
  | { kind: 'offscreen'; format: GPUTextureFormat; width: number; height: number };

export interface WebGpuRendererOptions {
  device: GPUDevice;
  pipelines: PipelineCache;
  allocations: OwnerAllocations;
  target: RenderTarget;
  /** 1 or 4. */
  sampleCount?: number;
  /** Measure GPU time with timestamp queries where the device has them (default true). */
  timeGpu?: boolean;
  /** Caps on the device's limits (tests: a "small" device; see limits.ts). */
  limits?: Partial<RendererLimits> | null;
  /** Replacement WGSL sources (tests: a broken shader). */
  shaders?: Partial<Record<ShaderName, string>> | null;
  /**
   * Most bytes of GPU memory this renderer may hold (its allocations ledger: buffers, targets,
   * timer). An allocation that would go past it is refused before anything is created and handled
   * like an out-of-memory error: the frame's resources are dropped and an 'out-of-memory' issue is
   * reported, so the caller degrades as it would after a real one. Default: no budget.
   */
  memoryBudgetBytes?: number | null;
  /**
   * Hears of problems found after the fact (asynchronously, from error scopes) or that a frame
   * could not be drawn as asked: out of memory, validation errors, limits, layers left out
   * because their pipeline failed. The renderer has already done what it can (dropped its
   * resources after an out-of-memory error, skipped what it cannot draw); the caller decides
   * whether to degrade quality or change renderer.
   */
  onIssue?: (issue: RendererIssue) => void;
}

