import type { ConfigIssue } from './errors.js';
import { diffConfig, type ConfigDiff } from './diff.js';
import { resolveConfig } from './merge.js';
import type { ChartConfig, ChartConfigPatch } from './schema.js';
import { validatePatch } from './validate.js';

/**
 * The layers of one chart's configuration, lowest first: the merge order of the design
 * (schema defaults < tier < preset < config file < config object < attributes < runtime updates).
 */
export const LAYER_ORDER = ['tier', 'preset', 'file', 'object', 'attributes', 'runtime'] as const;
export type LayerName = (typeof LAYER_ORDER)[number];

export type StackUpdate =
  | { ok: true; config: ChartConfig; diff: ConfigDiff; durationMs: number }
  | { ok: false; issues: ConfigIssue[]; durationMs: number };

/**
 * Holds the layers and the resolved config. A change is validated on its own (so an error names
 * the layer's own paths), merged, validated again as a whole, and diffed against the config in
 * effect. An invalid change leaves every layer and the live config as they were.
 */
export class ConfigStack {
  private readonly layers = new Map<LayerName, ChartConfigPatch>();
  private current: ChartConfig;

  constructor(private readonly now: () => number = () => performance.now()) {
    const resolved = resolveConfig([]);
    if (!resolved.ok) throw new Error('gpu-charts: schema defaults do not validate');
    this.current = resolved.config;
  }

  get config(): ChartConfig {
    return this.current;
  }

  layer(name: LayerName): ChartConfigPatch | undefined {
    return this.layers.get(name);
  }

  /** Replaces one layer (null removes it). */
  set(name: LayerName, patch: unknown, source?: string): StackUpdate {
    const started = this.now();
    let validated: ChartConfigPatch | null = null;
    if (patch != null) {
      const checked = validatePatch(patch, source ? { source } : {});
      if (!checked.ok) return { ok: false, issues: checked.issues, durationMs: this.now() - started };
      validated = checked.config;
    }
    const next = new Map(this.layers);
    if (validated) next.set(name, validated);
    else next.delete(name);
    const resolved = resolveConfig(LAYER_ORDER.map((layer) => next.get(layer)));
    if (!resolved.ok) return { ok: false, issues: resolved.issues.map((issue) => ({ ...issue, source: issue.source ?? source ?? name })), durationMs: this.now() - started };
    const diff = diffConfig(this.current, resolved.config);
    this.layers.clear();
    for (const [key, value] of next) this.layers.set(key, value);
    this.current = resolved.config;
    return { ok: true, config: resolved.config, diff, durationMs: this.now() - started };
  }
}
