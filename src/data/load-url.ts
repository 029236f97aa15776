import type { NormalizedData } from './columnar.js';
import { DataError } from './data-error.js';
import { parseCsv } from './parse-csv.js';
import { parseJson } from './parse-json.js';

export type DataFormat = 'csv' | 'json';

export interface LoadUrlOptions {
  signal?: AbortSignal;
  /** Overrides the format otherwise taken from the content-type, the extension, or the text. */
  format?: DataFormat;
  /** After each chunk: bytes so far, and the total when the server announced it. */
  onProgress?: (loaded: number, total: number | null) => void;
  /** For tests and custom transports. */
  fetchImpl?: typeof fetch;
}

/**
 * Fetches a CSV or JSON file and parses it. The body is read chunk by chunk so that large files
 * can show progress. Every failure is a DataError with the URL as its source: 'http' (status ≥
 * 400), 'network' (no response, or the connection broke), 'aborted', or a parse error.
 */
export async function loadUrl(url: string, options: LoadUrlOptions = {}): Promise<NormalizedData> {
  const { text, format } = await fetchText(url, options);
  return format === 'json' ? parseJson(text, url) : parseCsv(text, url);
}

/** Fetches the text of a data file and tells its format, with loadUrl's progress and errors (3D charts parse it their own way). */
export async function fetchText(url: string, options: LoadUrlOptions = {}): Promise<{ text: string; format: DataFormat }> {
  const { signal, onProgress } = options;
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;
  if (signal?.aborted) throw abortedError(url, signal);

  let response: Response;
  try {
    response = await fetchImpl(url, signal ? { signal } : {});
  } catch (cause) {
    if (isAbort(cause, signal)) throw abortedError(url, signal, cause);
    // Browsers say only "Failed to fetch"; the likely reasons save the reader a trip to devtools.
    throw new DataError(`could not load ${url}: ${reasonOf(cause)} (server unreachable, offline, or blocked by CORS)`, {
      code: 'network',
      source: url,
      cause,
    });
  }
  if (response.status >= 400) {
    response.body?.cancel().catch(() => undefined);
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new DataError(`HTTP ${status} loading ${url}`, { code: 'http', value: response.status, source: url });
  }

  const contentType = response.headers.get('content-type');
  const fromType = options.format ? null : formatFromContentType(contentType, url);
  const text = await readText(response, url, signal, onProgress);
  if (signal?.aborted) throw abortedError(url, signal);
  const format = options.format ?? fromType ?? formatFromUrl(url) ?? sniffFormat(text);
  return { text, format };
}

async function readText(response: Response, url: string, signal: AbortSignal | undefined, onProgress: LoadUrlOptions['onProgress']): Promise<string> {
  const total = announcedLength(response.headers);
  if (!response.body) {
    const text = await response.text();
    onProgress?.(text.length, total);
    return text;
  }
  const reader = response.body.getReader();
  // One decoder across chunks: a multi-byte character may be split between two of them.
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let loaded = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      if (isAbort(cause, signal)) throw abortedError(url, signal, cause);
      throw new DataError(`the connection broke while loading ${url}, after ${loaded} bytes: ${reasonOf(cause)}`, { code: 'network', source: url, cause });
    }
    if (chunk.done) break;
    loaded += chunk.value.byteLength;
    parts.push(decoder.decode(chunk.value, { stream: true }));
    try {
      onProgress?.(loaded, total);
    } catch (error) {
      reader.cancel().catch(() => undefined);
      throw error;
    }
    if (signal?.aborted) {
      reader.cancel().catch(() => undefined);
      throw abortedError(url, signal);
    }
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * The content-length, when it counts the bytes we will read: with a content-encoding (gzip) it
 * counts compressed bytes, while the reader yields decompressed ones, so no total then.
 */
function announcedLength(headers: Headers): number | null {
  const encoding = headers.get('content-encoding');
  if (encoding && encoding.trim().toLowerCase() !== 'identity') return null;
  const length = headers.get('content-length');
  if (length === null || !/^\s*\d+\s*$/.test(length)) return null;
  return Number(length);
}

function formatFromContentType(contentType: string | null, url: string): DataFormat | null {
  if (!contentType) return null;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type === 'text/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/tab-separated-values') return 'csv';
  // Dev servers answer a wrong path with their index.html; parsing that as CSV would blame line 1.
  if (type === 'text/html') {
    throw new DataError(`${url} returned an HTML page (content-type ${type}), not CSV or JSON: is the URL right?`, { code: 'unsupported-format', source: url });
  }
  return null; // text/plain, application/octet-stream...: let the extension or the text decide
}

export function formatFromUrl(url: string): DataFormat | null {
  let path: string;
  try {
    path = new URL(url, 'http://localhost/').pathname;
  } catch {
    path = url.split(/[?#]/)[0]!;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv';
  return null;
}

/** JSON data starts with `[` or `{`; CSV starts with a header name. */
export function sniffFormat(text: string): DataFormat {
  const first = /[^\s\ufeff]/.exec(text)?.[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

function abortedError(url: string, signal: AbortSignal | undefined, cause?: unknown): DataError {
  const reason: unknown = signal?.reason;
  // AbortSignal.timeout() aborts with a TimeoutError: worth saying, it is not the user's click.
  const why = reason instanceof Error && reason.name === 'TimeoutError' ? ' (timed out)' : '';
  return new DataError(`loading ${url} was aborted${why}`, { code: 'aborted', source: url, cause: cause ?? reason });
}

/** The message of an error and of its cause (Node's fetch says "fetch failed", the cause says why). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? error.cause.message : null;
  return inner && inner !== error.message ? `${error.message} (${inner})` : error.message;
}
