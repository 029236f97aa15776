/**
 * How a validated hook becomes a whole WGSL module: the user's text first (so that the compiler's
 * line numbers ARE the user's line numbers), then the library's template. Pure string work: the
 * WGSL sources are passed in (the renderer imports them; Node tests read them from shaders/).
 *
 * Grid, density and marker templates are the built-in shaders with one statement replaced (an
 * anchor each): the hooked picture then differs from the default one only where the hook acts.
 * Rects and band templates are the built-in shaders plus hooked entry points that place their
 * corners with the built-in functions (rectCorner, bandCorner): the same pixels are covered.
 * `spliceAnchor` throws if a built-in shader no longer contains its anchor (a test checks them).
 */

/** Which template a layer kind takes, and which hook it calls. */
export type HookTemplate = 'points' | 'markers' | 'rects' | 'band' | 'grid' | 'density';

/** The template sources a composition needs (the built-in shaders and the hook parts). */
export interface TemplateSources {
  primitives: string;
  markers: string;
  rects: string;
  grid: string;
  density: string;
  shared: string;
  pointInput: string;
  points: string;
  markersHook: string;
  rectsHook: string;
  bandHook: string;
  colormap: string;
}

/** Statements of the built-in shaders that a hook replaces: [anchor, replacement]. */
export const ANCHORS: Record<'markers' | 'grid' | 'density', readonly [string, string]> = {
  // Every use of the marker's colour below reads the hooked one (alpha 0 skips the marker).
  markers: ['let m = markers[index];', 'var m = markers[index];\n  m.color = gc_marker_color(m, index);'],
  grid: ['let index = u32(floor(clamp(t, 0.0, 1.0) * 255.0 + 0.5));\n  let color = textureLoad(lut, vec2u(index, 0u), 0);', 'let color = gc_colormap(t);'],
  density: ['let level = u32(clamp(floor(t * 255.0 + 0.5), 0.0, 255.0));\n  let color = unpack4x8unorm(lut[level]);', 'let color = gc_colormap(t);'],
};

export function spliceAnchor(source: string, which: keyof typeof ANCHORS): string {
  const [anchor, replacement] = ANCHORS[which];
  const normalised = source.replace(/\r\n?/g, '\n');
  const at = normalised.indexOf(anchor);
  if (at < 0 || normalised.indexOf(anchor, at + 1) >= 0) throw new Error(`gpu-charts: ${which}.wgsl no longer has exactly one hook anchor (${JSON.stringify(anchor.split('\n')[0])})`);
  return normalised.slice(0, at) + replacement + normalised.slice(at + anchor.length);
}

/** The template part of a hooked module (everything after the user's text). */
export function templateSource(template: HookTemplate, s: TemplateSources): string {
  switch (template) {
    case 'points':
      return [s.primitives, s.shared, s.pointInput, s.points].join('\n');
    case 'markers':
      return [spliceAnchor(s.markers, 'markers'), s.shared, s.pointInput, s.markersHook].join('\n');
    case 'rects':
      return [s.rects, s.shared, s.pointInput, s.rectsHook].join('\n');
    case 'band':
      return [s.primitives, s.shared, s.pointInput, s.bandHook].join('\n');
    case 'grid':
      return [spliceAnchor(s.grid, 'grid'), s.shared, s.colormap].join('\n');
    case 'density':
      return [spliceAnchor(s.density, 'density'), s.shared, s.colormap].join('\n');
  }
}

/** The whole module: the user's (validated, normalised) hook, a separator line, the template. */
export function composeHookModule(userSource: string, template: HookTemplate, sources: TemplateSources): { code: string; userLines: number } {
  const user = userSource.endsWith('\n') ? userSource : `${userSource}\n`;
  const userLines = user.split('\n').length - 1;
  return { code: `${user}// ---- gpu-charts ${template} template ----\n${templateSource(template, sources)}`, userLines };
}

/**
 * A compiler message's place in the user's text: lines past the user's are the template's (a
 * problem the user caused there, e.g. a wrong return type, is reported without a place).
 */
export function mapToUserText(line: number, column: number, userLines: number): { line: number; column: number } {
  if (line >= 1 && line <= userLines) return { line, column };
  return { line: 0, column: 0 };
}
