// The public API. Importing it defines nothing: import 'gpu-charts/define' (or the CDN file) for that.
export { GpuChart, type ChartSeriesOptions, type ChartState } from './elements/gpu-chart/gpu-chart.js';
export { GpuPerfOverlay } from './elements/gpu-perf-overlay/gpu-perf-overlay.js';
export * from './events/index.js';
export { DeviceManager, type DeviceEvent } from './render/webgpu/device-manager.js';
export { WebGpuUnavailableError, type WebGpuUnavailableReason } from './render/webgpu/webgpu-unavailable.js';
export type { FrameScene, SceneLayer, Rgba, GridLayer, GridSource, GridInterpolation, GridColorScale } from './core/scene/frame-scene.js';
export type { Renderer, RendererKind, FramePixels, RenderStats } from './render/renderer.js';
export { Canvas2dRenderer } from './render/canvas2d/canvas2d-renderer.js';
export { ChartModel } from './core/chart-model.js';
// 3D charts are a lazy chunk: their maths (parseGrid3d, validateCamera, CAMERA_BOUNDS, …) come from
// `gpu-charts/core`, or `await loadSeriesType('surface')` first; the types are here.
export type { Camera, CameraIssue, Grid3d, Points3d } from './core/three/index.js';
export { DataError } from './data/data-error.js';
export { GridStore, normalizeGrid, gridFromLong } from './data/grid.js';
export { registerPreset, unregisterPreset, presetNames, getPreset, parseConfigText, ConfigError, type ChartConfig, type ChartConfigPatch, type ConfigIssue } from './config/index.js';
export type { FrameStats, FrameListener } from './perf/frame-stats.js';
export { recordProfile, type TraceDocument } from './perf/profiler.js';
export { createTelemetry, type Telemetry, type TelemetryBatch, type TelemetryOptions } from './perf/telemetry.js';
export { type LifecycleState } from './recovery/lifecycle.js';
export { isSoftwareAdapter, DEFAULT_RENDERER_CHOICE, type RendererChoiceOptions } from './recovery/renderer-choice.js';
export { GpuIndicator } from './elements/gpu-indicator/gpu-indicator.js';
export { GpuShader } from './elements/gpu-shader/gpu-shader.js';
export type { ShaderHookStatus } from './elements/gpu-chart/chart-shaders.js';
// The shader sandbox is a lazy chunk: `await loadShaderTools()` gives validateHook, SHADER_LIBRARY,
// libraryHook, HOOKS, …; bundlers may import them from `gpu-charts/shaders`.
export type { HookName, ShaderIssue, LibraryHook } from './custom-shaders/index.js';
export { loadShaderTools } from './elements/shader-sandbox.js';
export { GpuAnnotation } from './elements/gpu-annotation/gpu-annotation.js';
// The drawing toolbar and the annotation editor are lazy chunks (the class: `gpu-charts/define/gpu-drawing-tools`).
export type { GpuDrawingTools } from './elements/gpu-drawing-tools/gpu-drawing-tools.js';
export { loadDrawingTools } from './elements/gpu-drawing-tools/autoload.js';
export { loadAnnotationEditor } from './elements/gpu-chart/chart-annotations-lazy.js';
export { ANNOTATION_KINDS, type Annotation, type AnnotationJson, type AnnotationKind, type AnnotationPoint } from './annotations/types.js';
// Series types are modules: a page can register its own (see README "Adding a series type").
export { registerSeriesType, registerLazySeriesType, loadSeriesType, onSeriesTypeLoaded, seriesType, SERIES_TYPES, lineSeries, areaSeries, barSeries, heatmapSeries } from './series/index.js';
export type { SeriesModule, SeriesContext, DrawTarget, ExtentQuery, ColorBar, HeatmapDefaults } from './series/index.js';
