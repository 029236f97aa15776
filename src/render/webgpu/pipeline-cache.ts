/**
 * Shader modules and render pipelines, cached per device (like ChartGPU's PipelineCache and
 * three.js's Pipelines): a page with fifty charts compiles each pipeline once. The cache lives in a
 * WeakMap keyed by the device, so a lost device takes its cache with it.
 *
 * Every module and pipeline is created inside its own validation error scope, and every module's
 * compilation messages are read (`getCompilationInfo`), so a shader that does not compile is
 * reported with its line and column, and only the pipelines built on it fail. What failed is
 * dropped from the cache once known, so a later renderer compiles it again instead of reusing a
 * broken object.
 */

/** One compiler message, 1-based line and column (0 when the compiler gave none). */
export interface ShaderDiagnostic {
  /** The shader's label, e.g. `rects.wgsl`. */
  shader: string;
  type: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
}

/** The outcome of creating one pipeline (its module included): null message when it is usable. */
export interface PipelineCheck {
  key: string;
  /** Why the pipeline is unusable, or null. */
  error: string | null;
  /** Compiler messages of its shader module (errors and warnings). */
  diagnostics: ShaderDiagnostic[];
}

export interface ModuleEntry {
  id: number;
  module: GPUShaderModule;
  /** Resolves once the module's own scope and compilation messages are in. */
  check: Promise<{ error: string | null; diagnostics: ShaderDiagnostic[] }>;
}

/** A pipeline (render or compute) and the promise of its check. */
export interface PipelineEntry<P = GPURenderPipeline> {
  pipeline: P;
  check: Promise<PipelineCheck>;
}

/** A compute pipeline and the promise of its check. */
export type ComputeEntry = PipelineEntry<GPUComputePipeline>;

export class PipelineCache {
  /** By label, then by source text: a test may swap a shader's source (see DeviceManager.testHooks). */
  private readonly modules = new Map<string, Map<string, ModuleEntry>>();
  private readonly pipelines = new Map<string, PipelineEntry>();
  private readonly computePipelines = new Map<string, ComputeEntry>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private nextModuleId = 1;
  compiledPipelines = 0;
  /** Pipelines found unusable since the cache was created (each compile counts once). */
  failedPipelines = 0;

  constructor(readonly device: GPUDevice) {}

  shaderModule(label: string, code: string): GPUShaderModule {
    return this.moduleEntry(label, code).module;
  }

  /** The module for this source and its cache id (part of the pipeline keys built on it). */
  moduleEntry(label: string, code: string): ModuleEntry {
    let byCode = this.modules.get(label);
    if (!byCode) this.modules.set(label, (byCode = new Map()));
    let entry = byCode.get(code);
    if (entry) return entry;
    const device = this.device;
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ label, code });
    const scope = device.popErrorScope();
    const info = typeof module.getCompilationInfo === 'function' ? module.getCompilationInfo() : Promise.resolve(null);
    const created: ModuleEntry = {
      id: this.nextModuleId++,
      module,
      check: Promise.all([scope.catch(() => null), info.catch(() => null)]).then(([error, compilation]) => {
        const diagnostics: ShaderDiagnostic[] = (compilation?.messages ?? []).map((m) => ({ shader: label, type: m.type, message: m.message, line: m.lineNum, column: m.linePos }));
        const firstError = diagnostics.find((d) => d.type === 'error');
        const message = firstError ? `${label}:${firstError.line}:${firstError.column}: ${firstError.message}` : error ? `${label}: ${error.message}` : null;
        if (message && byCode!.get(code) === created) byCode!.delete(code);
        return { error: message, diagnostics };
      }),
    };
    byCode.set(code, created);
    return created;
  }

  /**
   * Forgets one module (by label and source) and the pipelines of `keys`: for sources that come
   * and go (a user's shader hook edited live), so that the cache does not keep every version.
   * Whoever still holds one of those objects keeps using it.
   */
  forget(label: string, code: string, keys: readonly string[]): void {
    this.modules.get(label)?.delete(code);
    for (const key of keys) {
      this.pipelines.delete(key);
      this.computePipelines.delete(key);
    }
  }

  bindGroupLayout(key: string, create: () => GPUBindGroupLayoutDescriptor): GPUBindGroupLayout {
    let layout = this.layouts.get(key);
    if (!layout) {
      layout = this.device.createBindGroupLayout(create());
      this.layouts.set(key, layout);
    }
    return layout;
  }

  renderPipeline(key: string, create: () => GPURenderPipelineDescriptor): GPURenderPipeline {
    return this.checkedPipeline(key, create).pipeline;
  }

  /**
   * The pipeline and the promise of its check: its own validation scope, and its module's (pass
   * the module's entry so that a module that failed to compile fails the pipeline with the
   * compiler's line and column). A failed pipeline leaves the cache when the check settles.
   */
  checkedPipeline(key: string, create: () => GPURenderPipelineDescriptor, module?: ModuleEntry): PipelineEntry {
    return this.checked(this.pipelines, key, () => this.device.createRenderPipeline(create()), module);
  }

  /** A compute pipeline (markers, density, clusters), created and checked like a render pipeline. */
  checkedComputePipeline(key: string, create: () => GPUComputePipelineDescriptor, module?: ModuleEntry): ComputeEntry {
    return this.checked(this.computePipelines, key, () => this.device.createComputePipeline(create()), module);
  }

  /** The one creation path of both kinds: cached by key, own validation scope, checked with its module. */
  private checked<P>(entries: Map<string, PipelineEntry<P>>, key: string, create: () => P, module?: ModuleEntry): PipelineEntry<P> {
    const entry = entries.get(key);
    if (entry) return entry;
    const device = this.device;
    device.pushErrorScope('validation');
    let pipeline: P | null = null;
    let thrown: unknown = null;
    try {
      pipeline = create();
    } catch (error) {
      thrown = error;
    }
    // Always balanced, even when the descriptor itself throws.
    const scope = device.popErrorScope();
    if (!pipeline) {
      void scope.catch(() => null);
      throw thrown;
    }
    this.compiledPipelines++;
    const created: PipelineEntry<P> = {
      pipeline,
      check: Promise.all([scope.catch(() => null), module?.check ?? Promise.resolve(null)]).then(([error, moduleCheck]) => {
        const message = moduleCheck?.error ?? (error ? error.message : null);
        if (message) {
          this.failedPipelines++;
          if (entries.get(key) === created) entries.delete(key);
        }
        return { key, error: message, diagnostics: moduleCheck?.diagnostics ?? [] };
      }),
    };
    entries.set(key, created);
    return created;
  }
}

const caches = new WeakMap<GPUDevice, PipelineCache>();

export function pipelineCacheFor(device: GPUDevice): PipelineCache {
  let cache = caches.get(device);
  if (!cache) {
    cache = new PipelineCache(device);
    caches.set(device, cache);
  }
  return cache;
}
