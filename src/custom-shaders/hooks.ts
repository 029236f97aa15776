/**
 * The hooks a user may write: fixed WGSL function signatures the library's templates call. A
 * hook sees only its arguments (and what it declares itself); it cannot reach buffers, textures
 * or the template's own names.
 */
export type HookName = 'color' | 'colormap';
export const HOOK_NAMES: readonly HookName[] = ['color', 'colormap'];

export interface HookDefinition {
  name: HookName;
  /** The signature, as the docs and error messages show it. */
  signature: string;
  /** Parameter type and return type the validator expects (the parameter's name is free). */
  parameterType: string;
  returnType: 'vec4f';
  /** Scene layer kinds the hook colours. */
  layerKinds: readonly string[];
}

export const HOOKS: Readonly<Record<HookName, HookDefinition>> = {
  color: { name: 'color', signature: 'fn color(p: PointInput) -> vec4f', parameterType: 'PointInput', returnType: 'vec4f', layerKinds: ['line', 'area', 'markers'] },
  colormap: { name: 'colormap', signature: 'fn colormap(t: f32) -> vec4f', parameterType: 'f32', returnType: 'vec4f', layerKinds: ['grid', 'density'] },
};

export function isHookName(name: unknown): name is HookName {
  return name === 'color' || name === 'colormap';
}

/**
 * Every name the templates declare at module scope (shaders/primitives.wgsl, markers.wgsl,
 * grid.wgsl, density.wgsl and shaders/hook-*.wgsl). A hook may neither use nor declare them: that
 * is what keeps it from reading `params`, `points`, `markers`, `pixels`, `lut`, … A Node test
 * re-derives this list from the .wgsl files, so a template that grows a name fails it.
 * `PointInput` is not here: it is the colour hook's documented input.
 */
export const TEMPLATE_NAMES: ReadonlySet<string> = new Set(
  'HookParams HookVertex Marker OFFSCREEN Params VertexOut bins catmull_rom cell cellOf counts cs_density cs_splat fs_composite fs_density fs_grid fs_hook fs_solid gc_colormap gc_input gc_marker_color gc_straight gc_value hook hookDistances isGap lut markerDistance markers missing params pixels points sample_grid toClip values vs_area vs_area_hook vs_band vs_composite vs_density vs_grid vs_line vs_line_hook'.split(
    ' ',
  ),
);

/** The prefix of the library's own helper names, reserved for templates that grow. */
export const TEMPLATE_PREFIX = 'gc_';

/** Most characters a hook's source may have (before compiling anything). */
export const MAX_HOOK_SOURCE = 16 * 1024;
/** Most tokens (a dense source under the character cap could still be huge to compile). */
export const MAX_HOOK_TOKENS = 4096;
/** Most iterations of one `for` loop, and of loops nested in each other (their product). */
export const MAX_LOOP_ITERATIONS = 256;
export const MAX_NESTED_ITERATIONS = 1024;
