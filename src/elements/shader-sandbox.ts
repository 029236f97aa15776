import type * as Chunk from './shader-sandbox-chunk.js';

/** The shader sandbox chunk: the chart's hook controller and the WGSL tools. */
export type ShaderSandbox = typeof Chunk;

let loading: Promise<ShaderSandbox> | null = null;

/**
 * The shader sandbox is a lazy chunk (issue 14.7): the WGSL tokenizer and validator, the curated
 * library and the hook controller are only needed by charts with a `<gpu-shader>` child or a
 * `shaders:` entry, which load it (elements/gpu-chart/chart-shaders-lazy.ts). A failed load
 * rejects; the next call tries again.
 */
export function loadShaderSandbox(): Promise<ShaderSandbox> {
  loading ??= import('./shader-sandbox-chunk.js').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * The WGSL tools without a chart (`validateHook`, `SHADER_LIBRARY`, `libraryHook`, `HOOKS`, …), loaded
 * on demand: `const { validateHook } = await loadShaderTools()`. Bundlers may import them from
 * `gpu-charts/shaders` instead.
 */
export function loadShaderTools(): Promise<ShaderSandbox['tools']> {
  return loadShaderSandbox().then((chunk) => chunk.tools);
}
