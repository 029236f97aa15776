// The shader sandbox as one lazy chunk (elements/shader-sandbox.ts loads it): the chart's hook
// controller and the pure WGSL tools it uses (tokenizer, validator, curated library, watchdog).
import * as tools from '../custom-shaders/index.js';

export { ChartShaders } from './gpu-chart/chart-shaders.js';
export { tools };
