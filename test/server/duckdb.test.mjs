// The API suite over the embedded engine: DuckDB reading a Parquet file.
import { rm } from 'node:fs/promises';
import { after } from 'node:test';
import { DuckDbEngine } from '../../server/engines/duckdb.mjs';
import { apiSuite } from './api-suite.mjs';
import { fixtureRows, writeParquet } from './fixtures.mjs';
import { appOver, ROWS, SERIES } from './setup.mjs';

let dir = null;
apiSuite('DuckDB (Parquet)', async () => {
  const file = await writeParquet(fixtureRows(ROWS));
  dir = file.dir;
  const engine = await new DuckDbEngine({ series: [{ name: SERIES, files: [file.path], time: 'time', value: 'price', volume: 'volume', live: true }] }).open();
  return appOver(engine, (rows) => engine.append(SERIES, rows));
});
after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});
