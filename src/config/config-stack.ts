import type { ConfigIssue } from './errors.js';
import { diffConfig, type ConfigDiff } from './diff.js';
import { hasIdList, mergeConfigs, mergeOnto, resolveValidatedLayers } from './merge.js';
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
 * the layer's own paths), merged onto the defaults with the other layers, checked for what only
 * their combination can break (lists merged by id), and diffed against the config in effect. An
 * invalid change leaves every layer and the live config as they were.
 */
export class ConfigStack {
  private readonly layers = new Map<LayerName, ChartConfigPatch>();
  private current: ChartConfig;

  constructor(private readonly now: () => number = () => performance.now()) {
    const resolved = resolveValidatedLayers([]);
    if (resolved.ok === false) throw new Error('gpu-charts: schema defaults do not validate');
    this.current = resolved.config;
  }

  /**
   * The config in effect. Treat it as immutable: successive configs share the objects a change did
   * not touch.
   */
  get config(): ChartConfig {
    return this.current;
  }

  layer(name: LayerName): ChartConfigPatch | undefined {
    return this.layers.get(name);
  }

  /** Replaces one layer (null removes it). */
  set(name: LayerName, patch: unknown, source?: string): StackUpdate {
    return this.update(name, patch, source, false);
  }

  /**
   * Merges a patch into one layer (what `chart.updateConfig()` does to the runtime layer). The
   * patch is validated on its own, so an error names the caller's paths, not the merged layer's.
   */
  merge(name: LayerName, patch: unknown, source?: string): StackUpdate {
    return this.update(name, patch, source, true);
  }

  private update(name: LayerName, patch: unknown, source: string | undefined, merge: boolean): StackUpdate {
    const started = this.now();
    let validated: ChartConfigPatch | null = null;
    if (patch != null) {
      const checked = validatePatch(patch, source ? { source } : {});
      if (checked.ok === false) return { ok: false, issues: checked.issues, durationMs: this.now() - started };
      validated = checked.config;
    }
    const next = new Map(this.layers);
    if (merge) {
      // Both sides are validated; merging them can only break list limits, checked when resolving.
      const current = next.get(name);
      if (validated) next.set(name, current ? mergeConfigs(current, validated) : validated);
    } else if (validated) next.set(name, validated);
    else next.delete(name);
    // A patch merged into the highest layer wins everywhere it says something: merged onto the
    // config in effect, it changes only its own paths (and the diff finds everything else shared).
    // Lists merged by id depend on every layer's list, so those take the full way.
    const resolved =
      merge && validated && name === LAYER_ORDER[LAYER_ORDER.length - 1] && !hasIdList(validated)
        ? ({ ok: true, config: mergeOnto(this.current, validated) } as const)
        : // Every layer is validated: what is left to check is what only their combination can break.
          resolveValidatedLayers(LAYER_ORDER.map((layer) => next.get(layer)));
    if (resolved.ok === false) return { ok: false, issues: resolved.issues.map((issue) => ({ ...issue, source: issue.source ?? source ?? name })), durationMs: this.now() - started };
    const diff = diffConfig(this.current, resolved.config);
    this.layers.clear();
    for (const [key, value] of next) this.layers.set(key, value);
    this.current = resolved.config;
    return { ok: true, config: resolved.config, diff, durationMs: this.now() - started };
  }
}
