/**
 * Detail chosen from a time budget (the Canvas2D 3D path while the camera moves): how many units
 * (surface quads, points) a frame may draw so that drawing them takes about `budgetMs`, from what
 * the previous frames measured. A fixed decimation is either too coarse on a fast machine or too
 * slow on a slow one; this adapts to the machine, the pane size and the load.
 *
 * The model is time ≈ cost × units with one cost per unit: the median of the last few frames'
 * measured time ÷ units drawn (a median, so that one frame stalled by a garbage collection or
 * another process does not collapse the detail of the next ones). A fixed part of the drawing
 * (clearing and compositing the picture) makes the cost look higher at few units, and the next
 * frame draws fewer: the count settles where the measured time equals the budget. Growth is capped
 * per frame so that one fast frame (a cache warmed, a quiet moment) does not make the next one
 * blow through the budget.
 */
export interface DetailBudget {
  /** Time a frame's drawing should take, ms. */
  readonly budgetMs: number;
  /** Never fewer units than this (the picture stays recognisable on a slow machine). */
  readonly minUnits: number;
  /** Frames the median cost is taken over. */
  readonly window: number;
  /** A frame draws at most this many times the previous frame's units. */
  readonly maxGrowth: number;
  /** Median ms per unit of the recent frames, 0 before the first measurement. */
  costMs: number;
  /** The recent frames' ms per unit, oldest first. */
  costs: number[];
  /** Units the last measured frame drew. */
  lastUnits: number;
}

/** A budget with nothing measured yet; the first frame draws `firstUnits` (clamped in unitsWithin). */
export function createDetailBudget(budgetMs: number, minUnits: number, firstUnits = minUnits, window = 5, maxGrowth = 2): DetailBudget {
  return { budgetMs, minUnits, window: Math.max(1, Math.floor(window)), maxGrowth, costMs: 0, costs: [], lastUnits: Math.max(minUnits, firstUnits) };
}

/** Units the next frame may draw, within [minUnits, available]. */
export function unitsWithin(budget: DetailBudget, available: number): number {
  const all = Math.max(0, Math.floor(available));
  let units = budget.costMs > 0 ? Math.floor(budget.budgetMs / budget.costMs) : budget.lastUnits;
  units = Math.min(units, Math.ceil(budget.lastUnits * budget.maxGrowth));
  return Math.min(all, Math.max(budget.minUnits, units));
}

/** Records a drawn frame: `units` drawn in `ms`. Non-finite or empty measurements are ignored. */
export function recordDraw(budget: DetailBudget, units: number, ms: number): void {
  if (!(units > 0) || !(ms >= 0) || !Number.isFinite(ms)) return;
  budget.costs.push(Math.max(ms, 1e-3) / units);
  if (budget.costs.length > budget.window) budget.costs.shift();
  const sorted = [...budget.costs].sort((a, b) => a - b);
  budget.costMs = sorted[Math.floor((sorted.length - 1) / 2)]!;
  budget.lastUnits = units;
}
