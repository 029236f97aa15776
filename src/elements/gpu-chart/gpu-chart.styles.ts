import { css } from 'lit';

/**
 * Colours are CSS custom properties so that pages theme charts with plain CSS; the element reads
 * the computed values for what the GPU draws (background, grid, series).
 */
export const gpuChartStyles = css`
  :host {
    --gpu-chart-background: #ffffff;
    --gpu-chart-text-color: #374151;
    --gpu-chart-grid-color: #e5e7eb;
    --gpu-chart-axis-color: #6b7280;
    --gpu-chart-crosshair-color: rgba(55, 65, 81, 0.6);
    --gpu-chart-tooltip-background: rgba(255, 255, 255, 0.95);
    --gpu-chart-up-color: #16a34a;
    --gpu-chart-down-color: #dc2626;
    --gpu-chart-series-1: #2563eb;
    --gpu-chart-series-2: #dc2626;
    --gpu-chart-series-3: #16a34a;
    --gpu-chart-series-4: #d97706;
    --gpu-chart-series-5: #7c3aed;
    --gpu-chart-series-6: #0891b2;
    --gpu-chart-series-7: #db2777;
    --gpu-chart-series-8: #4b5563;
    display: block;
    position: relative;
    width: 100%;
    height: 320px;
    min-height: 80px;
    contain: layout paint;
    color: var(--gpu-chart-text-color);
    background: var(--gpu-chart-background);
  }
  :host([data-gpu-theme='dark']) {
    --gpu-chart-background: #0f172a;
    --gpu-chart-text-color: #cbd5e1;
    --gpu-chart-grid-color: #1e293b;
    --gpu-chart-axis-color: #94a3b8;
    --gpu-chart-crosshair-color: rgba(203, 213, 225, 0.55);
    --gpu-chart-tooltip-background: rgba(15, 23, 42, 0.92);
    --gpu-chart-up-color: #22c55e;
    --gpu-chart-down-color: #ef4444;
    --gpu-chart-series-1: #60a5fa;
    --gpu-chart-series-2: #f87171;
    --gpu-chart-series-3: #4ade80;
    --gpu-chart-series-4: #fbbf24;
    --gpu-chart-series-5: #a78bfa;
    --gpu-chart-series-6: #22d3ee;
    --gpu-chart-series-7: #f472b6;
    --gpu-chart-series-8: #9ca3af;
  }
  .container {
    position: absolute;
    inset: 0;
    overflow: hidden;
    touch-action: none;
    user-select: none;
    outline: none;
    cursor: crosshair;
  }
  .container:focus-visible {
    box-shadow: inset 0 0 0 2px var(--gpu-chart-series-1);
  }
  .container.panning {
    cursor: grabbing;
  }
  /* The overlay's parts (rendered by ChartOverlay): boxes of their own would change nothing of the layout. */
  .overlay-axes,
  .overlay-axes3d,
  .overlay-clusters,
  .overlay-legend,
  .overlay-pointer,
  .overlay-status {
    display: contents;
  }
  canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    display: block;
  }
  /* Count labels of grid clusters, centred on their discs. */
  .cluster-labels {
    position: absolute;
    inset: 0;
    overflow: hidden;
    pointer-events: none;
  }
  .cluster-label {
    position: absolute;
    transform: translate(-50%, -50%);
    font-size: 10px;
    font-weight: 600;
    color: #fff;
    text-shadow: 0 0 2px rgba(0, 0, 0, 0.6);
    font-variant-numeric: tabular-nums;
  }
  .x-axis,
  .y-axis {
    position: absolute;
    pointer-events: none;
    color: var(--gpu-chart-axis-color);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .x-axis {
    left: 0;
    right: 0;
    bottom: 0;
    height: 26px;
  }
  .x-axis .tick {
    position: absolute;
    top: 6px;
    transform: translateX(-50%);
  }
  .x-axis .tick.major {
    font-weight: 600;
    color: var(--gpu-chart-text-color);
  }
  .y-axis {
    top: 0;
    bottom: 26px;
    right: 0;
    width: 64px;
  }
  .y-axis .tick {
    position: absolute;
    left: 6px;
    transform: translateY(-50%);
  }
  .y-axis.left .tick {
    left: auto;
    right: 6px;
  }
  .axis-title {
    position: absolute;
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
    white-space: nowrap;
    color: var(--gpu-chart-text-color);
  }
  .y-axis .axis-title {
    width: 18px;
    writing-mode: vertical-rl;
  }
  .y-axis.right .axis-title {
    right: 0;
  }
  .y-axis.left .axis-title {
    left: 0;
    transform: rotate(180deg);
  }
  .x-title {
    bottom: 0;
    height: 18px;
    pointer-events: none;
  }
  .legend {
    position: absolute;
    top: 10px;
    left: 14px;
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    pointer-events: none;
    text-shadow: 0 0 3px var(--gpu-chart-background);
  }
  .color-bars {
    position: absolute;
    display: flex;
    flex-direction: column;
    gap: 6px;
    pointer-events: none;
    text-shadow: 0 0 3px var(--gpu-chart-background);
  }
  .color-bar {
    width: 140px;
  }
  .color-bar-ramp {
    height: 8px;
    border-radius: 2px;
    box-shadow: 0 0 0 1px rgba(127, 127, 127, 0.4);
  }
  .color-bar-labels {
    display: flex;
    justify-content: space-between;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .legend-item {
    display: inline-flex;
    align-items: center;
    gap: 5px;
  }
  .legend-item.hidden {
    opacity: 0.45;
  }
  .swatch {
    width: 10px;
    height: 3px;
    border-radius: 1px;
  }
  .legend-value {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .pane-separator {
    position: absolute;
    cursor: row-resize;
    touch-action: none;
    z-index: 2;
  }
  .pane-separator::after {
    content: '';
    position: absolute;
    left: 0;
    right: 0;
    top: 50%;
    border-top: 1px solid var(--gpu-chart-axis-color, rgba(128, 128, 128, 0.5));
  }
  .pane-separator:hover::after,
  .pane-separator:focus-visible::after {
    border-top-width: 3px;
    margin-top: -1px;
  }
  .pane-title {
    position: absolute;
    pointer-events: none;
    display: flex;
    gap: 10px;
    align-items: center;
    font-size: 0.85em;
    white-space: nowrap;
    text-shadow: 0 0 3px var(--gpu-chart-background);
  }
  .pane-name {
    opacity: 0.75;
  }
  .crosshair-v,
  .crosshair-h {
    position: absolute;
    pointer-events: none;
    display: none;
  }
  .crosshair-v {
    top: 0;
    width: 0;
    border-left: 1px dashed var(--gpu-chart-crosshair-color);
  }
  .crosshair-h {
    left: 0;
    height: 0;
    border-top: 1px dashed var(--gpu-chart-crosshair-color);
  }
  .tooltip {
    position: absolute;
    display: none;
    pointer-events: none;
    padding: 6px 8px;
    border-radius: 4px;
    background: var(--gpu-chart-tooltip-background);
    box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    z-index: 2;
  }
  .tooltip .time {
    font-weight: 600;
    margin-bottom: 2px;
  }
  .zoom-box {
    position: absolute;
    display: none;
    pointer-events: none;
    border: 1px solid var(--gpu-chart-series-1);
    background: color-mix(in srgb, var(--gpu-chart-series-1) 15%, transparent);
  }
  .loading,
  .message {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    text-align: center;
    padding: 16px;
    z-index: 3;
  }
  .loading {
    background: color-mix(in srgb, var(--gpu-chart-background) 70%, transparent);
  }
  .loading progress {
    width: min(240px, 60%);
  }
  .message {
    background: var(--gpu-chart-background);
    border: 1px dashed var(--gpu-chart-axis-color);
  }
  .message strong {
    font-size: 14px;
  }
  .fallback-badge {
    position: absolute;
    right: 70px;
    top: 6px;
    padding: 1px 6px;
    border-radius: 3px;
    font-size: 10px;
    color: var(--gpu-chart-axis-color);
    border: 1px solid var(--gpu-chart-grid-color);
    pointer-events: none;
  }
  .error-banner {
    position: absolute;
    left: 14px;
    right: 78px;
    bottom: 32px;
    padding: 4px 8px;
    border-radius: 4px;
    background: #fee2e2;
    color: #991b1b;
    z-index: 2;
    white-space: normal;
  }
`;
