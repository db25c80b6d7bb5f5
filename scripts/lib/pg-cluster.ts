/**
 * A throwaway PostgreSQL cluster for tests and benchmarks: `initdb` into a temporary folder,
 * `pg_ctl` starts it on a free loopback port (its socket in the same folder, so nothing of the
 * machine's own clusters is touched), and `stop()` stops it and deletes the folder. Debian's
 * server binaries live in /usr/lib/postgresql/VERSION/bin; PostgreSQL refuses to run as root, so
 * under root the cluster runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { postgresProgram } from '../../src/lib/server/db/pg-tools';

export interface Cluster {
  /** `postgres://hozen@127.0.0.1:PORT/DATABASE` (trust authentication on loopback only). */
  url(database?: string): string;
  port: number;
  /** Creates a database owned by the cluster's user. */
  createDatabase(name: string): void;
  stop(): void;
}

/** The folder holding `initdb` and `pg_ctl` (Debian's newest installed version, or on PATH). */
function postgresBinDir(): string {
  const initdb = postgresProgram('initdb');
  if (!initdb)
    throw new Error(
      'PostgreSQL server programs (initdb, pg_ctl) not found: install Debian package postgresql'
    );
  return path.dirname(fs.realpathSync(initdb));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a new cluster; the caller must `stop()` it (also on failure). With `stopOnSignal`, an
 * interrupt (SIGINT, SIGTERM) stops and deletes it before the process ends.
 */
export async function startCluster(options: { stopOnSignal?: boolean } = {}): Promise<Cluster> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const run = (program: string, args: string[]) => {
    const [command, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0)
      throw new Error(
        `${program} failed (exit ${result.status}): ${(result.stderr || result.stdout).trim()}`
      );
  };
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
      } catch (error) {
        console.error((error as Error).message);
      }
      started = false;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      'hozen',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync'
    ]);
    // Durability is not what a throwaway cluster is for: fsync off makes the suite faster.
    const options = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories=${dir}`,
      `-c fsync=off`,
      `-c synchronous_commit=off`,
      `-c full_page_writes=off`,
      `-c max_connections=200`
    ].join(' ');
    run('pg_ctl', ['start', '-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', options]);
    started = true;
  } catch (error) {
    stop();
    throw error;
  }
  if (options.stopOnSignal)
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        stop();
        process.exit(130);
      });
  const url = (database = 'postgres') => `postgres://hozen@127.0.0.1:${port}/${database}`;
  return {
    url,
    port,
    createDatabase(name: string) {
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'hozen', name]);
    },
    stop
  };
}
