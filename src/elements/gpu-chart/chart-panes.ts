import { html, nothing } from 'lit';
import type { ChartModel, FrameResult, PaneInfo } from '../../core/chart-model.js';
import { PANE_GAP_CSS } from '../../core/panes.js';

/** What the pane separators need from the chart. */
export interface PanesHost {
  readonly model: ChartModel;
  /** Draws again after a separator moved. */
  invalidate(): void;
}

/** Keyboard step of a focused separator, CSS px (Shift: five times as much). */
const KEY_STEP = 10;

/**
 * The DOM around indicator panes: a title at each pane's top-left corner and a draggable
 * separator between two panes (pointer or keyboard: a focused separator moves with the arrow keys,
 * Home resets every pane's share). The panes themselves are drawn by the renderer.
 */
export class ChartPanes {
  private drag: { index: number; y: number; pointerId: number } | null = null;

  constructor(private readonly host: PanesHost) {}

  /** `legend`: what follows a pane's title (its series' values under the crosshair). */
  render(frame: FrameResult | null, legend: (pane: PaneInfo) => unknown = () => nothing) {
    if (!frame || frame.panes.length < 2) return nothing;
    const plot = frame.plot;
    return frame.panes.map((pane, i) => {
      if (i === 0) return nothing;
      const above = frame.panes[i - 1]!;
      const percent = Math.round((above.rect.height / (above.rect.height + pane.rect.height)) * 100);
      return html`
        <div class="pane-separator" part="pane-separator" role="separator" aria-orientation="horizontal" tabindex="0"
          aria-label=${`Resize ${pane.title || 'pane'}`} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}
          data-index=${i - 1}
          style="top:${pane.rect.y - PANE_GAP_CSS}px;left:${plot.x}px;width:${plot.width}px;height:${PANE_GAP_CSS}px"
          @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove} @pointerup=${this.onPointerUp}
          @pointercancel=${this.onPointerUp} @keydown=${this.onKeyDown} @dblclick=${this.onDoubleClick}></div>
        <div class="pane-title" part="pane-title" style="top:${pane.rect.y + 2}px;left:${plot.x + 4}px">
          <span class="pane-name">${pane.title}</span>${legend(pane)}
        </div>
      `;
    });
  }

  private readonly onPointerDown = (event: PointerEvent): void => {
    // The separator is inside the plot's event target: dragging it must not pan the chart.
    event.stopPropagation();
    const element = event.currentTarget as HTMLElement;
    // Keeps the drag when the pointer leaves the thin separator (fails for synthetic events: harmless).
    try {
      element.setPointerCapture(event.pointerId);
    } catch {
      /* no active pointer of that id */
    }
    this.drag = { index: Number(element.dataset.index), y: event.clientY, pointerId: event.pointerId };
  };

  private readonly onPointerMove = (event: PointerEvent): void => {
    event.stopPropagation();
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.move(drag.index, event.clientY - drag.y);
    drag.y = event.clientY;
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    event.stopPropagation();
    this.drag = null;
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const index = Number((event.currentTarget as HTMLElement).dataset.index);
    const step = event.shiftKey ? KEY_STEP * 5 : KEY_STEP;
    const delta = event.key === 'ArrowUp' ? -step : event.key === 'ArrowDown' ? step : 0;
    if (event.key === 'Home') {
      this.host.model.resetPaneSizes();
      this.host.invalidate();
    } else if (delta !== 0) {
      this.move(index, delta);
    } else {
      return;
    }
    // The chart's own keys (arrows pan) must not act on a focused separator's keys.
    event.preventDefault();
    event.stopPropagation();
  };

  private readonly onDoubleClick = (event: MouseEvent): void => {
    // Double-click on the plot resets the view; on a separator it resets the panes' shares.
    event.stopPropagation();
    this.host.model.resetPaneSizes();
    this.host.invalidate();
  };

  private move(index: number, deltaCss: number): void {
    if (deltaCss === 0) return;
    this.host.model.moveSeparator(index, deltaCss);
    this.host.invalidate();
  }
}
