import type { FrameResult } from '../core/chart-types.js';

/**
 * A line of text the chart shows in its DOM overlay (axis labels, axis titles, pane titles,
 * series names), placed in CSS px within the element, so that exports (SVG, PNG) carry the same
 * words in the same places as the page.
 */
export interface ExportText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  /** Vertical placement of the text on y. */
  baseline: 'middle' | 'top' | 'bottom';
  role: 'x-label' | 'y-label' | 'title' | 'legend';
  /** Rotated a quarter turn counter-clockwise (left axis titles), clockwise (right ones). */
  rotate?: -90 | 90;
  bold?: boolean;
}

/** The legend of the main pane: a swatch colour and a name per series (CSS colours). */
export interface ExportLegendEntry {
  name: string;
  color: string;
}

/**
 * The overlay's text of a frame, where the overlay puts it (gpu-chart.styles.ts): x labels 6 px
 * below the plot, centred on their tick and kept inside the element; y labels 6 px off the plot
 * side of their axis strip; axis titles along their axis; pane titles at a pane's top left.
 */
export function frameTexts(frame: FrameResult, size: { width: number; fontSize: number }): ExportText[] {
  const texts: ExportText[] = [];
  const plot = frame.plot;
  const xTop = plot.y + plot.height + 6;
  for (const label of frame.xLabels) {
    const half = label.label.length * 0.3 * size.fontSize + 2;
    const x = Math.min(Math.max(label.position, half), size.width - half);
    texts.push({ x, y: xTop, text: label.label, anchor: 'middle', baseline: 'top', role: 'x-label', bold: label.major });
  }
  const mainAxes = frame.yAxes;
  frame.yAxes.forEach((axis, i) => {
    const labels = i === 0 ? frame.yLabels : axis.labels;
    const left = axis.side === 'left';
    for (const label of labels) {
      texts.push({ x: left ? axis.x + axis.width - 6 : axis.x + 6, y: label.position, text: label.label, anchor: left ? 'end' : 'start', baseline: 'middle', role: 'y-label' });
    }
    const main = frame.panes[0]?.rect;
    if (axis.title && main) {
      texts.push({ x: left ? axis.x + 9 : axis.x + axis.width - 9, y: main.y + main.height / 2, text: axis.title, anchor: 'middle', baseline: 'middle', role: 'title', rotate: left ? -90 : 90 });
    }
  });
  // No axis info (an empty chart): y labels at the right edge.
  if (mainAxes.length === 0) for (const label of frame.yLabels) texts.push({ x: plot.x + plot.width + 6, y: label.position, text: label.label, anchor: 'start', baseline: 'middle', role: 'y-label' });
  if (frame.xTitle) texts.push({ x: plot.x + plot.width / 2, y: xTop + size.fontSize + 6, text: frame.xTitle, anchor: 'middle', baseline: 'top', role: 'title' });
  for (const pane of frame.panes.slice(1)) if (pane.title) texts.push({ x: pane.rect.x + 6, y: pane.rect.y + 4, text: pane.title, anchor: 'start', baseline: 'top', role: 'title', bold: true });
  return texts;
}
