/**
 * The configuration service's DOM-free core: schema, parsing, presets,
 * layering, diffing and quality auto-tuning. The element wires these to
 * attributes, `config-src` fetching and the renderer.
 */
export {
  ChartConfigSchema,
  ChartConfigPatchSchema,
  CssColorSchema,
  defaultConfig,
  GRID_STYLES,
  SERIES_TYPES,
  THEMES,
  TIERS,
  type ChartConfig,
  type ChartConfigInput,
  type ChartConfigPatch,
  type IndicatorConfig,
  type QualityConfig,
  type SeriesItem,
  type SeriesType,
  type Theme,
  type Tier,
} from './schema.js';
export { ConfigError, formatIssue, isConfigError, type ConfigIssue } from './errors.js';
export { parseConfigText, DEFAULT_MAX_LENGTH, type ConfigFormat, type ParseOptions, type ParsedConfig } from './parse.js';
export { detectFormat, formatFromFilename, formatFromMime, sniffFormat } from './formats/detect.js';
export { validatePatch, type Locator, type SourcePosition, type ValidationResult } from './validate.js';
export { mergeConfigs, resolveConfig, type ConfigLayer, type ResolveResult } from './merge.js';
export { diffConfig, RULES as DIFF_RULES, type ConfigDiff, type Work } from './diff.js';
export {
  BUILTIN_PRESET_NAMES,
  getPreset,
  isBuiltinPreset,
  presetNames,
  registerPreset,
  unregisterPreset,
  type BuiltinPresetName,
} from './presets.js';
export {
  createAutoTuner,
  guessTier,
  type AutoTuner,
  type AutoTunerOptions,
  type FrameMeasurements,
  type FrameSource,
  type HardwareInfo,
  type TierDecision,
} from './auto-tune.js';
export { tierLayer, tierSettings, type TierSettings } from './tiers.js';
export { isCssColor } from './css-color.js';
export { ConfigStack, LAYER_ORDER, type LayerName, type StackUpdate } from './config-stack.js';
