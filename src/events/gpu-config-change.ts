/** A configuration change was applied (the config file, `config`, an attribute or `updateConfig`). */
export interface GpuConfigChangeDetail {
  /** Dotted paths whose resolved values changed, e.g. `theme`, `quality.msaa`. */
  changedPaths: string[];
  /** The least work the change needed: nothing, uniforms, pipelines, or buffers. */
  work: 'none' | 'uniforms' | 'pipelines' | 'buffers';
  /** Subsystems that were touched, e.g. `theme`, `renderer`, `autotune`. */
  subsystems: string[];
  /** Which layer changed: tier, preset, file, object, attributes, runtime. */
  layer: string;
  /** Time to validate, merge, diff and apply, ms (measured). */
  durationMs: number;
}

/** `gpu-config-change` — bubbles and is composed, so it reaches listeners outside the shadow root. */
export class GpuConfigChangeEvent extends Event {
  static readonly type = 'gpu-config-change';
  readonly detail: Readonly<GpuConfigChangeDetail>;

  constructor(detail: GpuConfigChangeDetail) {
    super('gpu-config-change', { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gpu-config-change': GpuConfigChangeEvent;
  }
}
