import type { ColorBar, LodSummary, SeriesModule } from '../../series/series-type.js';
import type { Series3d, Series3dContext } from '../../series/shared/series-3d.js';
import type { SeriesSpec } from '../../series/shared/series-spec.js';
import type { ChartSize } from '../layout.js';
import { canvasPixels } from '../layout.js';
import type { FrameScene, PlotRect, Rgba, SceneLayer } from '../scene/frame-scene.js';
import { nextMarkersKey } from '../scene/frame-scene.js';
import type { Theme } from '../theme.js';
import { layoutAxes3d, type Axis3dLabel } from './axes-3d.js';
import { cameraMatrices, cloneCamera, DEFAULT_CAMERA, validateCamera, type Camera, type CameraIssue, type CameraMatrices } from './camera.js';
import type { Grid3d, Points3d } from './data-3d.js';
import type { Layer3dCamera, Lines3dLayer } from '../scene/layers-3d.js';
import type { Pick3dHit } from './pick.js';
import { emptyBounds, worldMap, type Bounds3, type WorldMap } from './world.js';

/** Margin around a 3D chart's pane, CSS px. */
export const PANE_MARGIN = 6;
/** Hit radius of 3D picking, CSS px. */
export const PICK_RADIUS = 10;

/** What a 3D frame needs from the chart model. */
export interface ThreeFrameInput {
  size: ChartSize;
  theme: Theme;
  specs: readonly SeriesSpec[];
  detail: 'auto' | 'off';
  titles: { x: string; y: string; z: string };
  /** A series' module and state (the model's slots). */
  slot(spec: SeriesSpec): { module: SeriesModule; state: unknown };
  colorOf(spec: SeriesSpec, index: number): Rgba;
}

export interface ThreeFrame {
  scene: FrameScene;
  /** The pane, CSS px. */
  plot: { x: number; y: number; width: number; height: number };
  labels: Axis3dLabel[];
  colorBars: ColorBar[];
  lod: LodSummary;
}

/** The 3D element under the pointer: series, element index, its values and where it is (CSS px). */
export interface Three3dPick {
  spec: SeriesSpec;
  index: number;
  x: number;
  y: number;
  values: { x: number; y: number; z: number; extra: [string, number][] };
}

/**
 * The state of a 3D chart (DOM-free): its data (a grid or point columns), the camera and the
 * camera it resets to, and the frame builder. Each frame: data bounds → world map (the box),
 * camera → matrices, the axes (box, grid planes, labelled edges facing the viewer), then each
 * series' own layers. The last frame's pane, map and matrices are kept for picking.
 */
export class ThreeView {
  camera: Camera = cloneCamera(DEFAULT_CAMERA);
  /** Where double-click / reset returns: the configured camera, else the default. */
  home: Camera = cloneCamera(DEFAULT_CAMERA);
  grid: Grid3d | null = null;
  points: Points3d | null = null;
  /**
   * The camera is moving (set by the orbit controller on each camera change, cleared when it has
   * been still for a moment): point clouds draw their reduced level of detail (points-lod.ts).
   */
  moving = false;
  /**
   * GPU picking (WebGPU renderer): set by the orbit controller while the chart draws with WebGPU.
   * `pick` then answers from the last GPU pick at that pointer position and frame, and asks for a
   * new one (asynchronous, coalesced) when it has none; null: picking on the CPU (Canvas2D).
   */
  gpuPicker: ((cssX: number, cssY: number, frame: number) => void) | null = null;
  /** The last GPU pick delivered: where, for which frame, and what it found. */
  private gpuHit: { cssX: number; cssY: number; frame: number; found: { series: string; element: number } | null } | null = null;
  /** Frames built so far (a GPU pick names the frame it read). */
  frameSerial = 0;
  /** Layer id → the id of the series that drew it (last frame), to name GPU picks' series. */
  private readonly layerSeries = new Map<string, string>();
  /** The configured camera last applied (JSON), so that an unchanged one does not reset the view. */
  private configured = '{}';
  private last: { pane: PlotRect; map: WorldMap; matrices: CameraMatrices; ratio: number } | null = null;
  private readonly context: Series3dContext = { spec: null as unknown as SeriesSpec, color: [0, 0, 0, 1], state: null, theme: null as unknown as Theme, pixelRatio: 1, grid: null, points: null };
  private readonly axisGrid: Lines3dLayer = { kind: 'lines3d', id: 'axes3d:grid', count: 0, camera: { viewProj: new Float32Array(16), light: [0, 0, 1] }, points: new Float32Array(0), color: [0, 0, 0, 1], width: 1, dataKey: 0 };
  private readonly axisEdges: Lines3dLayer = { kind: 'lines3d', id: 'axes3d:edges', count: 0, camera: { viewProj: new Float32Array(16), light: [0, 0, 1] }, points: new Float32Array(0), color: [0, 0, 0, 1], width: 1, dataKey: 0 };

  setGrid(grid: Grid3d): void {
    this.grid = grid;
    this.points = null;
  }

  setPoints(points: Points3d): void {
    this.points = points;
    this.grid = null;
  }

  /** Sets the camera (a partial one keeps the other keys); refused with issues outside the sane bounds. */
  setCamera(input: unknown, prefix = 'camera'): CameraIssue[] {
    const { camera, issues } = validateCamera(input, this.camera, prefix);
    if (issues.length === 0) this.camera = camera;
    return issues;
  }

  /** The configured camera: becomes home, and the view (only when it changed: other options leave the view alone). */
  configure(input: unknown): CameraIssue[] {
    const key = JSON.stringify(input ?? {});
    if (key === this.configured) return [];
    const { camera, issues } = validateCamera(input ?? {}, DEFAULT_CAMERA);
    if (issues.length > 0) return issues;
    this.configured = key;
    this.home = camera;
    this.camera = cloneCamera(camera);
    return [];
  }

  reset(): void {
    this.camera = cloneCamera(this.home);
  }

  /** The pane of a 3D chart (device px): the canvas less a small margin. */
  pane(size: ChartSize): PlotRect {
    const { width, height } = canvasPixels(size);
    const m = Math.round(PANE_MARGIN * size.pixelRatio);
    return { x: m, y: m, width: Math.max(1, width - 2 * m), height: Math.max(1, height - 2 * m) };
  }

  private each(input: ThreeFrameInput, run: (three: Series3d, context: Series3dContext, spec: SeriesSpec) => void): void {
    const context = this.context;
    context.theme = input.theme;
    context.pixelRatio = input.size.pixelRatio;
    context.grid = this.grid;
    context.points = this.points;
    input.specs.forEach((spec, i) => {
      if (!spec.visible) return;
      const { module, state } = input.slot(spec);
      const three = module.three;
      if (!three) return;
      if ((three.data === 'grid' && !this.grid) || (three.data === 'points' && !this.points)) return;
      context.spec = spec;
      context.color = input.colorOf(spec, i);
      context.state = state;
      run(three, context, spec);
    });
  }

  frame(input: ThreeFrameInput): ThreeFrame {
    const { size, theme } = input;
    const { width, height } = canvasPixels(size);
    const ratio = size.pixelRatio;
    const pane = this.pane(size);
    const layers: SceneLayer[] = [];
    const scene: FrameScene = { width, height, background: theme.background, plot: pane, layers };
    const lod: LodSummary = { mode: 'raw', visiblePoints: 0, drawnPoints: 0 };
    const colorBars: ColorBar[] = [];
    const plot = { x: pane.x / ratio, y: pane.y / ratio, width: pane.width / ratio, height: pane.height / ratio };
    const bounds: Bounds3 = emptyBounds();
    this.each(input, (three, context) => three.bounds(context, bounds));
    const map = worldMap(bounds);
    const matrices = cameraMatrices(this.camera, pane.width / pane.height);
    const camera: Layer3dCamera = { viewProj: Float32Array.from(matrices.viewProj), light: matrices.light };
    this.last = { pane, map, matrices, ratio };
    this.frameSerial++;
    const axes = layoutAxes3d(map, matrices, pane.width, pane.height, input.titles, Math.max(3, Math.min(7, Math.round(Math.min(plot.width, plot.height) / 90))));
    this.fillLines(this.axisGrid, axes.grid, camera, pane, theme.grid, ratio);
    const dark = theme.background[0] + theme.background[1] + theme.background[2] < 1.5;
    this.fillLines(this.axisEdges, axes.edges, camera, pane, dark ? [0.58, 0.64, 0.72, 1] : [0.42, 0.45, 0.5, 1], ratio);
    layers.push(this.axisGrid, this.axisEdges);
    this.layerSeries.clear();
    this.each(input, (three, context, spec) => {
      const from = layers.length;
      three.draw(context, { pane, map, camera, matrices, layers, colorBars, lod, detail: input.detail, moving: this.moving });
      for (let i = from; i < layers.length; i++) this.layerSeries.set(layers[i]!.id, spec.id);
    });
    if (lod.drawnPoints < lod.visiblePoints) lod.mode = 'm4';
    const labels = axes.labels.map((l) => ({ ...l, x: (pane.x + l.x) / ratio, y: (pane.y + l.y) / ratio }));
    return { scene, plot, labels, colorBars, lod };
  }

  private fillLines(layer: Lines3dLayer, segments: number[], camera: Layer3dCamera, pane: PlotRect, color: Rgba, ratio: number): void {
    // Axes change with the camera (the labelled edges move): new points every frame, few of them.
    if (layer.points.length < segments.length) layer.points = new Float32Array(segments.length * 2);
    layer.points.set(segments);
    layer.count = segments.length / 6;
    layer.camera = camera;
    layer.pane = pane;
    layer.color = color;
    layer.width = Math.max(1, ratio);
    layer.dataKey = nextMarkersKey();
  }

  /**
   * The element under the pointer (CSS px within the element) in the last frame, or null. With a
   * GPU picker: the GPU's answer for this position and frame when there is one; otherwise a GPU
   * pick is asked for and the last answer stays shown (moved to where its element is now) until
   * the new one arrives. Without: on the CPU (`pickCpu`).
   */
  pick(input: ThreeFrameInput, cssX: number, cssY: number): Three3dPick | null {
    if (!this.gpuPicker) return this.pickCpu(input, cssX, cssY);
    const hit = this.gpuHit;
    const fresh = hit !== null && hit.cssX === cssX && hit.cssY === cssY && hit.frame === this.frameSerial;
    if (!fresh) this.gpuPicker(cssX, cssY, this.frameSerial);
    const found = hit?.found;
    const spec = found ? input.specs.find((s) => s.id === found.series) : undefined;
    return found && spec ? this.placed(input, spec, found.element) : null;
  }

  /**
   * A GPU pick arrived (the orbit controller): the layer and element the renderer found at (cssX,
   * cssY) in frame `frame`, or null for nothing there. `pick` answers with it from then on.
   */
  deliverGpuPick(cssX: number, cssY: number, frame: number, found: { layer: string; element: number } | null): void {
    const series = found ? this.layerSeries.get(found.layer) : undefined;
    this.gpuHit = { cssX, cssY, frame, found: found && series !== undefined ? { series, element: found.element } : null };
  }

  /** Forgets the last GPU pick (the pointer left). */
  clearGpuPick(): void {
    this.gpuHit = null;
  }

  /** A series' element as a pick: its values, and where it is in the last frame (its x, y, z projected). */
  private placed(input: ThreeFrameInput, spec: SeriesSpec, index: number): Three3dPick | null {
    const last = this.last;
    if (!last) return null;
    let values: Three3dPick['values'] | null = null;
    this.each(input, (three, context, s) => {
      if (s === spec) values = three.values(context, index);
    });
    const v = values as Three3dPick['values'] | null;
    if (!v) return null;
    const { pane, map, matrices, ratio } = last;
    const m = matrices.viewProj;
    const x = v.x * map.scale[0] + map.offset[0];
    const y = v.y * map.scale[1] + map.offset[1];
    const z = v.z * map.scale[2] + map.offset[2];
    const w = m[3]! * x + m[7]! * y + m[11]! * z + m[15]! || 1e-9;
    const sx = (((m[0]! * x + m[4]! * y + m[8]! * z + m[12]!) / w + 1) / 2) * pane.width;
    const sy = ((1 - (m[1]! * x + m[5]! * y + m[9]! * z + m[13]!) / w) / 2) * pane.height;
    return { spec, index, x: (pane.x + sx) / ratio, y: (pane.y + sy) / ratio, values: v };
  }

  /** Picking on the CPU (Canvas2D, and the reference GPU picking is tested against). */
  pickCpu(input: ThreeFrameInput, cssX: number, cssY: number): Three3dPick | null {
    const last = this.last;
    if (!last) return null;
    const { pane, map, matrices, ratio } = last;
    const px = cssX * ratio - pane.x;
    const py = cssY * ratio - pane.y;
    if (px < 0 || py < 0 || px > pane.width || py > pane.height) return null;
    let best: { hit: Pick3dHit; spec: SeriesSpec; values: Three3dPick['values'] } | null = null;
    this.each(input, (three, context, spec) => {
      const hit = three.pick(context, px, py, { pane, map, matrices, radius: PICK_RADIUS * ratio });
      if (hit && (!best || hit.depth < best.hit.depth)) best = { hit, spec, values: three.values(context, hit.index) };
    });
    const found = best as { hit: Pick3dHit; spec: SeriesSpec; values: Three3dPick['values'] } | null;
    if (!found) return null;
    return { spec: found.spec, index: found.hit.index, x: (pane.x + found.hit.x) / ratio, y: (pane.y + found.hit.y) / ratio, values: found.values };
  }

  /** The last frame's pane, data → world map and matrices (tests, the orbit controller's pan scale). */
  get lastFrame(): { pane: PlotRect; map: WorldMap; matrices: CameraMatrices } | null {
    return this.last;
  }
}
