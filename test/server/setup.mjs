// Builds the app over an engine for the API suite: records every SQL text the engine receives.
import { buildApp } from '../../server/app.mjs';
import { rawRows } from '../../server/query/window.mjs';

export const SERIES = 'TEST-1s';
export const ROWS = 60_000;

/**
 * @param {any} engine  an opened DuckDbEngine or ClickHouseEngine
 * @param {(rows: { time: number[], value: number[], volume: number[] }) => Promise<void>} append
 * @param {Partial<import('../../server/app.mjs').AppOptions>} [options]
 */
export async function appOver(engine, append, options = {}) {
  const sql = [];
  const query = engine.query.bind(engine);
  engine.query = (text, values, signal) => {
    sql.push(text);
    return query(text, values, signal);
  };
  const app = await buildApp({ engine, maxRawRows: 1000, tailPollMs: 50, rateLimit: false, ...options });
  return {
    app,
    series: SERIES,
    sql,
    append,
    readAll: async () => rawRows(engine, engine.get(SERIES), -1e14, 1e14, 1e7),
  };
}
