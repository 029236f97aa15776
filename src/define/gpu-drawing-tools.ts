// Registration lives apart from the class, so importing the class has no side effects.
import { GpuDrawingTools } from '../elements/gpu-drawing-tools/gpu-drawing-tools.js';

GpuDrawingTools.define();

export { GpuDrawingTools };
