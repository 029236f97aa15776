// Builds the Node + Dawn GPU benchmark into bench/out/gpu/ (ignored by git):
//   core.mjs       bench/gpu/core-entry.ts: gpu-charts/core and gpu-charts/webgpu (ChartModel, WebGpuRenderer, DeviceManager) as one ES module
//   gpu-bench.mjs  bench/gpu/gpu-bench.mjs, importing ./core.mjs and `webgpu` only
// so the folder can travel to a GPU machine that has no node_modules but `webgpu` (see README.md).
//   npx rollup -c bench/gpu/rollup.config.mjs
//
// TypeScript is only transpiled here (ts.transpileModule, as `isolatedModules` allows), not type
// checked: `npm run typecheck` does that for the whole project, and a half-edited file elsewhere in
// src/ must not stop the benchmark from building.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../', import.meta.url));
const at = (path) => resolve(root, path);

/** Imports `shaders/*.wgsl` as strings (as the root rollup.config.mjs does). */
function wgsl() {
  return {
    name: 'wgsl',
    async load(id) {
      if (!id.endsWith('.wgsl')) return null;
      return `export default ${JSON.stringify(await readFile(id, 'utf8'))};`;
    },
  };
}

/** Resolves `./x.js` imports of TypeScript sources to `./x.ts`, and strips types. */
function transpileTs() {
  return {
    name: 'transpile-ts',
    resolveId(source, importer) {
      if (!importer || !importer.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const candidate = resolve(dirname(importer), source.slice(0, -3) + '.ts');
      return existsSync(candidate) ? candidate : null;
    },
    transform(code, id) {
      if (!id.endsWith('.ts')) return null;
      const out = ts.transpileModule(code, {
        fileName: id,
        compilerOptions: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          useDefineForClassFields: false,
          experimentalDecorators: true,
          verbatimModuleSyntax: true,
          sourceMap: false,
        },
      });
      return { code: out.outputText, map: null };
    },
  };
}

const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: at('bench/gpu/core-entry.ts'),
    // One file: the lazy 3D chunk (core/three-d-lazy.ts) is inlined.
    output: { file: at('bench/out/gpu/core.mjs'), format: 'es', inlineDynamicImports: true },
    plugins: [wgsl(), transpileTs()],
    onwarn,
  },
  {
    input: at('bench/gpu/gpu-bench.mjs'),
    external: (id) => id === 'webgpu' || id.startsWith('node:'),
    output: { file: at('bench/out/gpu/gpu-bench.mjs'), format: 'es', paths: { [at('bench/out/gpu/core.mjs')]: './core.mjs' } },
    plugins: [
      {
        // The core is the file built above: kept external, written relative to the output (./core.mjs).
        name: 'core-external',
        resolveId(source, importer) {
          const id = importer && source.startsWith('.') ? resolve(dirname(importer), source) : source;
          return id === at('bench/out/gpu/core.mjs') ? { id, external: true } : null;
        },
      },
    ],
    onwarn,
  },
];
