import type { Rgba } from '../../core/scene/frame-scene.js';
import type { Scissor } from './primitives/primitive-kind.js';

export type { Scissor } from './primitives/primitive-kind.js';

/** A straight-alpha colour as the premultiplied clear value of a pass. */
export function premultiplied([r, g, b, a]: Rgba): GPUColorDict {
  return { r: r * a, g: g * a, b: b * a, a };
}

/** A layer's rectangle as a scissor: floor origin, ceil size, inside the target. */
export function clampRect(rect: { x: number; y: number; width: number; height: number }, width: number, height: number): Scissor {
  const x = Math.max(0, Math.min(width, Math.floor(rect.x)));
  const y = Math.max(0, Math.min(height, Math.floor(rect.y)));
  return {
    x,
    y,
    width: Math.max(0, Math.min(width - x, Math.ceil(rect.width))),
    height: Math.max(0, Math.min(height - y, Math.ceil(rect.height))),
  };
}

export function sameRect(a: Scissor, b: Scissor): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
