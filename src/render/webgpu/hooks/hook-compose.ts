import sharedWgsl from '../../../../shaders/hook-shared.wgsl';
import pointInputWgsl from '../../../../shaders/hook-point-input.wgsl';
import pointsWgsl from '../../../../shaders/hook-points.wgsl';
import markersHookWgsl from '../../../../shaders/hook-markers.wgsl';
import rectsHookWgsl from '../../../../shaders/hook-rects.wgsl';
import bandHookWgsl from '../../../../shaders/hook-band.wgsl';
import colormapWgsl from '../../../../shaders/hook-colormap.wgsl';
import { composeHookModule, type HookTemplate, type TemplateSources } from '../../../custom-shaders/templates.js';

/** The built-in shaders a template splices (the renderer's own, possibly replaced by tests). */
export type BuiltinSources = Pick<TemplateSources, 'primitives' | 'markers' | 'rects' | 'grid' | 'density'>;

/**
 * A hook's whole WGSL module: the user's text, then the template of its kind. Loaded with the
 * shader sandbox (a lazy chunk, rollup.config.mjs): the hook parts of the templates (~12 kB of
 * WGSL) are only downloaded by pages that attach a hook, which load the sandbox's validator first.
 */
export function composeHook(source: string, template: HookTemplate, builtins: BuiltinSources): { code: string; userLines: number } {
  return composeHookModule(source, template, {
    ...builtins,
    shared: sharedWgsl,
    pointInput: pointInputWgsl,
    points: pointsWgsl,
    markersHook: markersHookWgsl,
    rectsHook: rectsHookWgsl,
    bandHook: bandHookWgsl,
    colormap: colormapWgsl,
  });
}
