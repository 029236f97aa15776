import { css } from 'lit';

/**
 * Accessibility styles: the visually hidden parts (live region, help, the table unless
 * `data-table`), the focus marker, the table shown on demand, and the media features —
 * `forced-colors` switches every colour (what the GPU draws reads these properties) to system
 * colours, `prefers-reduced-motion` stops any transition or animation in the shadow tree.
 */
export const a11yStyles = css`
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  .focus-marker {
    position: absolute;
    width: 12px;
    height: 12px;
    margin: -8px 0 0 -8px;
    border: 2px solid var(--gpu-chart-text-color);
    border-radius: 50%;
    box-shadow: 0 0 0 2px var(--gpu-chart-background);
    pointer-events: none;
    z-index: 3;
  }
  .data-table:not(.visually-hidden) {
    position: absolute;
    inset: 0;
    overflow: auto;
    z-index: 4;
    background: var(--gpu-chart-background);
    color: var(--gpu-chart-text-color);
    font: inherit;
    font-size: 12px;
  }
  .data-table table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  .data-table caption {
    text-align: start;
    padding: 4px 6px;
    font-weight: 600;
  }
  .data-table th,
  .data-table td {
    padding: 2px 8px;
    border-bottom: 1px solid var(--gpu-chart-grid-color);
    text-align: end;
  }
  .data-table th[scope='row'] {
    text-align: start;
    font-weight: normal;
  }
  @media (forced-colors: active) {
    :host {
      --gpu-chart-background: Canvas;
      --gpu-chart-text-color: CanvasText;
      --gpu-chart-axis-color: CanvasText;
      --gpu-chart-grid-color: GrayText;
      --gpu-chart-crosshair-color: Highlight;
      --gpu-chart-tooltip-background: Canvas;
      --gpu-chart-up-color: CanvasText;
      --gpu-chart-down-color: Highlight;
      --gpu-chart-series-1: CanvasText;
      --gpu-chart-series-2: Highlight;
      --gpu-chart-series-3: LinkText;
      --gpu-chart-series-4: GrayText;
      --gpu-chart-series-5: VisitedText;
      --gpu-chart-series-6: ActiveText;
      --gpu-chart-series-7: ButtonText;
      --gpu-chart-series-8: Mark;
      forced-color-adjust: none;
    }
    .container:focus-visible {
      outline: 3px solid Highlight;
      outline-offset: -3px;
    }
    .focus-marker {
      border-color: Highlight;
      box-shadow: none;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
  .export-button {
    position: absolute;
    top: 4px;
    right: 4px;
    z-index: 5;
    font: inherit;
    font-size: 11px;
    padding: 2px 6px;
    color: var(--gpu-chart-text-color);
    background: var(--gpu-chart-tooltip-background);
    border: 1px solid var(--gpu-chart-grid-color);
    border-radius: 3px;
    cursor: pointer;
  }
  .export-button:focus-visible {
    outline: 2px solid var(--gpu-chart-series-1);
  }
`;
