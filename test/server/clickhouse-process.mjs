// Starts a real clickhouse-server (Debian's package) as a plain process on 127.0.0.1 with a
// throw-away config and data directory, for the tests and the benchmark.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INSTALL_HINT = 'clickhouse-server not found: install it with `sudo apt-get install -y clickhouse-server` (.ci/run does)';

/** The clickhouse-server binary, or null. */
export function findClickHouse() {
  for (const candidate of [process.env.CLICKHOUSE_SERVER, '/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server']) {
    if (candidate && spawnSync(candidate, ['--help'], { stdio: 'ignore' }).error === undefined) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ dir?: string, memoryBytes?: number }} [options]
 * @returns {Promise<{ url: string, stop(): Promise<void>, dir: string }>}
 */
export async function startClickHouse(options = {}) {
  const binary = findClickHouse();
  if (!binary) throw new Error(INSTALL_HINT);
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'tiles-clickhouse-')));
  await mkdir(join(dir, 'data'), { recursive: true });
  const httpPort = await freePort();
  const tcpPort = await freePort();
  await writeFile(
    join(dir, 'config.xml'),
    `<yandex>
  <logger><level>warning</level><console>1</console></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
</yandex>
`,
  );
  await writeFile(
    join(dir, 'users.xml'),
    `<yandex>
  <profiles><default><max_memory_usage>${options.memoryBytes ?? 4_000_000_000}</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`,
  );
  const child = spawn(binary, [`--config-file=${join(dir, 'config.xml')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    try {
      const response = await fetch(`${url}/?query=SELECT%201`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clickhouse-server did not answer on ${url} within 60 s: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
