import type { Rgba } from './scene/frame-scene.js';

/** Colours the GPU needs (text colours stay in CSS, where the labels are). */
export interface Theme {
  background: Rgba;
  grid: Rgba;
  /** Series colours, used in order for series without their own colour. */
  palette: readonly Rgba[];
  /** Opacity of area fills, 0..1. */
  areaOpacity: number;
  /** Rising and falling candles, bars and volume. */
  up: Rgba;
  down: Rgba;
}

const hex = (value: string, alpha = 1): Rgba => {
  const n = Number.parseInt(value.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255, alpha];
};

export const LIGHT_THEME: Theme = {
  background: hex('#ffffff'),
  grid: hex('#e5e7eb'),
  palette: ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'].map((c) => hex(c)),
  areaOpacity: 0.25,
  up: hex('#16a34a'),
  down: hex('#dc2626'),
};

export const DARK_THEME: Theme = {
  background: hex('#0f172a'),
  grid: hex('#1e293b'),
  palette: ['#60a5fa', '#f87171', '#4ade80', '#fbbf24', '#a78bfa', '#22d3ee', '#f472b6', '#9ca3af'].map((c) => hex(c)),
  areaOpacity: 0.3,
  up: hex('#22c55e'),
  down: hex('#ef4444'),
};

export { hex as hexColor };
