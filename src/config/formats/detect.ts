/**
 * Which parser to use: the explicit option, else the MIME type (what a
 * server said), else the file extension, else a look at the text.
 */
import type { ConfigFormat } from './types.js';

const MIME: Record<string, ConfigFormat> = {
  'application/json': 'json',
  'text/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
  'application/toml': 'toml',
  'text/toml': 'toml',
  'text/x-toml': 'toml',
};

const EXTENSION: Record<string, ConfigFormat> = { json: 'json', yaml: 'yaml', yml: 'yaml', toml: 'toml' };

export interface DetectOptions {
  format?: ConfigFormat;
  filename?: string;
  mimeType?: string;
}

export function formatFromMime(mimeType: string | undefined): ConfigFormat | undefined {
  if (!mimeType) return undefined;
  const essence = (mimeType.split(';')[0] ?? '').trim().toLowerCase();
  if (Object.hasOwn(MIME, essence)) return MIME[essence];
  if (essence.endsWith('+json')) return 'json';
  if (essence.endsWith('+yaml')) return 'yaml';
  return undefined; // e.g. text/plain from a static server: fall through to the extension
}

export function formatFromFilename(filename: string | undefined): ConfigFormat | undefined {
  if (!filename) return undefined;
  // Works for paths and URLs alike: drop query / fragment, take the last dot-suffix.
  const name = filename.split(/[?#]/, 1)[0] ?? '';
  const match = /\.([A-Za-z0-9]+)$/.exec(name);
  const extension = match?.[1]?.toLowerCase();
  return extension !== undefined && Object.hasOwn(EXTENSION, extension) ? EXTENSION[extension] : undefined;
}

const TOML_TABLE = /^\[\[?\s*[A-Za-z0-9_"'-][^\]]*\]\]?\s*(#.*)?$/;
const TOML_ASSIGNMENT = /^[A-Za-z0-9_"'.-][A-Za-z0-9_"'. -]*=/;

/** JSON starts with `{`; TOML's first statement is a table header or `key = value`; anything else is YAML. */
export function sniffFormat(text: string): ConfigFormat {
  for (const raw of text.split('\n', 200)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('//')) continue;
    if (line.startsWith('{')) return 'json';
    if (TOML_TABLE.test(line) || TOML_ASSIGNMENT.test(line)) return 'toml';
    return 'yaml';
  }
  return 'yaml';
}

export function detectFormat(text: string, options: DetectOptions = {}): ConfigFormat {
  return options.format ?? formatFromMime(options.mimeType) ?? formatFromFilename(options.filename) ?? sniffFormat(text);
}
