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
    input: ['src/index.ts', 'src/define/index.ts', 'src/define/gpu-chart.ts', 'src/core/index.ts', 'src/render/webgpu/index.ts', 'src/data/index.ts', 'src/indicators/index.ts', 'src/config/index.ts'],
    external: (id) => id === 'lit' || id.startsWith('lit/') || id.startsWith('@lit/'),
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    plugins: [wgsl(), typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, noEmitOnError: true })],
    onwarn,
  },
  {
    input: 'src/cdn.ts',
    // One entry file; the YAML and TOML parsers are separate chunks, loaded only when a config in
    // those formats is used, so the core bundle does not carry them.
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
