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
  color: { name: 'color', signature: 'fn color(p: PointInput) -> vec4f', parameterType: 'PointInput', returnType: 'vec4f', layerKinds: ['line', 'area', 'markers', 'rects', 'band'] },
  colormap: { name: 'colormap', signature: 'fn colormap(t: f32) -> vec4f', parameterType: 'f32', returnType: 'vec4f', layerKinds: ['grid', 'density'] },
};

export function isHookName(name: unknown): name is HookName {
  return name === 'color' || name === 'colormap';
}

/**
 * `PointInput.part`: which part of a series a fragment belongs to, as the WGSL constants of
 * shaders/hook-point-input.wgsl (a hook names them: `if (p.part == PART_WICK) { … }`). A Node test
 * checks that the two agree. Series write them into their rectangles' hook inputs.
 */
export const HOOK_PARTS = {
  /** A line series' stroke (and any other line layer). */
  PART_LINE: 0,
  /** An area's fill. */
  PART_AREA: 1,
  /** A scatter marker. */
  PART_MARKER: 2,
  /** A candle's body (open to close). */
  PART_BODY: 3,
  /** A candle's wick, or an OHLC bar's high-low bar. */
  PART_WICK: 4,
  /** An OHLC bar's open tick (left). */
  PART_OPEN_TICK: 5,
  /** An OHLC bar's close tick (right). */
  PART_CLOSE_TICK: 6,
  /** A volume bar (under candles, or a volume series). */
  PART_VOLUME: 7,
  /** A histogram (bar series) bar. */
  PART_BAR: 8,
  /** A band's fill where its high edge is on top. */
  PART_BAND: 9,
  /** A band's fill where its edges crossed (the low edge on top). */
  PART_BAND_CROSSED: 10,
} as const;
export type HookPart = (typeof HOOK_PARTS)[keyof typeof HOOK_PARTS];

/**
 * The names a colour hook may use but not declare: its input's type and the PART_ constants.
 * They are declared by the template (shaders/hook-point-input.wgsl), so they are not in
 * TEMPLATE_NAMES; the validator refuses a module-scope declaration of one of them.
 */
export const HOOK_INPUT_NAMES: ReadonlySet<string> = new Set(['PointInput', ...Object.keys(HOOK_PARTS)]);

/**
 * Every name the templates declare at module scope (shaders/primitives.wgsl, markers.wgsl,
 * rects.wgsl, grid.wgsl, density.wgsl and shaders/hook-*.wgsl). A hook may neither use nor declare them: that
 * is what keeps it from reading `params`, `points`, `markers`, `rects`, `colors`, `pixels`, `lut`, … A Node test
 * re-derives this list from the .wgsl files, so a template that grows a name fails it.
 * HOOK_INPUT_NAMES are not here: they are the colour hook's documented input.
 */
export const TEMPLATE_NAMES: ReadonlySet<string> = new Set(
  'BandHookVertex HookParams HookVertex Marker OFFSCREEN Params RectHookVertex RectInput VertexOut bandCorner bins catmull_rom cell cellOf colors counts cs_density cs_splat fs_band_hook fs_composite fs_density fs_grid fs_hook fs_rect fs_rect_hook fs_solid gc_colormap gc_input gc_marker_color gc_straight gc_value hook hookDistances isGap lut markerDistance markers missing params pixels points rectCorner rectInputs rects sample_grid snapSpan toClip values vs_area vs_area_hook vs_band vs_band_hook vs_composite vs_density vs_grid vs_line vs_line_hook vs_rect vs_rect_hook'.split(
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

/**
 * WGSL's predeclared types and builtin functions. A module-scope declaration may shadow them in
 * WGSL, which would change what the library's template code calls (`min`, `clamp`, `vec4f` …): a
 * hook may not declare these names at module scope (locals only shadow them in the hook's own code).
 * A Node test checks that every builtin the templates call is listed.
 */
export const WGSL_PREDECLARED: ReadonlySet<string> = new Set(
  (
    'bool f16 f32 i32 u32 vec2 vec3 vec4 vec2f vec3f vec4f vec2i vec3i vec4i vec2u vec3u vec4u vec2h vec3h vec4h ' +
    'mat2x2 mat2x3 mat2x4 mat3x2 mat3x3 mat3x4 mat4x2 mat4x3 mat4x4 mat2x2f mat2x3f mat2x4f mat3x2f mat3x3f mat3x4f mat4x2f mat4x3f mat4x4f ' +
    'mat2x2h mat2x3h mat2x4h mat3x2h mat3x3h mat3x4h mat4x2h mat4x3h mat4x4h array atomic ptr sampler sampler_comparison ' +
    'abs acos acosh all any arrayLength asin asinh atan atan2 atanh bitcast ceil clamp cos cosh countLeadingZeros countOneBits ' +
    'countTrailingZeros cross degrees determinant distance dot dot4I8Packed dot4U8Packed dpdx dpdxCoarse dpdxFine dpdy dpdyCoarse ' +
    'dpdyFine exp exp2 extractBits faceForward firstLeadingBit firstTrailingBit floor fma fract frexp fwidth fwidthCoarse fwidthFine ' +
    'insertBits inverseSqrt ldexp length log log2 max min mix modf normalize pack2x16float pack2x16snorm pack2x16unorm pack4x8snorm ' +
    'pack4x8unorm pack4xI8 pack4xU8 pack4xI8Clamp pack4xU8Clamp pow quantizeToF16 radians reflect refract reverseBits round saturate ' +
    'select sign sin sinh smoothstep sqrt step tan tanh transpose trunc unpack2x16float unpack2x16snorm unpack2x16unorm unpack4x8snorm ' +
    'unpack4x8unorm unpack4xI8 unpack4xU8'
  ).split(' '),
);
