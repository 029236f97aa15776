import type { HookName, ShaderIssue } from '../custom-shaders/index.js';

/** Why a custom shader hook is not drawing (the series draws its default colour meanwhile). */
export interface GpuShaderErrorDetail {
  /** The hook's id: the `<gpu-shader>`'s id (else its series id), or the `shaders:` entry's id. */
  id: string;
  /** The series it colours (`for`). */
  for: string;
  hook: HookName;
  /**
   * - 'validate': refused by the sandbox before compiling (bindings, pointers, loops, …);
   * - 'compile': the WGSL compiler refused it (`getCompilationInfo`);
   * - 'watchdog': its frames exceeded the time budget: disabled;
   * - 'unsupported': the Canvas2D fallback draws the chart, and cannot run WGSL (fired once);
   * - 'library': no curated hook has that name.
   */
  phase: 'validate' | 'compile' | 'watchdog' | 'unsupported' | 'library';
  /** The first problem, `line:column: message` when it has a place in the user's text. */
  message: string;
  /** 1-based line and column in the hook's own text (0 when not applicable). */
  line: number;
  column: number;
  /** Every problem found (validation may find several; the compiler may report several). */
  issues: ShaderIssue[];
  /** 'watchdog': the frame time that tripped it, ms, and the budget. */
  frameMs?: number;
  budgetMs?: number;
}

/**
 * `gpu-shader-error` — a custom WGSL hook was refused, failed to compile, was disabled by the
 * watchdog, or cannot run (Canvas2D). Fired from the `<gpu-shader>` element (hooks declared in
 * `shaders:` config: from the chart); bubbles and is composed.
 */
export class GpuShaderErrorEvent extends Event {
  static readonly type = 'gpu-shader-error';
  readonly detail: Readonly<GpuShaderErrorDetail>;

  constructor(detail: GpuShaderErrorDetail) {
    super('gpu-shader-error', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-shader-error': GpuShaderErrorEvent;
  }
}
