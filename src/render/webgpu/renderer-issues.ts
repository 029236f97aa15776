import type { ShaderDiagnostic } from './pipeline-cache.js';
import type { PipelineKind } from './primitives/primitive-kind.js';

export interface RendererIssue {
  type: 'out-of-memory' | 'validation' | 'limits' | 'skipped-layers';
  message: string;
  /** out-of-memory: bytes the failing frame asked for. */
  bytes?: number;
  /** skipped-layers: the pipelines whose layers were not drawn. */
  kinds?: PipelineKind[];
}

/** A pipeline that cannot be used, and why (with the compiler's messages when its shader failed). */
export interface PipelineFailure {
  kind: PipelineKind;
  message: string;
  diagnostics: ShaderDiagnostic[];
}

/** What `ready` resolves with: the pipelines that failed (none: everything draws). */
export interface RendererHealth {
  failed: PipelineFailure[];
}

/**
 * Thrown (and caught inside the renderer) when an allocation would take the renderer past its
 * memory budget: the frame is abandoned before anything is created, as after an out-of-memory error.
 */
export class MemoryBudgetRefusal extends Error {}

export function formatBytes(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`;
}
