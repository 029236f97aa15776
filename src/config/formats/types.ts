/** What every format module hands back to parse.ts. */
import type { Locator } from '../validate.js';

export type ConfigFormat = 'yaml' | 'json' | 'toml';

export interface ParsedText {
  /** The document as plain JS values, not yet guarded or validated. */
  value: unknown;
  /** Maps a path to the position of its key (or list item) in the text. */
  locate: Locator;
}
