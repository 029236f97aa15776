/**
 * Quality tiers: what each one means in concrete renderer settings. The
 * auto-tuner only moves between tier names; this table is the one place
 * that turns a tier into settings.
 */
import type { ChartConfigPatch, Tier } from './schema.js';

export interface TierSettings {
  resolutionScale: number;
  msaa: 1 | 4;
  lodAggressiveness: number;
}

// `high` equals the schema defaults, so an untuned chart looks like `high`.
const TIER_SETTINGS: Readonly<Record<Tier, Readonly<TierSettings>>> = {
  // Charts are thin lines: resolution is the last thing to give up (medium keeps it, low trims it).
  low: { resolutionScale: 0.75, msaa: 1, lodAggressiveness: 0.9 },
  medium: { resolutionScale: 1, msaa: 1, lodAggressiveness: 0.7 },
  high: { resolutionScale: 1, msaa: 4, lodAggressiveness: 0.5 },
  ultra: { resolutionScale: 1.25, msaa: 4, lodAggressiveness: 0.2 },
};

export function tierSettings(tier: Tier): TierSettings {
  return { ...TIER_SETTINGS[tier] };
}

/**
 * The tier as a config layer. Place it between the schema defaults and the
 * preset: any layer that sets a quality value explicitly (preset, file,
 * attribute, runtime update) fixes it, and the tier fills in the rest.
 */
export function tierLayer(tier: Tier): ChartConfigPatch {
  return { quality: tierSettings(tier) };
}
