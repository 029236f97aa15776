// The annotation model (DOM-free): validated, edited, hit-tested and turned into scene layers here.
export * from './types.js';
export * from './validate.js';
export * from './fib.js';
export * from './range-stats.js';
export * from './history.js';
export * from './snapping.js';
export * from './pane-view.js';
export * from './geometry.js';
export * from './hit-test.js';
export * from './edit.js';
export * from './layers.js';
export * from './store.js';
export * from './prepared.js';
export * from './marker-layers.js';
export * from './hit-index.js';
