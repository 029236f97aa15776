// Registration lives apart from the class (as Lion does), so importing the class has no side effects.
import { GpuPerfOverlay } from '../elements/gpu-perf-overlay/gpu-perf-overlay.js';

GpuPerfOverlay.define();

export { GpuPerfOverlay };
