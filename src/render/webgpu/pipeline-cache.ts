/**
 * Shader modules and render pipelines, cached per device (like ChartGPU's PipelineCache and
 * three.js's Pipelines): a page with fifty charts compiles each pipeline once. The cache lives in a
 * WeakMap keyed by the device, so a lost device takes its cache with it.
 */
export class PipelineCache {
  private readonly modules = new Map<string, GPUShaderModule>();
  private readonly pipelines = new Map<string, GPURenderPipeline>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  compiledPipelines = 0;

  constructor(readonly device: GPUDevice) {}

  shaderModule(label: string, code: string): GPUShaderModule {
    let module = this.modules.get(label);
    if (!module) {
      module = this.device.createShaderModule({ label, code });
      this.modules.set(label, module);
    }
    return module;
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
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      pipeline = this.device.createRenderPipeline(create());
      this.pipelines.set(key, pipeline);
      this.compiledPipelines++;
    }
    return pipeline;
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
