// Size budget (issue 14.7), part of `npm test` (it runs after `npm run build`): the CDN entry and
// the core entry of dist/ stay under their brotli budgets, and what most pages never use stays
// out of them, in lazy chunks (indicators, SVG export, YAML, TOML, 3D charts, the shader sandbox).
// Sizes: `node scripts/size.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdnSizes, coreEntry, ROOT } from '../../scripts/size.mjs';

/**
 * Brotli bytes. Set on 2026-12-03 at main's size that day (CDN entry 115.3 KB with every feature
 * static; 105.8 KB once indicators and SVG export went lazy, accessibility and export included).
 * Raise them only with a reason in the commit and the README's table; first see whether the new
 * code can be a lazy chunk.
 */
// Raised at stop 11 (was 116 KB / 215 KB) when 3D charts, annotations, custom shaders, the tile
// client and accessibility landed in the entry (152.8 KB / 273.9 KB measured). Lowered at stop 12
// once 3D charts (14.9 KB) and the shader sandbox (8.1 KB) became lazy chunks: 135.3 KB / 246.4 KB
// measured, with the annotation editor, the tile client and accessibility still in the entry.
// Then 140 KB / 258 KB when the same stop merged 3D GPU picking (the id pass runs in the renderer,
// which is in the entry), the prepared annotation layers and the Canvas2D splat and grid paths:
// 138.4 KB / 255.8 KB measured.
// Then 143 KB / 264 KB (stop 21) for colour hooks on candles, volume, bars and bands (their WGSL
// templates sit with the renderer's hook pipelines, in the entry), Canvas2D lines stroked in pieces
// and the 3D Canvas2D detail budget: 141.7 KB / 261.9 KB measured. Candidate for a lazy chunk:
// the hook templates, compiled only when a <gpu-shader> is attached.
// Then 143 KB / 269 KB (stop 22): the hook templates moved to the shader sandbox's chunk (~2.5 KB
// out of the CDN entry), while dense Canvas2D lines (splatted), reused annotation arrays, streaming
// surfaces and smoothly splitting clusters (data-anchored levels, CPU binning and disc interpolation
// shared by Canvas2D, labels and export) came in: 142.2 KB / 267.9 KB measured. Candidate for a lazy chunk: the
// Canvas2D cluster path and the labels, used only with cluster="grid".
const BUDGET = {
  /** cdn/gpu-charts.js: what a <script type="module"> include downloads before the first chart draws. */
  cdnEntry: 143_000,
  /** dist/ modules reachable from `gpu-charts/define` + `gpu-charts` by static imports (unminified, lit excluded). */
  coreEntry: 269_000,
};

/**
 * Text that only the code of a lazy chunk holds (error messages and WGSL survive minification):
 * found in the entry, that code was pulled back in by a static import.
 */
const LAZY_MARKERS = [
  ['3D data checks (core/three/data-3d.ts)', 'needs columns { x: [...], y: [...], z: [...] }'],
  ['3D surface shader (shaders/surface3d.wgsl)', 'A lit surface z = f(x, y)'],
  ['shader sandbox validator (custom-shaders/validate.ts)', 'recursion is not allowed'],
  ['shader sandbox curated library (custom-shaders/library.ts)', 'Brightest on the line itself, fading with the vertical distance'],
  ['hook templates (shaders/hook-*.wgsl, render/webgpu/hooks/hook-compose.ts)', 'PART_AREA = 1u'],
];

test('the CDN entry is under its brotli budget and is the bundle itself, not a facade', () => {
  const sizes = cdnSizes();
  const entry = sizes.find((s) => s.file === 'cdn/gpu-charts.js');
  assert.ok(entry.brotli <= BUDGET.cdnEntry, `cdn/gpu-charts.js is ${entry.brotli} B brotli, budget ${BUDGET.cdnEntry} B`);
  assert.ok(entry.raw > 100_000, 'the entry holds the bundle (a tiny entry means Rollup split it behind a facade: a second request before anything draws)');
});

test('indicators, SVG export, YAML and TOML are lazy chunks of the CDN build, loaded by dynamic import', () => {
  const entry = readFileSync(join(ROOT, 'cdn', 'gpu-charts.js'), 'utf8');
  const chunks = cdnSizes().filter((s) => s.file.startsWith('cdn/chunks/')).map((s) => s.file.slice('cdn/chunks/'.length));
  for (const [what, prefix] of [['indicators', 'runtime-'], ['SVG export', 'scene-svg-']]) {
    const chunk = chunks.find((name) => name.startsWith(prefix));
    assert.ok(chunk, `${what}: a chunk ${prefix}*.js (chunks: ${chunks.join(', ')})`);
    assert.match(entry, new RegExp(`import\\(["']\\./chunks/${chunk.replace('.', '\\.')}["']\\)`), `${what}: imported dynamically by the entry`);
  }
  // The indicator functions themselves are not in the entry (a name only their definitions hold).
  assert.doesNotMatch(entry, /Kaufman/i, 'no indicator definitions in the entry');
  assert.ok(chunks.length >= 4, `YAML and TOML chunks as well: ${chunks.join(', ')}`);
});

test('3D charts and the shader sandbox are one lazy chunk each, loaded by dynamic import, and nothing of them is in the entry', () => {
  const entry = readFileSync(join(ROOT, 'cdn', 'gpu-charts.js'), 'utf8');
  const chunks = cdnSizes().filter((s) => s.file.startsWith('cdn/chunks/')).map((s) => s.file.slice('cdn/chunks/'.length));
  for (const [what, prefix] of [['3D charts', 'three-d-'], ['shader sandbox', 'shader-sandbox-']]) {
    const found = chunks.filter((name) => name.startsWith(prefix));
    assert.equal(found.length, 1, `${what}: one chunk ${prefix}*.js (chunks: ${chunks.join(', ')})`);
    assert.match(entry, new RegExp(`import\\(["']\\./chunks/${found[0].replace('.', '\\.')}["']\\)`), `${what}: imported dynamically by the entry`);
  }
  for (const [what, marker] of LAZY_MARKERS) {
    assert.ok(!entry.includes(marker), `${what} is in the entry (found "${marker}")`);
    const holder = chunks.filter((name) => readFileSync(join(ROOT, 'cdn', 'chunks', name), 'utf8').includes(marker));
    assert.equal(holder.length, 1, `${what}: in exactly one lazy chunk (${holder.join(', ') || 'none'})`);
  }
  // A static import of a chunk would make it part of every page load again (a manual chunk that
  // swallowed a module the entry needs does exactly that).
  assert.doesNotMatch(entry, /(?:^|[;}])\s*import\s*[^("'`]*?from\s*["']\.\/chunks\//, 'the entry imports no chunk statically');
  assert.doesNotMatch(entry, /(?:^|[;}])\s*import\s*["']\.\/chunks\//, 'the entry imports no chunk for its side effects');
});

test('the core entry of dist/ is under its budget and reaches no lazy module statically', () => {
  const core = coreEntry();
  assert.ok(core.brotli <= BUDGET.coreEntry, `core entry is ${core.brotli} B brotli (${core.files.length} modules), budget ${BUDGET.coreEntry} B`);
  const lazy = core.files.filter(
    (file) =>
      (file.startsWith('indicators/') && file !== 'indicators/errors.js') ||
      file.startsWith('export/scene-svg') ||
      file.startsWith('export/svg-layers/') ||
      // 3D: the maths, the view, the series, the renderers' kinds, the orbit controller.
      // (core/three/resolve-3d.js stays: 20 lines the model resolves a 3D chart's series with.)
      (file.startsWith('core/three/') && file !== 'core/three/resolve-3d.js') ||
      /^series\/(surface|points3d|bars3d)\//.test(file) ||
      /^render\/webgpu\/primitives\/(three-kind|instanced-3d|surface3d|points3d|bars3d|lines3d|three-d-kinds)\.js$/.test(file) ||
      file === 'render/canvas2d/primitives/three-d.js' ||
      file === 'elements/gpu-chart/chart-orbit.js' ||
      // The shader sandbox: all of it but the templates the renderer splices hooks into.
      /^custom-shaders\/(validate|tokenizer|unicode|library|watchdog|index)\.js$/.test(file) ||
      file === 'elements/gpu-chart/chart-shaders.js',
  );
  assert.deepEqual(lazy, [], 'lazy modules reached by a static import');
  assert.ok(core.files.includes('elements/gpu-chart/gpu-chart.js'), 'the walk follows imports');
});

test('the annotation editor and <gpu-drawing-tools> are lazy chunks; the entry keeps only the display of annotations', () => {
  const entry = readFileSync(join(ROOT, 'cdn', 'gpu-charts.js'), 'utf8');
  const chunks = cdnSizes().filter((s) => s.file.startsWith('cdn/chunks/')).map((s) => s.file.slice('cdn/chunks/'.length));
  for (const [what, prefix] of [['annotation editor', 'chart-annotations-editor-'], ['drawing toolbar', 'gpu-drawing-tools-']]) {
    const chunk = chunks.find((name) => name.startsWith(prefix));
    assert.ok(chunk, `${what}: a chunk ${prefix}*.js (chunks: ${chunks.join(', ')})`);
    assert.match(entry, new RegExp(`import\\(["']\\./chunks/${chunk.replace('.', '\\.')}["']\\)`), `${what}: imported dynamically by the entry`);
  }
  // Text only the toolbar's and the editor's code holds.
  assert.doesNotMatch(entry, /Price and time range/, 'no toolbar in the entry');
  assert.doesNotMatch(entry, /255, 255, 255, 0\.6/, 'no editing handles in the entry');
  const core = coreEntry();
  const lazy = core.files.filter((file) => /chart-annotations-(editor|drawing|pointer)\.js$|gpu-drawing-tools\/gpu-drawing-tools\.js$|annotations\/hit-test\.js$/.test(file));
  assert.deepEqual(lazy, [], 'editor modules reached by a static import of the core entry');
});

test('the tile client is a lazy chunk, loaded when a chart first gets a `tiles` URL', () => {
  const entry = readFileSync(join(ROOT, 'cdn', 'gpu-charts.js'), 'utf8');
  const chunks = cdnSizes().filter((s) => s.file.startsWith('cdn/chunks/')).map((s) => s.file.slice('cdn/chunks/'.length));
  const chunk = chunks.find((name) => name.startsWith('tile-feed-'));
  assert.ok(chunk, `a chunk tile-feed-*.js (chunks: ${chunks.join(', ')})`);
  assert.match(entry, new RegExp(`import\\(["']\\./chunks/${chunk.replace('.', '\\.')}["']\\)`), 'imported dynamically by the entry');
  // Text only the feed (elements/gpu-chart/tile-feed.ts) and the tile source (data/tiles/source.ts) hold.
  for (const marker of ["aggregated rows (", 'is not a series URL']) assert.ok(!entry.includes(marker), `"${marker}" is in the entry`);
  const lazy = coreEntry().files.filter((file) => file.startsWith('data/tiles/') || file === 'elements/gpu-chart/tile-feed.js');
  assert.deepEqual(lazy, [], 'tile client modules reached by a static import of the core entry');
});
