import { html, render } from 'lit';
import type { FrameResult } from '../../core/chart-types.js';
import type { Axis3dLabel } from '../../core/three/axes-3d.js';

const STYLE = html`<style>
  .axes3d-label {
    position: absolute;
    transform: translate(-50%, -50%);
    white-space: nowrap;
    pointer-events: none;
    color: var(--gpu-chart-axis-color);
    font-size: 0.9em;
    font-variant-numeric: tabular-nums;
  }
  .axes3d-live {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .axes3d-label.title {
    color: var(--gpu-chart-text-color);
    font-weight: 600;
  }
</style>`;

/**
 * The text of a 3D chart's axes: tick labels and axis titles, placed where the frame's camera
 * projected them (on the box's edges facing the viewer; see core/three/axes-3d.ts), as DOM text
 * in the `.overlay-axes3d` part. Rendered only when a label moved or changed; cleared on 2D charts.
 */
export class ChartAxes3d {
  private key = '';
  private labels: Axis3dLabel[] = [];
  /** What the live region says (3D keyboard point navigation, chart-orbit.ts). */
  private spoken = '';

  constructor(private readonly part: () => HTMLElement | null) {}

  frameDrawn(frame: FrameResult | null): void {
    if (!this.part() || !frame) return;
    const labels = frame.labels3d ?? [];
    let key = '';
    for (const l of labels) key += `${l.role}${l.axis}${l.text}@${l.x.toFixed(1)},${l.y.toFixed(1)};`;
    if (key === this.key) return;
    this.key = key;
    this.labels = labels;
    this.draw();
  }

  /** Says `text` through a polite live region (a screen reader reads it; hidden on screen). */
  announce(text: string): void {
    this.spoken = text;
    this.draw();
  }

  private draw(): void {
    const target = this.part();
    if (!target) return;
    const live = html`<div class="axes3d-live" role="status" aria-live="polite">${this.spoken}</div>`;
    render(this.labels.length > 0 || this.spoken ? html`${STYLE}${this.labels.map(label)}${live}` : html``, target);
  }
}

function label(l: Axis3dLabel) {
  return html`<span class=${l.role === 'title' ? 'axes3d-label title' : 'axes3d-label'} part=${l.role === 'title' ? 'axis-title' : 'tick'} data-axis=${l.axis} style="left:${l.x}px;top:${l.y}px">${l.text}</span>`;
}
