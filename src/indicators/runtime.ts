// What the elements need of the indicators at run time, as one module: `<gpu-chart>` and
// `<gpu-indicator>` load it with a dynamic import (elements/indicator-runtime.ts), so that pages
// without indicators never download the TA functions (a chunk of its own in the CDN build).
export { getIndicator, resolveIndicatorParams } from './registry.js';
export { IndicatorStream } from './indicator-stream.js';
