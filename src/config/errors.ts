/**
 * Config errors. Everything the config core rejects surfaces as a
 * `ConfigError` carrying structured issues, so callers (the element, an
 * editor integration, tests) never have to parse message strings.
 */

export interface ConfigIssue {
  /** Dotted path of the offending setting, e.g. `quality.msaa`; `''` for the document itself. */
  path: string;
  /** What is wrong, e.g. `expected 1 | 4, got 3`. */
  message: string;
  /** 1-based line in the source text, when the format lets us find it. */
  line?: number;
  /** 1-based column in the source text. */
  column?: number;
  /** Where the text came from: a file name or URL. */
  source?: string;
}

/** `chart.yaml:12:5: quality.msaa: expected 1 | 4, got 3` — any part that is unknown is left out. */
export function formatIssue(issue: ConfigIssue): string {
  let where = '';
  if (issue.source !== undefined || issue.line !== undefined) {
    where = issue.source ?? '<input>';
    if (issue.line !== undefined) {
      where += `:${issue.line}`;
      if (issue.column !== undefined) where += `:${issue.column}`;
    }
    where += ': ';
  }
  return issue.path === '' ? `${where}${issue.message}` : `${where}${issue.path}: ${issue.message}`;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[], options?: { cause?: unknown }) {
    const list = issues.length > 0 ? issues : [{ path: '', message: 'invalid configuration' }];
    super(list.map(formatIssue).join('\n'), options);
    this.name = 'ConfigError';
    this.issues = list;
  }
}

export function isConfigError(value: unknown): value is ConfigError {
  return value instanceof ConfigError;
}

/** Wraps whatever a third-party parser threw; keeps the config core's single error type. */
export function toConfigError(error: unknown, source?: string): ConfigError {
  if (error instanceof ConfigError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const issue: ConfigIssue = { path: '', message: firstLine(detail) };
  if (source !== undefined) issue.source = source;
  return new ConfigError([issue], { cause: error });
}

export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).trim();
}
