// @ts-check
/// <reference path="./types.d.ts" />
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import jwt from '@fastify/jwt';
import { EngineDown, QueryTimeout } from './engines/errors.mjs';
import { encodeColumns, jsonColumns, MEDIA_TYPE } from './format/columns.mjs';
import { m4Window, ohlcWindow, rawRows, tailRows, timeframeMs, WindowTooLarge } from './query/window.mjs';
import { Values } from './query/dialect.mjs';
import { describeRoute, errorSchema, listRoute, seriesSchema, tailRoute, windowRoute } from './schemas.mjs';

/**
 * @typedef {import('./query/window.mjs').SeriesInfo} SeriesInfo
 * @typedef {{ dialect: import('./query/dialect.mjs').Dialect, name: string, list(): SeriesInfo[], get(name: string): SeriesInfo | null,
 *   query: import('./query/window.mjs').SqlRunner['query'], close(): Promise<void> }} Engine
 * @typedef {{
 *   engine: Engine,
 *   auth?: { apiKeys?: Record<string, { name: string, max?: number }>, jwtSecret?: string },
 *   rateLimit?: { max: number, timeWindow: number | string } | false,
 *   maxRawRows?: number, maxBars?: number, tailPollMs?: number, logger?: boolean, cors?: string,
 * }} AppOptions
 */

/** An error the API answers with a status, a stable code and the parameter at fault. */
export class ApiError extends Error {
  /**
   * @param {number} statusCode
   * @param {string} code
   * @param {string} message
   * @param {string} [param]
   */
  constructor(statusCode, code, message, param) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.param = param;
  }
}

const STATUS_TEXT = /** @type {Record<number, string>} */ ({ 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable', 504: 'Gateway Timeout' });

/**
 * The tile server: Fastify with the routes of schemas.mjs over one engine (DuckDB or ClickHouse).
 * @param {AppOptions} options
 */
export async function buildApp(options) {
  const { engine } = options;
  const maxRawRows = options.maxRawRows ?? 200_000;
  const maxBars = options.maxBars ?? 20_000;
  const tailPollMs = options.tailPollMs ?? 1000;
  const apiKeys = options.auth?.apiKeys ?? null;
  const jwtSecret = options.auth?.jwtSecret ?? null;
  const authOn = Boolean(apiKeys || jwtSecret);

  const app = Fastify({
    logger: options.logger ?? false,
    // Strict: unknown parameters are errors, not silently dropped; numbers come from query strings.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false } },
  });

  app.addSchema(errorSchema);
  app.addSchema(seriesSchema);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'gpu-charts tile server', version: '1.0.0', description: 'Windows of large time series, aggregated per pixel column (M4) or per bar (OHLC), for <gpu-chart tiles="…">.' },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      ...(authOn ? { security: [{ apiKey: [] }, { bearer: [] }] } : {}),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  if (jwtSecret) await app.register(jwt, { secret: jwtSecret });

  // CORS: the chart usually lives on another origin than its data.
  const origin = options.cors ?? '*';
  app.addHook('onRequest', async (request, reply) => {
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-expose-headers', 'etag, x-rows, x-mode, retry-after, ratelimit-limit, ratelimit-remaining');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, OPTIONS');
      reply.header('access-control-allow-headers', 'authorization, x-api-key, if-none-match, last-event-id, accept');
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
  app.options('*', async (_request, reply) => reply.code(204).send());

  // Authentication (off without keys or a JWT secret): x-api-key, Authorization: Bearer <jwt>,
  // or access_token in the query for EventSource, which cannot send headers.
  app.addHook('onRequest', async (request) => {
    if (!authOn || !request.url.startsWith('/v1/')) return;
    const query = /** @type {Record<string, string>} */ (request.query ?? {});
    const header = request.headers['x-api-key'];
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const token = (typeof header === 'string' ? header : undefined) ?? bearer ?? (typeof query.access_token === 'string' ? query.access_token : undefined);
    if (!token) throw new ApiError(401, 'unauthorized', 'credentials required: send x-api-key, or Authorization: Bearer <JWT>');
    if (apiKeys) {
      const key = matchKey(apiKeys, token);
      if (key) {
        request.principal = key;
        return;
      }
    }
    if (jwtSecret && token.split('.').length === 3) {
      try {
        const claims = /** @type {{ sub?: string }} */ (app.jwt.verify(token));
        request.principal = { name: `jwt:${claims.sub ?? 'anonymous'}` };
        return;
      } catch (error) {
        throw new ApiError(401, 'unauthorized', `invalid token: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new ApiError(401, 'unauthorized', 'unknown API key or invalid token');
  });

  if (options.rateLimit !== false) {
    const limits = options.rateLimit ?? { max: 600, timeWindow: 60_000 };
    await app.register(rateLimit, {
      // After authentication, so that the limit is the key's, not the address'.
      hook: 'preHandler',
      max: (request) => request.principal?.max ?? limits.max,
      timeWindow: limits.timeWindow,
      keyGenerator: (request) => request.principal?.name ?? request.ip,
      allowList: (request) => !request.url.startsWith('/v1/'),
      errorResponseBuilder: (_request, context) => new ApiError(429, 'rate-limited', `rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${context.after}`),
    });
  }

  app.setErrorHandler((error, _request, reply) => {
    const e = /** @type {any} */ (error);
    if (e instanceof ApiError) return send(reply, e.statusCode, e.code, e.message, e.param);
    if (e.validation) {
      const first = e.validation[0] ?? {};
      const param = (first.instancePath || '').replace(/^\//, '') || first.params?.missingProperty || first.params?.additionalProperty || undefined;
      const where = e.validationContext ?? 'request';
      const detail = first.keyword === 'additionalProperties' ? `unknown parameter "${first.params.additionalProperty}"` : first.keyword === 'required' ? `missing parameter "${first.params.missingProperty}"` : `${param} ${first.message}`;
      return send(reply, 400, 'invalid-parameter', `${where}: ${detail}`, first.params?.additionalProperty ?? first.params?.missingProperty ?? param);
    }
    if (e instanceof WindowTooLarge) return send(reply, 413, 'window-too-large', e.message, e.param);
    if (e instanceof EngineDown) return send(reply, 503, 'engine-down', e.message);
    if (e instanceof QueryTimeout) return send(reply, 504, 'timeout', e.message);
    if (e.statusCode === 429) return send(reply, 429, 'rate-limited', e.message);
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return send(reply, e.statusCode, e.code ?? 'bad-request', e.message);
    app.log.error(error);
    return send(reply, 500, 'internal', `the server failed: ${e.message ?? String(error)}`);
  });
  app.setNotFoundHandler((request, reply) => send(reply, 404, 'not-found', `no route ${request.method} ${request.url.split('?')[0]}; see /openapi.json`));

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/v1/health', { schema: { hide: true } }, async () => {
    await engine.query('SELECT 1 AS ok', new Values(engine.dialect));
    return { ok: true, engine: engine.name };
  });

  app.get('/v1/series', { schema: listRoute }, async () => ({ series: engine.list().map(describe) }));
  app.get('/v1/series/:name', { schema: describeRoute }, async (request) => describe(seriesOf(request)));

  app.get('/v1/series/:name/window', { schema: windowRoute }, async (request, reply) => {
    const s = seriesOf(request);
    const q = /** @type {{ from: number, to: number, pixels?: number, timeframe?: string, agg: 'm4' | 'ohlc' | 'raw', format?: 'json' | 'binary' }} */ (request.query);
    if (!(q.to > q.from)) throw new ApiError(400, 'invalid-parameter', `querystring: "to" (${q.to}) must be greater than "from" (${q.from})`, 'to');
    const binary = q.format === 'binary' || (q.format === undefined && String(request.headers.accept ?? '').includes(MEDIA_TYPE));
    const immutable = q.to < s.immutableUntil;
    const etag = `"${s.version}-${createHash('sha1').update(`${s.name}|${q.agg}|${q.from}|${q.to}|${q.pixels ?? ''}|${q.timeframe ?? ''}|${binary}`).digest('hex').slice(0, 20)}"`;
    if (immutable) {
      reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    } else {
      reply.header('cache-control', 'no-store');
    }
    const signal = abortOnClose(reply);
    /** @type {Record<string, unknown>} */
    let meta;
    /** @type {Record<string, Float64Array>} */
    let columns;
    if (q.agg === 'm4') {
      if (q.pixels === undefined) throw new ApiError(400, 'invalid-parameter', 'querystring: agg=m4 needs "pixels" (the pixel columns of the plot)', 'pixels');
      const w = await m4Window(engine, s, { from: q.from, to: q.to, pixels: q.pixels }, signal);
      meta = { series: s.name, agg: 'm4', mode: w.mode, from: q.from, to: q.to, pixels: q.pixels, before: w.before, after: w.after, visibleRows: w.visibleRows, immutable };
      columns = { time: w.time, value: w.value };
    } else if (q.agg === 'ohlc') {
      let bucketMs;
      if (q.timeframe !== undefined) bucketMs = /** @type {number} */ (timeframeMs(q.timeframe));
      else if (q.pixels !== undefined) bucketMs = 2 ** Math.max(0, Math.ceil(Math.log2((3 * (q.to - q.from)) / q.pixels)));
      else throw new ApiError(400, 'invalid-parameter', 'querystring: agg=ohlc needs "timeframe" (e.g. 1m, 1h, 1d) or "pixels"', 'timeframe');
      const w = await ohlcWindow(engine, s, { from: q.from, to: q.to, bucketMs, maxBars }, signal);
      meta = { series: s.name, agg: 'ohlc', mode: 'ohlc', from: q.from, to: q.to, bucketMs: w.bucketMs, immutable, ...(q.pixels !== undefined ? { pixels: q.pixels } : {}) };
      columns = { time: w.time, open: w.open, high: w.high, low: w.low, close: w.close, volume: w.volume };
    } else {
      const rows = await rawRows(engine, s, q.from, q.to, maxRawRows + 1, signal);
      if (rows.length > maxRawRows) throw new WindowTooLarge(`the window holds more than ${maxRawRows} rows: ask for agg=m4 or agg=ohlc, or a shorter range`, 'agg');
      meta = { series: s.name, agg: 'raw', mode: 'raw', from: q.from, to: q.to, immutable };
      columns = { time: Float64Array.from(rows, (r) => /** @type {number} */ (r.t)), value: Float64Array.from(rows, (r) => /** @type {number} */ (r.v)) };
      if (s.volume) columns.volume = Float64Array.from(rows, (r) => (r.volume == null ? NaN : r.volume));
    }
    reply.header('x-rows', String(columns.time.length)).header('x-mode', String(meta.mode));
    if (binary) return reply.type(MEDIA_TYPE).send(encodeColumns(meta, columns));
    return jsonColumns(meta, columns);
  });

  app.get('/v1/series/:name/tail', { schema: tailRoute }, (request, reply) => {
    const s = seriesOf(request);
    const q = /** @type {{ since?: number }} */ (request.query);
    const resume = Number(request.headers['last-event-id']);
    let since = Number.isSafeInteger(resume) ? resume : (q.since ?? s.last);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'access-control-allow-origin': origin, 'x-accel-buffering': 'no' });
    res.write(`retry: 2000\n: tail of ${s.name} since ${since}\n\n`);
    let closed = false;
    let timer = /** @type {ReturnType<typeof setTimeout> | null} */ (null);
    let quiet = 0;
    const poll = async () => {
      if (closed) return;
      try {
        const rows = await tailRows(engine, s, since, 10_000);
        if (rows.length > 0) {
          since = /** @type {number} */ (rows[rows.length - 1].t);
          const body = { time: rows.map((r) => r.t), value: rows.map((r) => r.v), volume: rows.map((r) => (r.volume == null || !Number.isFinite(r.volume) ? null : r.volume)) };
          res.write(`event: rows\nid: ${since}\ndata: ${JSON.stringify(body)}\n\n`);
          quiet = 0;
        } else if (++quiet * tailPollMs >= 15_000) {
          res.write(': keep-alive\n\n');
          quiet = 0;
        }
      } catch (error) {
        const e = /** @type {Error} */ (error);
        res.write(`event: error\ndata: ${JSON.stringify({ code: e instanceof EngineDown ? 'engine-down' : 'internal', message: e.message })}\n\n`);
      }
      if (!closed) timer = setTimeout(poll, tailPollMs);
    };
    request.raw.on('close', () => {
      closed = true;
      if (timer) clearTimeout(timer);
    });
    void poll();
  });

  app.addHook('onClose', async () => {
    await engine.close();
  });

  /** @param {import('fastify').FastifyRequest} request */
  function seriesOf(request) {
    const { name } = /** @type {{ name: string }} */ (request.params);
    const s = engine.get(name);
    if (!s) throw new ApiError(404, 'not-found', `no series "${name}"; GET /v1/series lists them`, 'name');
    return s;
  }

  return app;
}

/** @param {SeriesInfo} s */
function describe(s) {
  return { name: s.name, columns: ['time', 'value', ...(s.volume ? ['volume'] : [])], rows: s.rows, from: s.first, to: s.last, live: s.live, levels: s.levels.map((l) => l.bucketMs) };
}

/**
 * @param {import('fastify').FastifyReply} reply
 * @param {number} statusCode
 * @param {string} code
 * @param {string} message
 * @param {string} [param]
 */
function send(reply, statusCode, code, message, param) {
  if (statusCode === 401) reply.header('www-authenticate', 'Bearer, ApiKey');
  return reply.code(statusCode).type('application/json').send({ statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', code, message, ...(param ? { param } : {}) });
}

/**
 * Constant-time lookup of an API key.
 * @param {Record<string, { name: string, max?: number }>} keys
 * @param {string} token
 */
function matchKey(keys, token) {
  const wanted = createHash('sha256').update(token).digest();
  let found = null;
  for (const key of Object.keys(keys)) {
    if (timingSafeEqual(createHash('sha256').update(key).digest(), wanted)) found = keys[key];
  }
  return found;
}

/**
 * Aborts engine work when the client goes away before its answer is written (a stale request the
 * chart cancelled).
 * @param {import('fastify').FastifyReply} reply
 */
function abortOnClose(reply) {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableEnded) controller.abort();
  });
  return controller.signal;
}
