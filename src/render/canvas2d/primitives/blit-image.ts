import type { Context2d } from './draw-primitive.js';

/** One scratch canvas for every primitive (drawing is synchronous: each blit is done before the next). */
let scratch: OffscreenCanvas | HTMLCanvasElement | null = null;

function scratchCanvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  if (!scratch) scratch = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
  if (scratch.width < width) scratch.width = width;
  if (scratch.height < height) scratch.height = height;
  return scratch;
}

/**
 * Draws straight-alpha pixels at canvas px (left, top), 1:1, blended over what is below
 * (putImageData on the target itself would replace, not blend: hence the scratch canvas).
 */
export function blitImageData(ctx: Context2d, image: ImageData, left: number, top: number): void {
  scratchContext(image.width, image.height, false).putImageData(image, 0, 0);
  drawScratch(ctx, image.width, image.height, left, top);
}

/**
 * The scratch canvas's context, at least `width` × `height`, for a picture put together in pieces
 * (putImageData of each, then one drawScratch); `clear`: its top-left `width` × `height` cleared first.
 */
export function scratchContext(width: number, height: number, clear: boolean): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const scratchCtx = scratchCanvas(width, height).getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  if (clear) scratchCtx.clearRect(0, 0, width, height);
  return scratchCtx;
}

/** Draws the scratch canvas's top-left `width` × `height` at canvas px (left, top), 1:1, blended over what is below. */
export function drawScratch(ctx: Context2d, width: number, height: number, left: number, top: number): void {
  const canvas = scratchCanvas(width, height);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas, 0, 0, width, height, left, top, width, height);
  ctx.restore();
}
