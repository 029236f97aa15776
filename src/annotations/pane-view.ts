import type { PlotRect } from '../core/scene/frame-scene.js';

/** A value ↔ pixel map of one axis (the chart's x and y scales satisfy it). */
export interface AxisMap {
  readonly kind: string;
  toPixel(value: number): number;
  fromPixel(pixel: number): number;
}

/**
 * A pane as annotations see it in one frame: its rectangle (device px, within the canvas) and
 * the scales mapping data to pane-relative device px.
 */
export interface PaneView {
  id: string;
  rect: PlotRect;
  x: AxisMap;
  y: AxisMap;
}

/** The pane an annotation names: its exact id, `pane:<name>` for a named indicator pane, or an indicator pane `new:<name>:…`. */
export function resolvePane(name: string, views: readonly PaneView[]): PaneView | null {
  if (views.length === 0) return null;
  if (name === 'main' || name === '' || name === 'overlay') return views[0]!;
  return views.find((v) => v.id === name) ?? views.find((v) => v.id === `pane:${name}`) ?? views.find((v) => v.id.startsWith(`new:${name}:`)) ?? null;
}

/** The pane under a canvas point (device px), or null. */
export function paneAtPoint(views: readonly PaneView[], x: number, y: number): PaneView | null {
  return views.find((v) => x >= v.rect.x && x <= v.rect.x + v.rect.width && y >= v.rect.y && y <= v.rect.y + v.rect.height) ?? null;
}

/** A short public name of a pane id (what `pane` accepts back): `main`, `osc` for `pane:osc`, `rsi` for `new:rsi:0`. */
export function paneName(id: string): string {
  if (id.startsWith('pane:')) return id.slice(5);
  if (id.startsWith('new:')) return id.split(':')[1] ?? id;
  return id;
}
