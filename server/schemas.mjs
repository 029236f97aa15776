// @ts-check
import { SERIES_NAME_PATTERN } from './query/identifiers.mjs';

/**
 * The JSON schemas of the routes: Fastify validates every request against them (unknown
 * parameters refused, types coerced from the query string) and @fastify/swagger turns them into
 * the OpenAPI 3.1 document at /openapi.json.
 */

/** Epoch milliseconds the server accepts: integers within ±10^14 (about ±3000 years around 1970). */
export const MAX_ABS_TIME = 1e14;
export const MAX_PIXELS = 4096;

const time = (/** @type {string} */ description) => ({ type: 'integer', minimum: -MAX_ABS_TIME, maximum: MAX_ABS_TIME, description });

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    code: { type: 'string', description: 'stable machine-readable code: invalid-parameter, not-found, unauthorized, rate-limited, window-too-large, engine-down, timeout, …' },
    message: { type: 'string', description: 'what is wrong, naming the parameter' },
    param: { type: 'string', description: 'the parameter at fault, when one is' },
  },
};

export const seriesSchema = {
  $id: 'Series',
  type: 'object',
  required: ['name', 'columns', 'rows', 'from', 'to', 'live'],
  properties: {
    name: { type: 'string' },
    columns: { type: 'array', items: { type: 'string' }, description: 'columns a window returns (time in epoch ms first)' },
    rows: { type: 'integer', description: 'rows stored (at startup, plus live rows since)' },
    from: { type: 'number', description: 'time of the first row, epoch ms' },
    to: { type: 'number', description: 'time of the last row, epoch ms' },
    live: { type: 'boolean', description: 'rows are appended while the server runs (see /tail)' },
    levels: { type: 'array', items: { type: 'integer' }, description: 'bucket widths (ms) of the roll-up levels tile-aligned windows read' },
  },
};

const nameParam = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: SERIES_NAME_PATTERN, description: 'series name' } },
};

const errors = {
  400: { description: 'invalid parameter', $ref: 'Error#' },
  401: { description: 'missing or invalid credentials', $ref: 'Error#' },
  404: { description: 'no such series', $ref: 'Error#' },
  429: { description: 'rate limit of this key exceeded', $ref: 'Error#' },
  503: { description: 'engine unavailable', $ref: 'Error#' },
  504: { description: 'query ran past the time limit', $ref: 'Error#' },
};

export const listRoute = {
  summary: 'List the series',
  tags: ['series'],
  response: { 200: { type: 'object', required: ['series'], properties: { series: { type: 'array', items: { $ref: 'Series#' } } } }, 401: errors[401], 429: errors[429] },
};

export const describeRoute = {
  summary: 'Describe one series',
  tags: ['series'],
  params: nameParam,
  response: { 200: { $ref: 'Series#' }, 401: errors[401], 404: errors[404], 429: errors[429] },
};

export const windowRoute = {
  summary: 'A window of a series, aggregated to at most ~4 rows per pixel column',
  description: [
    'agg=m4 (default): per pixel column the first, minimum, maximum and last point (M4, exactly as the chart computes it), plus the neighbour before and after the window; raw rows when the window holds ≤ 4 × pixels.',
    'agg=ohlc: bars (open, high, low, close, volume) of `timeframe` (1s, 5m, 4h, 1d, 1w …), or of the smallest power-of-two ms bucket at least 3 pixels wide.',
    'agg=raw: the rows themselves, refused (413) past maxRawRows.',
    'format=json (default) or binary (application/vnd.gpu-charts.columns: float64 LE columns behind a JSON header; also chosen by that Accept header).',
    'Windows that end before the newest immutable row are cacheable: ETag and Cache-Control immutable; If-None-Match answers 304.',
  ].join('\n\n'),
  tags: ['series'],
  params: nameParam,
  querystring: {
    type: 'object',
    additionalProperties: false,
    required: ['from', 'to'],
    properties: {
      from: time('window start, epoch ms (inclusive)'),
      to: time('window end, epoch ms (inclusive; must be > from)'),
      pixels: { type: 'integer', minimum: 1, maximum: MAX_PIXELS, description: 'pixel columns (m4; ohlc without timeframe)' },
      timeframe: { type: 'string', pattern: '^[1-9][0-9]{0,4}[smhdw]$', description: 'bar length for agg=ohlc' },
      agg: { type: 'string', enum: ['m4', 'ohlc', 'raw'], default: 'm4' },
      format: { type: 'string', enum: ['json', 'binary'], description: 'default json, or binary when Accept asks for application/vnd.gpu-charts.columns' },
    },
  },
  response: {
    200: {
      description: 'the window (JSON form; the binary form carries the same fields in its header)',
      type: 'object',
      required: ['series', 'agg', 'mode', 'from', 'to', 'rows', 'columns'],
      properties: {
        series: { type: 'string' },
        agg: { type: 'string', enum: ['m4', 'ohlc', 'raw'] },
        mode: { type: 'string', enum: ['m4', 'raw', 'ohlc'], description: 'm4 may come back raw when the window is small' },
        from: { type: 'number' },
        to: { type: 'number' },
        pixels: { type: 'integer' },
        bucketMs: { type: 'number' },
        before: { type: 'boolean', description: 'the first row is the neighbour before the window' },
        after: { type: 'boolean', description: 'the last row is the neighbour after the window' },
        visibleRows: { type: 'number', description: 'raw rows inside the window' },
        immutable: { type: 'boolean' },
        rows: { type: 'integer' },
        columns: { type: 'object', additionalProperties: { type: 'array', items: { type: ['number', 'null'] } } },
      },
    },
    304: { description: 'not modified (If-None-Match)', type: 'null' },
    ...errors,
    413: { description: 'window too large for the aggregation asked', $ref: 'Error#' },
  },
};

export const tailRoute = {
  summary: 'Live tail: rows after `since`, then every new row, as server-sent events',
  description: 'text/event-stream. Events `rows` carry {time:[], value:[], volume:[]} (JSON); `id` is the last row time, so a reconnecting EventSource resumes (Last-Event-ID). Events `error` say the engine failed; the stream keeps polling. EventSource cannot send headers: `access_token` carries the API key or JWT here.',
  tags: ['series'],
  params: nameParam,
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      since: time('send rows after this time (default: the last row now)'),
      access_token: { type: 'string', maxLength: 4096 },
    },
  },
  response: { 200: { description: 'event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors },
};
