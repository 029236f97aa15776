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
  const canvas = scratchCanvas(image.width, image.height);
  const scratchCtx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
  scratchCtx.putImageData(image, 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas, 0, 0, image.width, image.height, left, top, image.width, image.height);
  ctx.restore();
}
