import { html, render } from 'lit';
import type { FrameResult } from '../../core/chart-model.js';
import { clusterLabels, clusterStyle, layerClusterGrid, type ClusterLabel } from '../../core/scene/cluster-discs.js';
import { layerRect } from '../../core/scene/frame-scene.js';
import type { Renderer } from '../../render/renderer.js';

/**
 * Count labels of grid clusters (scatter series with `cluster="grid"`), in the overlay. The
 * counts live on the GPU: after each frame with cluster layers, the cell buffer is read back
 * asynchronously (one readback in flight at a time) and the labels are rendered when it arrives,
 * so they lag the discs by a frame (or more, while frames come faster than readbacks). The
 * Canvas2D renderer computes the same cells on the CPU.
 */
export class ChartClusterLabels {
  private inFlight = false;
  /** A frame arrived while a readback was in flight: read again once it lands. */
  private again: { frame: FrameResult; renderer: Renderer } | null = null;
  private key = '';

  constructor(private readonly part: () => HTMLElement | null) {}

  frameDrawn(frame: FrameResult | null, renderer: Renderer | null): void {
    if (!frame) return;
    const layers = frame.scene.layers.filter((layer) => layer.kind === 'cluster');
    if (layers.length === 0 || !renderer?.readLayer) {
      this.show([]);
      return;
    }
    if (this.inFlight) {
      this.again = { frame, renderer };
      return;
    }
    this.inFlight = true;
    const ratio = frame.plot.width > 0 ? frame.scene.plot.width / frame.plot.width : 1;
    void Promise.all(
      layers.map(async (layer) => {
        const words = await renderer.readLayer!(layer.id);
        if (!words || layer.kind !== 'cluster') return [];
        const rect = layerRect(frame.scene, layer);
        return clusterLabels(words, layerClusterGrid(layer, rect.width, rect.height), clusterStyle(layer)).map((l) => ({ x: (rect.x + l.x) / ratio, y: (rect.y + l.y) / ratio, count: l.count }));
      }),
    )
      .then((lists) => this.show(lists.flat()))
      .catch(() => this.show([]))
      .finally(() => {
        this.inFlight = false;
        const next = this.again;
        this.again = null;
        if (next) this.frameDrawn(next.frame, next.renderer);
      });
  }

  private show(labels: ClusterLabel[]): void {
    const part = this.part();
    if (!part) return;
    const key = labels.map((l) => `${l.x.toFixed(1)},${l.y.toFixed(1)},${l.count}`).join(';');
    if (key === this.key) return;
    this.key = key;
    render(
      html`<div class="cluster-labels" part="cluster-labels" aria-hidden="true">
        ${labels.map((l) => html`<span class="cluster-label" style="left:${l.x}px;top:${l.y}px">${formatCount(l.count)}</span>`)}
      </div>`,
      part,
    );
  }
}

/** 1234 → 1.2k, 2500000 → 2.5M. */
function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
}
