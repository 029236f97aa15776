import type { ChartModel } from '../../core/chart-model.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { ShaderConfig } from '../../config/schema.js';
import type { Renderer } from '../../render/renderer.js';
import type { GpuShader } from '../gpu-shader/gpu-shader.js';
import { loadShaderSandbox } from '../shader-sandbox.js';
import type { ChartShaders, ShaderHookStatus, ShadersHost } from './chart-shaders.js';

/** What the loader needs from its chart. */
export interface LazyShadersHost extends ShadersHost {
  reportConfigIssues(issues: ConfigIssue[]): void;
}

/**
 * The chart's side of custom WGSL hooks, loaded on first use: the real controller (ChartShaders,
 * with the validator) is in the shader sandbox chunk. Until a `<gpu-shader>` child or a `shaders:`
 * entry appears nothing is loaded; then what was declared meanwhile is handed over once it has.
 * A chunk that fails to load is reported as `gpu-config-error` (path `shaders`); the hooks are
 * then not drawn (the series keep their default colours), and the next declared hook tries again.
 */
export class LazyChartShaders {
  private real: ChartShaders | null = null;
  private loading = false;
  /** Why the last load failed (statuses say it), or null. */
  private failure: string | null = null;
  private readonly elements = new Set<GpuShader>();
  private configured: readonly ShaderConfig[] = [];
  private renderer: Renderer | null = null;

  constructor(
    private readonly host: LazyShadersHost,
    private readonly model: ChartModel,
    private readonly invalidate: () => void,
  ) {}

  add(shader: GpuShader): void {
    if (this.real) return this.real.add(shader);
    this.elements.add(shader);
    this.load();
  }

  remove(shader: GpuShader): void {
    if (this.real) return this.real.remove(shader);
    this.elements.delete(shader);
  }

  changed(): void {
    // Before the chunk has loaded there is nothing validated to redo: it reads the children when it lands.
    this.real?.changed();
  }

  setConfigured(items: readonly ShaderConfig[]): void {
    if (this.real) return this.real.setConfigured(items);
    this.configured = items;
    if (items.length > 0) this.load();
  }

  /** Every declared hook's state; while the sandbox loads, each declared one is 'pending'. */
  get statuses(): ShaderHookStatus[] {
    if (this.real) return this.real.statuses;
    const pending = new Map<string, ShaderHookStatus>();
    const status = (id: string, target: string, hook: string): ShaderHookStatus => ({ id, for: target, hook: hook === 'colormap' ? 'colormap' : 'color', ...(this.failure ? { state: 'error', message: this.failure } : { state: 'pending', message: 'loading the shader sandbox' }) });
    for (const item of this.configured) pending.set(item.id, status(item.id, item.for, item.hook ?? 'color'));
    for (const element of this.elements) pending.set(element.hookId, status(element.hookId, element.for, element.hook));
    return [...pending.values()];
  }

  rendererChanged(renderer: Renderer | null): void {
    if (this.real) return this.real.rendererChanged(renderer);
    this.renderer = renderer;
  }

  private load(): void {
    if (this.loading) return;
    this.loading = true;
    loadShaderSandbox().then(
      (sandbox) => {
        const real = new sandbox.ChartShaders(this.host, this.model, this.invalidate);
        this.real = real;
        this.failure = null;
        real.rendererChanged(this.renderer);
        for (const element of this.elements) real.add(element);
        if (this.configured.length > 0) real.setConfigured(this.configured);
        this.elements.clear();
      },
      (error: unknown) => {
        this.loading = false;
        const reason = error instanceof Error ? error.message : String(error);
        this.failure = `the shader sandbox could not be loaded (${reason})`;
        const ids = this.statuses.map((s) => s.id).join(', ');
        this.host.reportConfigIssues([{ path: 'shaders', message: `${this.failure}: the hooks ${ids} are not drawn`, source: 'lazy-chunk' }]);
      },
    );
  }
}
