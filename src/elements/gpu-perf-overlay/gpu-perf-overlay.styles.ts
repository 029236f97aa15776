import { css } from 'lit';

/**
 * Custom properties are read with fallbacks (not declared on :host), so a page can set them on
 * the overlay, on its chart or on any ancestor.
 */
export const gpuPerfOverlayStyles = css`
  :host {
    position: absolute;
    /* Above the chart's canvas, axes and tooltip. */
    z-index: var(--gpu-perf-overlay-z-index, 10);
    display: block;
    /* Its own updates never lay out or repaint the chart around it. */
    contain: layout paint style;
    font: var(--gpu-perf-overlay-font, 11px/1.35 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    color: var(--gpu-perf-overlay-color, #e2e8f0);
    font-variant-numeric: tabular-nums;
    cursor: pointer;
    user-select: none;
  }
  :host([hidden]) {
    display: none !important;
  }
  :host(:not([position])),
  :host([position='top-right']) {
    top: var(--gpu-perf-overlay-offset, 6px);
    right: var(--gpu-perf-overlay-offset, 6px);
  }
  :host([position='top-left']) {
    top: var(--gpu-perf-overlay-offset, 6px);
    left: var(--gpu-perf-overlay-offset, 6px);
  }
  :host([position='bottom-left']) {
    bottom: var(--gpu-perf-overlay-offset, 6px);
    left: var(--gpu-perf-overlay-offset, 6px);
  }
  :host([position='bottom-right']) {
    bottom: var(--gpu-perf-overlay-offset, 6px);
    right: var(--gpu-perf-overlay-offset, 6px);
  }
  .panel {
    display: grid;
    gap: 4px;
    padding: 4px 6px;
    border-radius: var(--gpu-perf-overlay-radius, 4px);
    background: var(--gpu-perf-overlay-background, rgba(15, 23, 42, 0.82));
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25);
    min-width: 128px;
  }
  .summary {
    all: unset;
    display: grid;
    gap: 2px;
    cursor: pointer;
  }
  .summary:focus-visible {
    outline: 1px solid var(--gpu-perf-overlay-accent, #38bdf8);
    outline-offset: 2px;
  }
  .figures {
    display: flex;
    gap: 8px;
    white-space: nowrap;
  }
  .label {
    opacity: 0.7;
  }
  .sparkline {
    display: block;
    width: 100%;
    height: 24px;
  }
  .sparkline .budget {
    stroke: var(--gpu-perf-overlay-budget-color, rgba(226, 232, 240, 0.35));
    stroke-dasharray: 2 2;
  }
  .sparkline .cpu {
    stroke: var(--gpu-perf-overlay-accent, #38bdf8);
  }
  .sparkline .gpu {
    stroke: var(--gpu-perf-overlay-gpu-color, #f472b6);
  }
  .sparkline path,
  .sparkline line {
    fill: none;
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  dl {
    display: grid;
    grid-template-columns: auto auto;
    column-gap: 8px;
    margin: 0;
  }
  dt {
    opacity: 0.7;
  }
  dd {
    margin: 0;
    text-align: right;
    white-space: nowrap;
  }
  .profile {
    font: inherit;
    color: inherit;
    background: transparent;
    border: 1px solid currentColor;
    border-radius: 3px;
    padding: 1px 6px;
    cursor: pointer;
  }
  .profile:disabled {
    opacity: 0.6;
    cursor: progress;
  }
`;
