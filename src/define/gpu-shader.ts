// Registration lives apart from the class, so importing the class has no side effects.
import { GpuShader } from '../elements/gpu-shader/gpu-shader.js';

GpuShader.define();

export { GpuShader };
