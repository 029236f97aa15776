// Registration lives apart from the class, so importing the class has no side effects.
import { GpuAnnotation } from '../elements/gpu-annotation/gpu-annotation.js';

GpuAnnotation.define();

export { GpuAnnotation };
