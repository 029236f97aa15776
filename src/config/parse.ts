/**
 * Config text → validated layer. The one entry point for files
 * (`config-src`), inline text and tests. Every failure, including ones from
 * third-party parsers, surfaces as a rejected ConfigError.
 */
import { ConfigError, toConfigError } from './errors.js';
import { detectFormat } from './formats/detect.js';
import { parseJsonText } from './formats/json.js';
import { parseTomlText } from './formats/toml.js';
import type { ConfigFormat, ParsedText } from './formats/types.js';
import { parseYamlText } from './formats/yaml.js';
import type { ChartConfigPatch } from './schema.js';
import { validatePatch } from './validate.js';

export type { ConfigFormat } from './formats/types.js';

export interface ParseOptions {
  format?: ConfigFormat;
  /** File name or URL: used for the extension and in error messages. */
  filename?: string;
  /** Content-Type of the response, when fetched. */
  mimeType?: string;
  /** Longest accepted text (UTF-16 code units); configs are small, so hostile sizes stop here. */
  maxLength?: number;
}

export interface ParsedConfig {
  /** The validated layer: only what the text sets, no defaults filled. */
  config: ChartConfigPatch;
  format: ConfigFormat;
}

export const DEFAULT_MAX_LENGTH = 512 * 1024;

const PARSERS: Record<ConfigFormat, (text: string, source?: string) => ParsedText | Promise<ParsedText>> = {
  json: parseJsonText,
  yaml: parseYamlText,
  toml: parseTomlText,
};

export async function parseConfigText(text: string, options: ParseOptions = {}): Promise<ParsedConfig> {
  const source = options.filename;
  try {
    if (typeof text !== 'string') throw issue(`expected config text, got ${typeof text}`, source);
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    if (text.length > maxLength) throw issue(`config text is longer than ${maxLength} characters`, source);

    const format = detectFormat(text, options);
    if (!Object.hasOwn(PARSERS, format)) throw issue(`unknown config format "${String(format)}"`, source);

    // An empty file is an empty config in every format (JSON.parse alone would reject it).
    const parsed = text.trim() === '' ? { value: {}, locate: () => undefined } : await PARSERS[format](text, source);

    const result = validatePatch(parsed.value, { source, locate: parsed.locate });
    if (result.ok === false) throw new ConfigError(result.issues);
    return { config: result.config, format };
  } catch (error) {
    throw toConfigError(error, source);
  }
}

function issue(message: string, source: string | undefined): ConfigError {
  return new ConfigError([source === undefined ? { path: '', message } : { path: '', message, source }]);
}
