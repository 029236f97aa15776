// Two builds, as Shoelace does: dist/ keeps one module per source file (lit stays external, for
// bundlers), cdn/gpu-charts.js is one minified file for a <script type="module"> include.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readFile } from 'node:fs/promises';

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

const onwarn = (warning, warn) => {
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: ['src/index.ts', 'src/define/index.ts', 'src/define/gpu-chart.ts', 'src/core/index.ts', 'src/render/webgpu/index.ts', 'src/data/index.ts', 'src/indicators/index.ts', 'src/config/index.ts', 'src/export/index.ts'],
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
    // registerLazySeriesType (e.g. 3D). test/node/size-budget.test.mjs holds the entry to a budget.
    // The entry chunk may export more than src/cdn.ts does (what the lazy chunks import back from
    // it): without this Rollup moves the whole bundle into a shared chunk behind a one-line facade,
    // and a script include would need two requests before anything draws.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'cdn', format: 'es', entryFileNames: 'gpu-charts.js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: false },
    plugins: [
      wgsl(),
      nodeResolve(),
      typescript({ tsconfig: './tsconfig.json', outDir: 'cdn', declaration: false, noEmitOnError: true }),
      terser({ ecma: 2022, module: true }),
    ],
    onwarn,
  },
];
