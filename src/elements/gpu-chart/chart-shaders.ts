import type { ChartModel } from '../../core/chart-model.js';
import type { SeriesShaderHook } from '../../core/shader-hooks.js';
import type { ShaderConfig } from '../../config/schema.js';
import { DEFAULT_HOOK_BUDGET_MS, HookWatchdog, formatShaderIssue, isHookName, libraryHook, validateHook, type HookName, type ShaderIssue } from '../../custom-shaders/index.js';
import { GpuShaderErrorEvent, type GpuShaderErrorDetail } from '../../events/gpu-shader-error.js';
import { GpuShaderReadyEvent } from '../../events/gpu-shader-ready.js';
import type { Renderer } from '../../render/renderer.js';
import type { HookCompileReport, HookFrameReport } from '../../render/webgpu/hooks/renderer-hooks.js';
import type { WebGpuRenderer } from '../../render/webgpu/webgpu-renderer.js';
import type { GpuShader } from '../gpu-shader/gpu-shader.js';

/** Where a hook stands, as `chart.shaderStatus` reports it. */
export interface ShaderHookStatus {
  id: string;
  for: string;
  hook: HookName;
  /**
   * - 'pending': valid, waiting to be compiled (or drawn: nothing of its kind on screen yet);
   * - 'active': compiled, drawn with it;
   * - 'error': refused or failed to compile (the series draws its default colour);
   * - 'disabled': disabled by the watchdog, or by the `disabled` attribute / `enabled: false`;
   * - 'unsupported': the Canvas2D fallback draws the chart.
   */
  state: 'pending' | 'active' | 'error' | 'disabled' | 'unsupported';
  message: string | null;
}

/** One hook as declared (a `<gpu-shader>` child or a `shaders:` entry). */
interface Declared {
  id: string;
  for: string;
  hook: string;
  source: string | null;
  library: string | null;
  budgetMs: number;
  enabled: boolean;
  element: GpuShader | null;
}

/** A hook that passed validation: what the model attaches and how to report about it. */
interface Live extends SeriesShaderHook {
  for: string;
  budgetMs: number;
  element: GpuShader | null;
  state: ShaderHookStatus['state'];
  message: string | null;
  readyKinds: Set<string>;
}

/** What the controller needs from its chart. */
export interface ShadersHost extends EventTarget {
  readonly isConnected: boolean;
}

/**
 * The chart's custom WGSL hooks: `<gpu-shader>` children and `shaders:` config entries, validated
 * by the sandbox (custom-shaders/validate.ts) before anything is compiled, handed to the model
 * (which attaches them to the series' layers) and to the WebGPU renderer (which compiles and draws
 * them, or keeps the default pipeline). Reports every refusal, compile error, watchdog trip and
 * the Canvas2D fallback as `gpu-shader-error`; a successful compile as `gpu-shader-ready`.
 * Everything is per chart: another chart's hooks and pictures are untouched.
 */
export class ChartShaders {
  private readonly elements = new Set<GpuShader>();
  private configured: readonly ShaderConfig[] = [];
  private live = new Map<string, Live>();
  /** Hook (id + source key) pairs that failed to compile or tripped the watchdog: not attached again. */
  private readonly dead = new Map<string, { state: 'error' | 'disabled'; message: string }>();
  /** Reported problems (id → signature) so that each is said once, until the hook changes. */
  private readonly reported = new Map<string, string>();
  private readonly watchdog = new HookWatchdog();
  private renderer: Renderer | null = null;
  private unsupportedFor: Renderer | null = null;
  private scheduled = false;

  constructor(
    private readonly host: ShadersHost,
    private readonly model: ChartModel,
    private readonly invalidate: () => void,
  ) {}

  add(shader: GpuShader): void {
    this.elements.add(shader);
    this.schedule();
  }

  remove(shader: GpuShader): void {
    if (this.elements.delete(shader)) this.schedule();
  }

  changed(): void {
    this.schedule();
  }

  setConfigured(items: readonly ShaderConfig[]): void {
    this.configured = items;
    this.rebuild();
  }

  /** Every declared hook's state. */
  get statuses(): ShaderHookStatus[] {
    return [...this.live.values()].map((h) => ({ id: h.id, for: h.for, hook: h.hook, state: h.state, message: h.message }));
  }

  /** The renderer changed: hooks follow it (WebGPU compiles them; Canvas2D cannot, and says so once). */
  rendererChanged(renderer: Renderer | null): void {
    if (this.renderer && this.renderer !== renderer && isWebGpu(this.renderer)) {
      this.renderer.hooks.compileListener = null;
      this.renderer.hooks.frameListener = null;
    }
    this.renderer = renderer;
    if (isWebGpu(renderer)) {
      renderer.hooks.compileListener = (report) => this.compiled(report);
      renderer.hooks.frameListener = (report) => this.measured(report);
      // A new renderer compiles again: what was active is pending until it reports.
      for (const h of this.live.values()) {
        h.readyKinds.clear();
        if (h.state === 'active' || h.state === 'unsupported') this.setState(h, 'pending', null);
      }
    }
    this.checkUnsupported();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      if (this.scheduled) this.rebuild();
    });
  }

  /** Validates every declared hook and hands the valid ones to the model. */
  private rebuild(): void {
    this.scheduled = false;
    const live = new Map<string, Live>();
    for (const declared of this.declared()) {
      const previous = this.live.get(declared.id);
      const report = (detail: Omit<GpuShaderErrorDetail, 'id' | 'for' | 'hook'>) => this.report(declared, detail);
      if (!declared.for) {
        report(issueDetail('validate', [{ code: 'signature', message: 'the hook names no series: set `for` to a series id', line: 0, column: 0 }]));
        continue;
      }
      if (!isHookName(declared.hook)) {
        report(issueDetail('validate', [{ code: 'signature', message: `unknown hook "${declared.hook}" (expected color | colormap)`, line: 0, column: 0 }]));
        continue;
      }
      let source = declared.source;
      if (declared.library) {
        const entry = libraryHook(declared.library);
        if (!entry) {
          report(issueDetail('library', [{ code: 'signature', message: `no library hook is named "${declared.library}"`, line: 0, column: 0 }]));
          continue;
        }
        if (entry.hook !== declared.hook) {
          report(issueDetail('library', [{ code: 'signature', message: `the library hook "${entry.name}" is a ${entry.hook} hook, not ${declared.hook}`, line: 0, column: 0 }]));
          continue;
        }
        source = entry.wgsl;
      }
      const validation = validateHook(source ?? '', declared.hook);
      // `in`, not `!ok`: the tests' non-strict type check does not narrow on a boolean discriminant.
      if ('issues' in validation) {
        report(issueDetail('validate', validation.issues));
        continue;
      }
      const key = `${declared.hook}:${hashString(validation.source)}`;
      const base = { id: declared.id, hook: declared.hook, source: validation.source, key, for: declared.for, budgetMs: declared.budgetMs, element: declared.element };
      if (previous?.key !== key) this.watchdog.reset(declared.id);
      const dead = this.dead.get(`${declared.id}|${key}`);
      const state: Live['state'] = !declared.enabled ? 'disabled' : dead ? dead.state : previous?.key === key ? previous.state : 'pending';
      live.set(declared.id, { ...base, state, message: !declared.enabled ? 'disabled' : (dead?.message ?? (previous?.key === key ? previous.message : null)), readyKinds: previous?.key === key ? previous.readyKinds : new Set() });
      // A valid source clears what was reported about an earlier one.
      if (previous?.key !== key) this.reported.delete(declared.id);
    }
    this.live = live;
    this.publish();
    this.checkUnsupported();
  }

  /** Every declared hook: config entries first, then children (a child wins over a config entry of its id). */
  private declared(): Declared[] {
    const byId = new Map<string, Declared>();
    for (const item of this.configured) {
      byId.set(item.id, {
        id: item.id,
        for: item.for,
        hook: item.hook ?? 'color',
        source: item.wgsl ?? null,
        library: item.library ?? null,
        budgetMs: item.budgetMs ?? DEFAULT_HOOK_BUDGET_MS,
        enabled: item.enabled !== false,
        element: null,
      });
    }
    for (const element of this.elements) {
      const budget = element.budgetMs;
      byId.set(element.hookId, {
        id: element.hookId,
        for: element.for,
        hook: element.hook,
        source: element.source,
        library: element.library || null,
        budgetMs: typeof budget === 'number' && budget > 0 ? budget : DEFAULT_HOOK_BUDGET_MS,
        enabled: !element.disabled,
        element,
      });
    }
    return [...byId.values()];
  }

  /** The hooks drawn (valid, enabled, not failed or disabled) by series id, to the model. */
  private publish(): void {
    const bySeries = new Map<string, SeriesShaderHook[]>();
    for (const h of this.live.values()) {
      if (h.state === 'error' || h.state === 'disabled') continue;
      const list = bySeries.get(h.for) ?? [];
      list.push({ id: h.id, hook: h.hook, source: h.source, key: h.key });
      bySeries.set(h.for, list);
    }
    this.model.shaderHooks = bySeries;
    this.invalidate();
  }

  private compiled(report: HookCompileReport): void {
    const h = this.live.get(report.id);
    if (!h || h.key !== report.key) return;
    if (report.ok) {
      if (h.readyKinds.has(report.kind)) return;
      h.readyKinds.add(report.kind);
      if (h.state === 'pending') this.setState(h, 'active', null);
      this.target(h).dispatchEvent(new GpuShaderReadyEvent({ id: h.id, for: h.for, hook: h.hook, kinds: [...h.readyKinds].sort() }));
      this.invalidate();
      return;
    }
    const detail = issueDetail('compile', report.issues);
    this.dead.set(`${h.id}|${h.key}`, { state: 'error', message: detail.message });
    this.setState(h, 'error', detail.message);
    this.report(h, detail);
    this.publish();
  }

  private measured(report: HookFrameReport): void {
    const tripped = this.watchdog.record(report.ids, report.ms, (id) => this.live.get(id)?.budgetMs ?? DEFAULT_HOOK_BUDGET_MS);
    if (tripped.length === 0) return;
    for (const id of tripped) {
      const h = this.live.get(id);
      if (!h) continue;
      const message = `disabled by the watchdog: frames drawn with it took ${report.ms.toFixed(2)} ms (${report.source === 'wall' ? 'wall time' : 'GPU time'}), over its budget of ${h.budgetMs} ms`;
      this.dead.set(`${h.id}|${h.key}`, { state: 'disabled', message });
      this.setState(h, 'disabled', message);
      this.report(h, { phase: 'watchdog', message, line: 0, column: 0, issues: [], frameMs: report.ms, budgetMs: h.budgetMs });
    }
    this.publish();
  }

  /** On Canvas2D, hooks cannot run: say so once per fallback renderer (the series draw default colours). */
  private checkUnsupported(): void {
    const renderer = this.renderer;
    if (!renderer || renderer.kind !== 'canvas2d') return;
    const hooks = [...this.live.values()].filter((h) => h.state !== 'error' && h.state !== 'disabled');
    for (const h of hooks) this.setState(h, 'unsupported', 'the Canvas2D fallback cannot run WGSL: default colours');
    if (hooks.length === 0 || this.unsupportedFor === renderer) return;
    this.unsupportedFor = renderer;
    const first = hooks[0]!;
    const message = `the chart is drawn by the Canvas2D fallback, which cannot run WGSL: ${hooks.length} shader hook${hooks.length > 1 ? 's draw' : ' draws'} the default colours (${hooks.map((h) => h.id).join(', ')})`;
    this.host.dispatchEvent(new GpuShaderErrorEvent({ id: first.id, for: first.for, hook: first.hook, phase: 'unsupported', message, line: 0, column: 0, issues: [] }));
  }

  private setState(h: Live, state: Live['state'], message: string | null): void {
    h.state = state;
    h.message = message;
  }

  private report(h: { id: string; for: string; hook: string; element: GpuShader | null }, detail: Omit<GpuShaderErrorDetail, 'id' | 'for' | 'hook'>): void {
    const signature = `${detail.phase}|${detail.message}`;
    if (this.reported.get(h.id) === signature) return;
    this.reported.set(h.id, signature);
    const hook = (isHookName(h.hook) ? h.hook : 'color') as HookName;
    this.target(h).dispatchEvent(new GpuShaderErrorEvent({ id: h.id, for: h.for, hook, ...detail }));
  }

  /** Events about a child hook come from the child (they bubble through the chart); config hooks' from the chart. */
  private target(h: { element: GpuShader | null }): EventTarget {
    return h.element?.isConnected ? h.element : this.host;
  }
}

function isWebGpu(renderer: Renderer | null): renderer is WebGpuRenderer {
  return renderer?.kind === 'webgpu' && 'hooks' in renderer;
}

function issueDetail(phase: GpuShaderErrorDetail['phase'], issues: ShaderIssue[]): Omit<GpuShaderErrorDetail, 'id' | 'for' | 'hook'> {
  const first = issues[0] ?? { code: 'compile', message: 'unknown error', line: 0, column: 0 };
  return { phase, message: formatShaderIssue(first), line: first.line, column: first.column, issues };
}

/** FNV-1a over the source: a short key that changes with it (pipelines are cached by the full text anyway). */
function hashString(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16)}-${text.length}`;
}
