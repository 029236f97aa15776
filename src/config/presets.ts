/**
 * Preset registry: the eight built-in presets (embedded at build time from
 * presets/*.yaml) plus any an application registers. Stored presets are
 * validated and deep-frozen, so a caller can never change a preset for
 * every other chart on the page.
 */
import { ConfigError } from './errors.js';
import { BUILTIN_PRESET_NAMES, BUILTIN_PRESETS, type BuiltinPresetName } from './presets.generated.js';
import type { ChartConfigPatch } from './schema.js';
import { validatePatch } from './validate.js';

export { BUILTIN_PRESET_NAMES, type BuiltinPresetName };

/** Attribute-friendly: `<gpu-chart preset="my-desk">`. */
const NAME = /^[a-z][a-z0-9-]{0,63}$/;

const builtins = new Map<string, ChartConfigPatch>(
  BUILTIN_PRESET_NAMES.map((name) => [name, deepFreeze(structuredClone(BUILTIN_PRESETS[name]))]),
);
const registered = new Map<string, ChartConfigPatch>();

export function getPreset(name: string): ChartConfigPatch | undefined {
  return registered.get(name) ?? builtins.get(name);
}

export function presetNames(): string[] {
  const names: string[] = [...builtins.keys()];
  for (const name of registered.keys()) if (!builtins.has(name)) names.push(name);
  return names;
}

export function isBuiltinPreset(name: string): name is BuiltinPresetName {
  return builtins.has(name);
}

/**
 * Adds a preset. Refuses to replace an existing one (built-in or registered)
 * unless `{ override: true }`, so a typo cannot silently change `mobile`.
 * Throws ConfigError for an invalid name or config.
 */
export function registerPreset(
  name: string,
  config: unknown,
  options: { override?: boolean } = {},
): ChartConfigPatch {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new ConfigError([{ path: '', message: `invalid preset name ${JSON.stringify(name)}: use a-z, 0-9 and -` }]);
  }
  if (!options.override && getPreset(name) !== undefined) {
    throw new ConfigError([
      { path: '', message: `preset "${name}" already exists; pass { override: true } to replace it` },
    ]);
  }
  const result = validatePatch(config, { source: `preset "${name}"` });
  if (result.ok === false) throw new ConfigError(result.issues);
  const frozen = deepFreeze(result.config);
  registered.set(name, frozen);
  return frozen;
}

/** Removes a registered preset; a built-in it overrode comes back. Built-ins themselves stay. */
export function unregisterPreset(name: string): boolean {
  return registered.delete(name);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
