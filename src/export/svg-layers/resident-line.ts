import type { ResidentLineLayer } from '../../core/scene/frame-scene.js';
import { residentLineAsLine } from '../../core/scene/resident-line-points.js';
import { lineSvg } from './line.js';
import type { SvgLayerWriter } from './svg-layer.js';

/** A GPU level-of-detail line, reduced on the CPU by the shader's twin: the same points the GPU drew. */
export const residentLineSvg: SvgLayerWriter<ResidentLineLayer> = (layer, context) => lineSvg(residentLineAsLine(layer), context);
