import type * as Runtime from '../indicators/runtime.js';

/** The indicators' registry and streaming state, once loaded. */
export type IndicatorRuntime = typeof Runtime;

let loaded: IndicatorRuntime | null = null;
let loading: Promise<IndicatorRuntime> | null = null;

/**
 * The indicators are a lazy chunk: most charts have none, and their TA functions are a tenth of
 * the bundle. The first `<gpu-indicator>` or configured indicator loads them; until then this is
 * null and the chart draws without indicators (they appear one frame later).
 */
export function indicatorRuntime(): IndicatorRuntime | null {
  return loaded;
}

/** Loads the indicators (once; later calls get the same promise). */
export function loadIndicatorRuntime(): Promise<IndicatorRuntime> {
  loading ??= import('../indicators/runtime.js').then((module) => (loaded = module));
  return loading;
}
