import { HOOKS } from '../custom-shaders/hooks.js';
import type { ValueScale, XScale } from './scales.js';
import type { LayerShaderHook, SceneLayer } from './scene/frame-scene.js';

/** A validated hook the chart asks the model to attach to a series' layers. */
export interface SeriesShaderHook {
  id: string;
  hook: 'color' | 'colormap';
  source: string;
  key: string;
}

/** Layer kinds each hook colours (HOOKS[…].layerKinds, the one list). */
const KINDS: Record<SeriesShaderHook['hook'], ReadonlySet<string>> = {
  color: new Set(HOOKS.color.layerKinds),
  colormap: new Set(HOOKS.colormap.layerKinds),
};

/**
 * Attaches a series' hooks to the layers it just pushed (`layers[from..]`), with the maps from
 * pane pixels back to data the hook's inputs need. Layers of other kinds (error bars are
 * segments) keep their default colours.
 */
export function attachShaderHooks(layers: SceneLayer[], from: number, hooks: readonly SeriesShaderHook[], xScale: XScale, yScale: ValueScale): void {
  if (hooks.length === 0 || from >= layers.length) return;
  const xMap = axisMap(xScale.kind === 'log', xScale.fromPixel.bind(xScale), xScale.kind === 'log' ? 0 : xScale.start);
  const yMap = axisMap(yScale.kind === 'log', yScale.fromPixel.bind(yScale), 0);
  for (let i = from; i < layers.length; i++) {
    const layer = layers[i]!;
    const hook = hooks.find((h) => KINDS[h.hook].has(layer.kind));
    if (!hook) continue;
    const attached: LayerShaderHook = { id: hook.id, hook: hook.hook, source: hook.source, key: hook.key, xMap, yMap };
    layer.shaderHook = attached;
  }
}

/** (a, b, log) with a·px + b = the data (log: its log10) at pane px `px`, minus `origin`. */
function axisMap(log: boolean, fromPixel: (px: number) => number, origin: number): readonly [number, number, number] {
  if (log) {
    const b = Math.log10(fromPixel(0));
    return [Math.log10(fromPixel(1)) - b, b, 1];
  }
  const b = fromPixel(0);
  return [fromPixel(1) - b, b - origin, 0];
}
