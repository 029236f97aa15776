// The API suite over ClickHouse: a real clickhouse-server (Debian's 18.16) started as a plain
// process on loopback with a temporary config, loaded with the same rows as the DuckDB suite.
import { after } from 'node:test';
import { ClickHouseEngine } from '../../server/engines/clickhouse.mjs';
import { apiSuite } from './api-suite.mjs';
import { startClickHouse } from './clickhouse-process.mjs';
import { fixtureRows, loadClickHouse } from './fixtures.mjs';
import { appOver, ROWS, SERIES } from './setup.mjs';

let server = null;
apiSuite('ClickHouse 18.16', async () => {
  server = await startClickHouse();
  // Small roll-up slices: the levels the suite reads are built slice by slice, as for 1B rows.
  const loader = new ClickHouseEngine({ url: server.url, series: [], rollupSliceRows: 20_000 });
  await loadClickHouse(loader, 'ticks', fixtureRows(ROWS));
  await loader.close();
  const engine = await new ClickHouseEngine({ url: server.url, series: [{ name: SERIES, table: 'ticks', time: 'time', value: 'price', volume: 'volume', live: true }] }).open();
  const append = async (rows) => {
    const values = rows.time.map((t, i) => `(${Number(t)},${Number(rows.value[i])},${Number(rows.volume[i])})`).join(',');
    await engine.command(`INSERT INTO ticks VALUES ${values}`);
  };
  return appOver(engine, append);
});
after(async () => server?.stop());
