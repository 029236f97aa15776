// Defines every element of the library.
import './gpu-chart.js';
import './gpu-perf-overlay.js';
import './gpu-indicator.js';
import './gpu-shader.js';
import './gpu-annotation.js';
import './gpu-drawing-tools-lazy.js';
