import primitivesWgsl from '../../../../shaders/primitives.wgsl';
import markersWgsl from '../../../../shaders/markers.wgsl';
import rectsWgsl from '../../../../shaders/rects.wgsl';
import gridWgsl from '../../../../shaders/grid.wgsl';
import densityWgsl from '../../../../shaders/density.wgsl';
import type { LayerShaderHook } from '../../../core/scene/frame-scene.js';
// Not the custom-shaders barrel: the renderer needs only the line mapping here; composing a module
// (the templates' hook parts) is in hook-compose.ts, a lazy chunk with the shader sandbox.
import { mapToUserText, type HookTemplate } from '../../../custom-shaders/templates.js';
import type { BuiltinSources, composeHook } from './hook-compose.js';
import type { ShaderIssue } from '../../../custom-shaders/errors.js';
import { PREMULTIPLIED_BLEND, type PipelineContext } from '../primitives/primitive-kind.js';

/** Layer kinds a hook can colour, and the template each takes. */
export type HookedKind = 'line' | 'area' | 'markers' | 'rects' | 'band' | 'grid' | 'density';
export const TEMPLATE_OF: Readonly<Record<HookedKind, HookTemplate>> = { line: 'points', area: 'points', markers: 'markers', rects: 'rects', band: 'band', grid: 'grid', density: 'density' };

/** The render entry points of each hooked render template. */
const ENTRY_POINTS: Readonly<Record<Exclude<HookedKind, 'markers'>, readonly [vertex: string, fragment: string]>> = {
  line: ['vs_line_hook', 'fs_hook'],
  area: ['vs_area_hook', 'fs_hook'],
  rects: ['vs_rect_hook', 'fs_rect_hook'],
  band: ['vs_band_hook', 'fs_band_hook'],
  grid: ['vs_grid', 'fs_grid'],
  density: ['vs_density', 'fs_density'],
};

/** What a hook's compilation for one layer kind came to (reported once per source and kind). */
export interface HookCompileReport {
  id: string;
  key: string;
  hook: LayerShaderHook['hook'];
  kind: HookedKind;
  ok: boolean;
  /** Compiler errors, placed in the user's text (line 0: in the template). */
  issues: ShaderIssue[];
}

/** A hooked pipeline: the render pipeline to draw with (null: the kind's own) and the compute one (markers). */
export interface HookPipeline {
  render: GPURenderPipeline | null;
  compute: GPUComputePipeline | null;
  /** True when the pipeline layout has the hook's group 1 (every colour-hook kind). */
  usesGroup: boolean;
}

interface Entry {
  state: 'pending' | 'ready' | 'failed';
  pipeline: HookPipeline;
  /** What the cache holds for it (forgotten when the hook is edited). */
  label: string;
  code: string;
  pipelineKey: string;
}

/**
 * Hooked pipelines, built on first use from the template of the layer's kind with the user's
 * hook spliced in (custom-shaders/templates.ts), through the device's PipelineCache
 * (checkedPipeline: own error scope, getCompilationInfo). A pipeline is used only once its check
 * passed; until then, and for ever if it failed, the layer is drawn with its kind's default
 * pipeline. The group-0 bind group layouts are the default kinds' (the hooked pipeline reads the
 * same buffers); the colour-hook kinds add group 1 (HookParams, and line distances or rectangle
 * inputs).
 */
export class HookPipelines {
  private readonly entries = new Map<string, Entry>();
  /** Hears of every compilation's outcome. */
  listener: ((report: HookCompileReport) => void) | null = null;
  private disposed = false;

  constructor(
    private readonly context: PipelineContext,
    private readonly layouts: Readonly<Record<HookedKind, GPUBindGroupLayout>>,
  ) {}

  /**
   * The group-1 layout of line/area hooks (params + distances) and of rects hooks (params + one
   * input row per rectangle): a uniform and a vertex-stage storage buffer.
   */
  get pointsGroupLayout(): GPUBindGroupLayout {
    return this.context.cache.bindGroupLayout('hook-points', () => ({
      label: 'gpu-charts hook (points)',
      entries: [
        { binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } },
        { binding: 1, visibility: GPUShaderStage.VERTEX, buffer: { type: 'read-only-storage' } },
      ],
    }));
  }

  /** The group-1 layout of band hooks: the params alone. */
  get paramsGroupLayout(): GPUBindGroupLayout {
    return this.context.cache.bindGroupLayout('hook-params', () => ({
      label: 'gpu-charts hook (params)',
      entries: [{ binding: 0, visibility: GPUShaderStage.VERTEX | GPUShaderStage.FRAGMENT, buffer: { type: 'uniform' } }],
    }));
  }

  /** The group-1 layout of marker hooks: the params, in the splat's compute pass. */
  get markersGroupLayout(): GPUBindGroupLayout {
    return this.context.cache.bindGroupLayout('hook-markers', () => ({
      label: 'gpu-charts hook (markers)',
      entries: [{ binding: 0, visibility: GPUShaderStage.COMPUTE, buffer: { type: 'uniform' } }],
    }));
  }

  /** The pipeline to draw `kind` with under `hook`, or null while it compiles or after it failed. */
  pipeline(kind: HookedKind, hook: LayerShaderHook): HookPipeline | null {
    // By the full source, not only its short key: two sources must never share a pipeline.
    const key = `${kind}|${hook.id}|${hook.source}`;
    let entry = this.entries.get(key);
    if (!entry) {
      // An edited hook: its earlier versions (of this kind) are dropped here and from the cache.
      const prefix = `${kind}|${hook.id}|`;
      for (const [oldKey, old] of [...this.entries]) {
        if (!oldKey.startsWith(prefix)) continue;
        this.entries.delete(oldKey);
        this.context.cache.forget(old.label, old.code, [old.pipelineKey]);
      }
      entry = this.build(kind, hook, key);
      this.entries.set(key, entry);
    }
    return entry.state === 'ready' ? entry.pipeline : null;
  }

  dispose(): void {
    this.disposed = true;
    this.entries.clear();
  }

  private builtins(): BuiltinSources {
    const shaders = this.context.shaders;
    return {
      primitives: shaders.primitives ?? primitivesWgsl,
      markers: shaders.markers ?? markersWgsl,
      rects: shaders.rects ?? rectsWgsl,
      grid: shaders.grid ?? gridWgsl,
      density: shaders.density ?? densityWgsl,
    };
  }

  private build(kind: HookedKind, hook: LayerShaderHook, key: string): Entry {
    const template = TEMPLATE_OF[kind];
    const entry: Entry = { state: 'pending', pipeline: { render: null, compute: null, usesGroup: kind !== 'grid' && kind !== 'density' }, label: moduleLabel(hook.id, template), code: '', pipelineKey: '' };
    const report = (ok: boolean, issues: ShaderIssue[]) => {
      if (this.disposed) return;
      entry.state = ok ? 'ready' : 'failed';
      try {
        this.listener?.({ id: hook.id, key: hook.key, hook: hook.hook, kind, ok, issues });
      } catch (error) {
        console.error('gpu-charts: shader hook listener failed', error);
      }
    };
    // The composer is a lazy chunk: the entry stays pending (the default pipeline draws) until it
    // is there, as it does while the pipeline compiles.
    loadComposer().then(
      (compose) => {
        // Disposed, or an edit replaced this version meanwhile: nothing to build.
        if (this.disposed || this.entries.get(key) !== entry) return;
        this.compile(entry, kind, hook, compose, report);
      },
      (error: unknown) => report(false, [{ code: 'compile', message: `could not load the shader composer: ${String(error instanceof Error ? error.message : error)}`, line: 0, column: 0 }]),
    );
    return entry;
  }

  private compile(entry: Entry, kind: HookedKind, hook: LayerShaderHook, compose: typeof composeHook, report: (ok: boolean, issues: ShaderIssue[]) => void): void {
    const { device, cache, format, sampleCount } = this.context;
    const template = TEMPLATE_OF[kind];
    let composed: { code: string; userLines: number };
    try {
      composed = compose(hook.source, template, this.builtins());
    } catch (error) {
      // A replaced built-in shader (tests) without the hook's anchor.
      queueMicrotask(() => report(false, [{ code: 'compile', message: String(error instanceof Error ? error.message : error), line: 0, column: 0 }]));
      return;
    }
    const module = cache.moduleEntry(entry.label, composed.code);
    entry.code = composed.code;
    const layout = this.layouts[kind];
    let check: Promise<{ error: string | null; diagnostics: import('../pipeline-cache.js').ShaderDiagnostic[] }>;
    try {
      if (kind === 'markers') {
        const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [layout, this.markersGroupLayout] });
        entry.pipelineKey = `${pipelinePrefix(hook.id, kind)}${module.id}`;
        const compute = cache.checkedComputePipeline(entry.pipelineKey, () => ({ label: `gpu-shader ${hook.id} markers`, layout: pipelineLayout, compute: { module: module.module, entryPoint: 'cs_splat' } }), module);
        entry.pipeline.compute = compute.pipeline;
        check = compute.check;
      } else {
        const group1 = kind === 'line' || kind === 'area' || kind === 'rects' ? [this.pointsGroupLayout] : kind === 'band' ? [this.paramsGroupLayout] : [];
        const [vertex, fragment] = ENTRY_POINTS[kind];
        entry.pipelineKey = `${pipelinePrefix(hook.id, kind)}${format}|${sampleCount}|${module.id}`;
        const render = cache.checkedPipeline(
          entry.pipelineKey,
          () => ({
            label: `gpu-shader ${hook.id} ${kind}`,
            layout: device.createPipelineLayout({ bindGroupLayouts: [layout, ...group1] }),
            vertex: { module: module.module, entryPoint: vertex },
            fragment: { module: module.module, entryPoint: fragment, targets: [{ format, blend: PREMULTIPLIED_BLEND }] },
            primitive: { topology: 'triangle-list' },
            multisample: { count: sampleCount },
          }),
          module,
        );
        entry.pipeline.render = render.pipeline;
        check = render.check;
      }
    } catch (error) {
      queueMicrotask(() => report(false, [{ code: 'compile', message: String(error instanceof Error ? error.message : error), line: 0, column: 0 }]));
      return;
    }
    void check.then(({ error, diagnostics }) => {
      if (error === null) return report(true, []);
      const issues: ShaderIssue[] = diagnostics
        .filter((d) => d.type === 'error')
        .map((d) => ({ code: 'compile' as const, message: d.message, ...mapToUserText(d.line, d.column, composed.userLines) }));
      report(false, issues.length > 0 ? issues : [{ code: 'compile', message: error.replace(/^[^:]*: /, ''), line: 0, column: 0 }]);
    });
  }
}

/** The cache label of a hook's module, and the key prefix of its pipelines (see PipelineCache.forget). */
function moduleLabel(id: string, template: HookTemplate): string {
  return `gpu-shader ${id} (${template})`;
}

function pipelinePrefix(id: string, kind: HookedKind): string {
  return `gpu-shader|${id}|${kind}|`;
}

let composer: Promise<typeof composeHook> | null = null;

/** hook-compose.ts, loaded once (a failed load is tried again by the next hook). */
function loadComposer(): Promise<typeof composeHook> {
  composer ??= import('./hook-compose.js').then(
    (module) => module.composeHook,
    (error: unknown) => {
      composer = null;
      throw error;
    },
  );
  return composer;
}
