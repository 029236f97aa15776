// Two builds, as Shoelace does: dist/ keeps one module per source file (lit stays external, for
// bundlers), cdn/gpu-charts.js is one minified file for a <script type="module"> include.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** Imports `shaders/*.wgsl` as strings (webgpu-samples does the same). */
function wgsl() {
  return {
    name: 'wgsl',
    async load(id) {
      if (!id.endsWith('.wgsl')) return null;
      const source = await readFile(id, 'utf8');
      return `export default ${JSON.stringify(source)};`;
    },
  };
}

/**
 * Lazy parts that must each be ONE chunk file: the 3D code has two dynamic roots (the DOM-free
 * half, which Node users load too, and the renderers' kinds + orbit controller) that share modules
 * (camera maths), and Rollup would otherwise split those into a third chunk loaded after the first
 * (a second round trip before a 3D chart draws). Every module reachable from a group's roots and
 * not from the entry goes into the group's chunk; what the entry itself needs stays in the entry.
 */
const LAZY_GROUPS = {
  'three-d': ['src/core/three-d-chunk.ts', 'src/elements/three-d-chunk.ts'],
  'shader-sandbox': ['src/elements/shader-sandbox-chunk.ts', 'src/render/webgpu/hooks/hook-compose.ts'],
};

function lazyGroups(entry, groups) {
  let assigned = null;
  let inEntry = null;
  return (id, { getModuleInfo }) => {
    if (!assigned) {
      const reach = (starts) => {
        const seen = new Set();
        const stack = [...starts];
        while (stack.length > 0) {
          const next = stack.pop();
          if (seen.has(next)) continue;
          seen.add(next);
          stack.push(...(getModuleInfo(next)?.importedIds ?? []));
        }
        return seen;
      };
      inEntry = reach([resolve(entry)]);
      assigned = new Map();
      for (const [name, roots] of Object.entries(groups)) {
        for (const module of reach(roots.map((root) => resolve(root)))) if (!inEntry.has(module) && !assigned.has(module)) assigned.set(module, name);
      }
    }
    // The entry's own modules are named too: Rollup moves a manual chunk's unnamed dependencies into it.
    return assigned.get(id) ?? (inEntry.has(id) ? 'gpu-charts' : undefined);
  };
}

const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: ['src/index.ts', 'src/define/index.ts', 'src/define/gpu-chart.ts', 'src/core/index.ts', 'src/render/webgpu/index.ts', 'src/data/index.ts', 'src/indicators/index.ts', 'src/config/index.ts', 'src/export/index.ts', 'src/custom-shaders/index.ts'],
    external: (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@lit/'),
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    plugins: [wgsl(), typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, noEmitOnError: true })],
    onwarn,
  },
  {
    input: 'src/cdn.ts',
    // One entry file; what most pages never use is a separate chunk, loaded by a dynamic import the
    // first time it is needed: the YAML and TOML parsers (a config in those formats), the indicators
    // (a <gpu-indicator> or `indicators:`), the SVG export (toSVG), and series types registered with
    // registerLazySeriesType: the 3D types, one chunk with their renderer kinds and orbit controller
    // (LAZY_GROUPS), and the shader sandbox (a <gpu-shader> or `shaders:`; loadShaderTools()).
    // test/node/size-budget.test.mjs holds the entry to a budget.
    // The entry chunk may export more than src/cdn.ts does (what the lazy chunks import back from
    // it): without this Rollup moves the whole bundle into a shared chunk behind a one-line facade,
    // and a script include would need two requests before anything draws.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'cdn', format: 'es', entryFileNames: 'gpu-charts.js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: false, manualChunks: lazyGroups('src/cdn.ts', LAZY_GROUPS) },
    plugins: [
      wgsl(),
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.json', outDir: 'cdn', declaration: false, noEmitOnError: true }),
      terser({ ecma: 2022, module: true }),
    ],
    onwarn,
  },
];
