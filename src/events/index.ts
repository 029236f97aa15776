export * from './gpu-ready.js';
export * from './gpu-viewport-change.js';
export * from './gpu-crosshair.js';
export * from './gpu-data-error.js';
export * from './gpu-load-progress.js';
export * from './gpu-fallback.js';
export * from './gpu-config-error.js';
