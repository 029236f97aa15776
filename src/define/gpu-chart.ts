// Registration lives apart from the class (as Lion does), so importing the class has no side effects.
import { GpuChart } from '../elements/gpu-chart/gpu-chart.js';

GpuChart.define();

export { GpuChart };
