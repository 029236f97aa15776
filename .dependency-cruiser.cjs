// The layer rules of DESIGN.md ("Layers": data flows down, nothing reaches up), checked on every
// `npm test` by `npm run lint:layers`. test/node/layer-rules.test.mjs proves that these rules fail
// on a tree that breaks them, so a rule weakened by mistake shows up as a failing test.
//
// Paths are relative to the base directory: the repository root for `depcruise src`, the fixture
// folder in the test (its `baseDir`), so every pattern starts at `^src/`.

/** A folder of ours under src/, as a path pattern. */
const layer = (folder) => `^src/${folder}/`;

/** DOM-free layers: they run in Node (tests, Dawn benchmarks), so no element and no Lit. */
const DOM_FREE = ['core', 'data', 'indicators', 'config', 'time', 'series', 'recovery', 'render/webgpu', 'perf', 'custom-shaders', 'annotations', 'export', 'a11y'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one layer; cut it by moving the shared part down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'A module nothing imports is dead code, unless it is an entry point or a declaration file.',
      from: {
        orphan: true,
        pathNot: [
          '^src/index\\.ts$',
          '^src/cdn\\.ts$',
          '^src/define/[^/]+\\.ts$',
          '^src/(core|data|indicators|config|recovery|render/webgpu|annotations)/index\\.ts$',
          '\\.d\\.ts$',
        ],
      },
      to: {},
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing would break the build, and hides a dependency from these rules.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'dom-free-not-to-elements',
      severity: 'error',
      comment: 'DOM-free layers must not reach up into the Lit elements.',
      from: { path: DOM_FREE.map(layer) },
      to: { path: layer('elements') },
    },
    {
      name: 'dom-free-not-to-dom-libraries',
      severity: 'error',
      comment: 'Lit needs a DOM: DOM-free layers must run in Node without one.',
      from: { path: DOM_FREE.map(layer) },
      to: { path: '(^|/)node_modules/(lit|lit-html|lit-element|@lit)/' },
    },
    {
      name: 'dom-free-not-to-dom-renderers',
      severity: 'error',
      comment: 'The Canvas2D renderer draws into an HTMLCanvasElement: DOM-free layers must not import it.',
      from: { path: DOM_FREE.map(layer), pathNot: layer('render') },
      to: { path: layer('render/canvas2d') },
    },
    {
      name: 'data-stays-down',
      severity: 'error',
      comment: 'data/ is the bottom layer with time/: it knows nothing of the chart, the series, renderers or elements.',
      from: { path: layer('data') },
      to: { path: ['core', 'series', 'render', 'elements', 'config', 'indicators', 'recovery', 'perf', 'events'].map(layer) },
    },
    {
      name: 'time-imports-nothing-of-ours',
      severity: 'error',
      comment: 'Time zones and calendars are leaf code that every layer may use.',
      from: { path: layer('time') },
      to: { path: '^src/', pathNot: layer('time') },
    },
    {
      name: 'custom-shaders-is-a-leaf',
      severity: 'error',
      comment: 'The WGSL hook sandbox (tokenizer, validator, templates, library) is pure string work: it imports nothing else of ours, so renderers, elements and events may all use it.',
      from: { path: layer('custom-shaders') },
      to: { path: '^src/', pathNot: layer('custom-shaders') },
    },
    {
      name: 'indicators-only-data',
      severity: 'error',
      comment: 'Indicators are pure functions over columns: they may use data/ (typed arrays, min/max pyramid) and nothing else of ours.',
      from: { path: layer('indicators') },
      to: { path: '^src/', pathNot: [layer('indicators'), layer('data')] },
    },
    {
      name: 'render-sees-only-the-scene',
      severity: 'error',
      comment: 'Renderers draw the renderer-neutral FrameScene (core/scene/) and must not know the chart model, series or elements.',
      from: { path: layer('render') },
      to: {
        path: ['core', 'series', 'elements', 'config', 'indicators', 'data'].map(layer),
        pathNot: layer('core/scene'),
      },
    },
    {
      name: 'core-not-to-render',
      severity: 'error',
      comment: 'core/ builds the scene; the backends are separate entries (gpu-charts/webgpu) that core must not pull in.',
      from: { path: layer('core') },
      to: { path: layer('render') },
    },
    {
      name: 'scene-is-a-leaf',
      severity: 'error',
      comment: 'core/scene/ is the contract between core and renderers: it must not drag the model along to render/.',
      from: { path: layer('core/scene') },
      to: { path: '^src/', pathNot: [layer('core/scene'), layer('time')] },
    },
    {
      name: 'config-stays-down',
      severity: 'error',
      comment: 'config/ validates and merges declarations; it must not know the chart, renderers, series or elements.',
      from: { path: layer('config') },
      to: { path: ['core', 'series', 'render', 'elements', 'recovery', 'events'].map(layer) },
    },
    {
      name: 'three-maths-is-a-leaf',
      severity: 'error',
      comment: 'core/three/ camera, world, picking, axes and 3D data checks are pure maths that series use: they must not reach the model, series, renderers or elements.',
      from: { path: '^src/core/three/(camera|mat4|world|pick|data-3d|axes-3d|points-lod)\\.ts$' },
      to: { path: ['series', 'render', 'elements', 'recovery', 'events'].map(layer).concat(['^src/core/(chart-model|three/three-view|three/resolve-3d)\\.ts$']) },
    },
    {
      name: 'series-below-core-model',
      severity: 'error',
      comment: 'Series modules may use the scene, data, time and core\'s scales/layout; core\'s model imports them, never the other way.',
      from: { path: layer('series') },
      to: {
        path: ['core', 'render', 'elements', 'config', 'recovery', 'events'].map(layer),
        // core/colormap/: colour lookup tables (scatter colour-by, density), leaf code like the scene.
        // core/three/ leaf maths (camera, world map, picking, 3D data checks): not its view or series resolution.
        pathNot: ['^src/core/scene/', '^src/core/ticks/', '^src/core/colormap/', '^src/core/(scales|layout|theme)\\.ts$', '^src/core/three/(camera|mat4|world|pick|data-3d|axes-3d|points-lod)\\.ts$'],
      },
    },
    {
      name: 'recovery-is-policy',
      severity: 'error',
      comment:
        'Recovery policy (retry, breakers, quality ladder) is DOM-free and renderer-agnostic: it may read config types and ' +
        'the Renderer interface (render/renderer.ts), not the model, the backends, the elements or their DOM events.',
      from: { path: layer('recovery') },
      to: {
        path: ['core', 'series', 'render', 'elements', 'data', 'indicators', 'events'].map(layer),
        pathNot: '^src/render/renderer\\.ts$',
      },
    },
    {
      name: 'events-only-carry-data',
      severity: 'error',
      comment: 'Event classes carry typed details; they may name types of the layers below but not the elements that fire them.',
      from: { path: layer('events') },
      to: { path: [layer('elements'), layer('render/canvas2d'), layer('render/webgpu')] },
    },
    {
      name: 'annotations-see-only-the-scene',
      severity: 'error',
      comment:
        'annotations/ is the DOM-free annotation model (validation, editing, hit testing, layer building): it builds ' +
        'scene layers (core/scene/) and checks colours with config/css-color, and knows nothing else of the chart.',
      from: { path: layer('annotations') },
      to: { path: '^src/', pathNot: [layer('annotations'), layer('core/scene'), '^src/config/css-color\\.ts$'] },
    },
    {
      name: 'nothing-below-reaches-annotations',
      severity: 'error',
      comment: 'The chart core, data, config, series and renderers draw annotations through the model\'s pane hook; they never import the annotation model.',
      from: { path: ['core', 'data', 'config', 'series', 'render', 'indicators', 'recovery', 'perf', 'time'].map(layer) },
      to: { path: layer('annotations') },
    },
    {
      name: 'only-entries-import-define',
      severity: 'error',
      comment: 'define/ registers custom elements as a side effect; only the bundle entries may import it.',
      from: { pathNot: ['^src/(index|cdn)\\.ts$', layer('define')] },
      to: { path: layer('define') },
    },
    {
      name: 'export-and-a11y-read-the-model-output',
      severity: 'error',
      comment: 'export/ (SVG, CSV) and a11y/ (navigation, announcements) turn what core produces (the scene, frames, data) into files and words: they must not reach renderers, elements, config or recovery.',
      from: { path: [layer('export'), layer('a11y')] },
      to: { path: ['render', 'elements', 'config', 'recovery', 'events', 'indicators'].map(layer) },
    },
    {
      name: 'no-dev-dependencies-in-src',
      severity: 'error',
      comment: 'Shipped code must not need a devDependency at run time (type-only imports are erased and allowed).',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-packages',
      severity: 'error',
      comment: 'A package imported but missing from package.json works only by accident of hoisting.',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Type-only imports are dependencies too: a layer that names another's types is coupled to it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // Resolve packages to their code, as the bundler does: a `types` condition would resolve `lit`
      // to a declaration file and hide it from the DOM rules.
      conditionNames: ['import', 'browser', 'default'],
      mainFields: ['module', 'main'],
      extensions: ['.ts', '.js'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
