import type { SceneLayer } from '../../../core/scene/frame-scene.js';
import type { OwnerAllocations } from '../gpu-allocations.js';
import type { LayerSlot } from '../layer-buffers.js';
import { PRIMITIVE_KINDS } from '../primitives/index.js';
import type { LayerFrame, PipelineContext } from '../primitives/primitive-kind.js';
import { HookGroups } from './hook-groups.js';
import { HookPipelines, type HookCompileReport, type HookedKind } from './hook-pipelines.js';

export type { HookCompileReport, HookedKind } from './hook-pipelines.js';

/** How one layer is drawn with its hook this frame. */
export interface HookDraw {
  /** Replaces the kind's render pipeline (null: keep it). */
  render: GPURenderPipeline | null;
  /** Replaces the kind's compute pipeline (markers). */
  compute: GPUComputePipeline | null;
  /** Bound at group 1 (null: the hooked pipeline has no group 1). */
  group: GPUBindGroup | null;
}

/** A frame drawn with hooks: which, and how long it took (GPU timestamps, else wall time). */
export interface HookFrameReport {
  ids: string[];
  ms: number;
  source: 'gpu-timestamp' | 'wall';
}

const HOOKED_KINDS: ReadonlySet<string> = new Set<HookedKind>(['line', 'area', 'markers', 'rects', 'band', 'grid', 'density']);

/**
 * The WebGPU renderer's part of custom shader hooks: for each layer that carries a `shaderHook`,
 * the hooked pipeline (once compiled) and its group 1. Everything else about the layer (its
 * storage buffers, params, bind group 0, compute passes) is the default kind's, so a hooked layer
 * costs one more small uniform (and, for lines, a distance per point; for rectangles, an input row
 * each), and a hook that does not
 * compile changes nothing: the default pipeline draws the layer.
 */
export class RendererHooks {
  readonly pipelines: HookPipelines;
  private readonly groups: HookGroups;
  /** Hook ids drawn with a hooked pipeline in the frame being encoded. */
  readonly drawnIds = new Set<string>();
  /** A hooked compute pass (markers) ran this frame: the timer times the render pass only. */
  private computeHooked = false;
  /** Hears of each frame drawn with hooks and its time (the chart's watchdog). */
  frameListener: ((report: HookFrameReport) => void) | null = null;

  constructor(context: PipelineContext, allocations: OwnerAllocations, allocate: <T>(bytes: number, create: () => T) => T) {
    const layout = (kind: HookedKind) => PRIMITIVE_KINDS[kind].bindGroupLayout(context);
    this.pipelines = new HookPipelines(context, {
      line: layout('line'),
      area: layout('area'),
      markers: layout('markers'),
      rects: layout('rects'),
      band: layout('band'),
      grid: layout('grid'),
      density: layout('density'),
    });
    this.groups = new HookGroups(context.device, allocations, allocate);
  }

  set compileListener(listener: ((report: HookCompileReport) => void) | null) {
    this.pipelines.listener = listener;
  }

  beginFrame(): void {
    this.drawnIds.clear();
    this.computeHooked = false;
    this.groups.beginFrame();
  }

  /** The hooked way to draw `layer` (already uploaded into `slot`), or null: the default way. */
  prepare(layer: SceneLayer, slot: LayerSlot | null, frame: LayerFrame): HookDraw | null {
    const hook = layer.shaderHook;
    if (!hook || !slot || !HOOKED_KINDS.has(layer.kind)) return null;
    const kind = layer.kind as HookedKind;
    const pipeline = this.pipelines.pipeline(kind, hook);
    if (!pipeline) return null;
    let group: GPUBindGroup | null = null;
    if (layer.kind === 'line' || layer.kind === 'area') {
      // Distances are per layer, indexed from the first point: one chunk only (a line of more
      // than one storage binding's points, ~16M after LOD, keeps its default colour).
      if (slot.used > 1) return null;
      group = this.groups.points(layer, hook, frame.rect, this.pipelines.pointsGroupLayout);
    } else if (layer.kind === 'rects') {
      // Input rows are per layer, indexed from the first rectangle: one chunk only, as for lines.
      if (slot.used > 1) return null;
      group = this.groups.rects(layer, hook, frame.rect, this.pipelines.pointsGroupLayout);
    } else if (layer.kind === 'band') {
      group = this.groups.band(layer, hook, frame.rect, this.pipelines.paramsGroupLayout);
    } else if (layer.kind === 'markers') {
      group = this.groups.markers(layer, hook, frame.rect, this.pipelines.markersGroupLayout);
    }
    this.drawnIds.add(hook.id);
    if (pipeline.compute) this.computeHooked = true;
    return { render: pipeline.render, compute: pipeline.compute, group };
  }

  /** After the frame is submitted: unused groups go; the frame's time goes to the watchdog. */
  endFrame(device: GPUDevice, gpuMs: Promise<number | null> | null, submittedAt: number): void {
    this.groups.endFrame();
    const listener = this.frameListener;
    if (!listener || this.drawnIds.size === 0) return;
    const ids = [...this.drawnIds];
    // Timestamps cover the render pass; a hooked marker splat runs in a compute pass before it, so
    // such frames are timed by the wall clock instead.
    if (gpuMs && !this.computeHooked) {
      void gpuMs.then((ms) => {
        if (ms !== null) listener({ ids, ms, source: 'gpu-timestamp' });
      });
      return;
    }
    // No timestamp queries: the wall time from submit until the queue has done the frame's work.
    void device.queue.onSubmittedWorkDone().then(
      () => listener({ ids, ms: performance.now() - submittedAt, source: 'wall' }),
      () => {},
    );
  }

  releaseAll(): void {
    this.groups.releaseAll();
  }

  dispose(): void {
    this.pipelines.dispose();
  }
}
