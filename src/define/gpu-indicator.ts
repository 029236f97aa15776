// Registration lives apart from the class, so importing the class has no side effects.
import { GpuIndicator } from '../elements/gpu-indicator/gpu-indicator.js';

GpuIndicator.define();

export { GpuIndicator };
