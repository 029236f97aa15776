import type { HookName } from './hooks.js';

/** A ready-made hook, selectable by name (`<gpu-shader library="glow">`, `shaders: [{ library }]`). */
export interface LibraryHook {
  name: string;
  hook: HookName;
  description: string;
  wgsl: string;
}

/**
 * The curated hooks. Each one goes through the same validator as user code (a test checks) and
 * is shown in docs/shaders.md with a picture (scripts/shader-pictures.mjs).
 */
export const SHADER_LIBRARY: readonly LibraryHook[] = [
  {
    name: 'gradient-by-value',
    hook: 'color',
    description: 'Blue where the value is low in the visible range, through violet, to orange-red where it is high.',
    wgsl: `// Colour by the value's height in the visible range (p.level: 0 bottom, 1 top).
fn color(p: PointInput) -> vec4f {
  let low = vec3f(0.16, 0.38, 0.95);
  let mid = vec3f(0.62, 0.25, 0.78);
  let high = vec3f(0.98, 0.36, 0.12);
  let t = clamp(p.level, 0.0, 1.0);
  var rgb = mix(low, mid, t * 2.0);
  if (t > 0.5) {
    rgb = mix(mid, high, t * 2.0 - 1.0);
  }
  return vec4f(rgb, p.color.a);
}
`,
  },
  {
    name: 'glow',
    hook: 'color',
    description: 'A bright core fading out with the distance from the line (best on areas and wide lines).',
    wgsl: `// Brightest on the line itself, fading with the vertical distance from it.
fn color(p: PointInput) -> vec4f {
  let lineY = (1.0 - p.level) * p.size.y;
  let d = abs(p.pixel.y - lineY);
  let core = exp(-d / 3.0);
  let halo = exp(-d / 24.0);
  let rgb = mix(p.color.rgb, vec3f(1.0, 1.0, 1.0), core * 0.6);
  return vec4f(rgb, max(core, halo * 0.85));
}
`,
  },
  {
    name: 'heat-by-density',
    hook: 'colormap',
    description: 'A heat ramp for heatmaps and density maps: black, red, orange, yellow, white as the density grows.',
    wgsl: `// Heat: black -> red -> yellow -> white; sparse cells stay faintly visible.
fn colormap(t: f32) -> vec4f {
  let r = clamp(t * 3.0, 0.0, 1.0);
  let g = clamp(t * 3.0 - 1.0, 0.0, 1.0);
  let b = clamp(t * 3.0 - 2.0, 0.0, 1.0);
  return vec4f(r, g, b, 0.35 + 0.65 * sqrt(t));
}
`,
  },
  {
    name: 'dashed-by-distance',
    hook: 'color',
    description: 'Dashes of 12 device px with 6 px gaps, measured along the line (they follow its turns).',
    wgsl: `// Dashes along the line: 12 px drawn, 6 px gap.
const DASH = 12.0;
const GAP = 6.0;

fn color(p: PointInput) -> vec4f {
  let phase = p.distance - floor(p.distance / (DASH + GAP)) * (DASH + GAP);
  if (phase > DASH) {
    return vec4f(0.0);
  }
  return p.color;
}
`,
  },
  {
    name: 'up-down',
    hook: 'color',
    description: 'Green on rising segments, red on falling ones (markers: compared with the previous marker; candles, OHLC and volume bars: close >= open; histogram bars: value >= 0).',
    wgsl: `// Rising: green; falling: red.
fn color(p: PointInput) -> vec4f {
  if (p.up > 0.5) {
    return vec4f(0.10, 0.65, 0.35, p.color.a);
  }
  return vec4f(0.86, 0.20, 0.22, p.color.a);
}
`,
  },
];

export function libraryHook(name: string): LibraryHook | null {
  return SHADER_LIBRARY.find((entry) => entry.name === name) ?? null;
}
