/**
 * Starts Hozen exactly as `npm start` does (build if needed, fresh database, demo city) on a free
 * port, for the end-to-end tests, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CITY_CENTER } from '../../src/lib/demo-city/demo-city-land';
import { makeVectorMbtiles } from '../helpers/make-mbtiles';
import { assertChromiumInstalled } from './browser';
import { makeAccount, signInOverHttp } from '../../scripts/lib/server-process';
import { ROLES, type Role } from '../../src/lib/roles';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** An account per role, and a session of each (the cookie's value). */
    accounts: Record<Role, { username: string; password: string }>;
    sessions: Record<Role, string>;
    /** The server's database file (a command-line script may read it too). */
    dbFile: string;
  }
}

let server: ChildProcess | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  assertChromiumInstalled();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-e2e-'));
  // A local basemap, as an office without the internet would configure one: a vector MBTiles
  // with one park polygon over the city centre.
  const mbtiles = path.join(dir, 'basemap.mbtiles');
  const { lon, lat } = CITY_CENTER;
  const d = 0.01;
  makeVectorMbtiles(
    mbtiles,
    'park',
    {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'test park' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [lon - d, lat - d],
                [lon + d, lat - d],
                [lon + d, lat + d],
                [lon - d, lat + d],
                [lon - d, lat - d]
              ]
            ]
          }
        }
      ]
    },
    8,
    14
  );
  // One account per role, made before the server starts (so no first administrator is printed).
  const file = path.join(dir, 'hozen.sqlite');
  const accounts = {} as Record<Role, { username: string; password: string }>;
  for (const role of ROLES) accounts[role] = await makeAccount(file, `e2e-${role}`, role);
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      HOZEN_DB: file,
      HOZEN_MBTILES: mbtiles,
      // The public portal's crawl reads some 700 pages from one address: room for it (a burst of
      // 1,200), and the limit is still reached by the test that floods it.
      HOZEN_PUBLIC_PER_MINUTE: '6000',
      // A comment may be sent a second after its form opened (three by default).
      HOZEN_COMMENT_MIN_SECONDS: '1'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  server = child;
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`Hozen did not start within 5 minutes:\n${output}`)),
      300_000
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Hozen is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Hozen exited with code ${code} before it was ready:\n${output}`));
    });
  });
  project.provide('baseUrl', baseUrl);
  project.provide('accounts', accounts);
  project.provide('dbFile', file);
  const sessions = {} as Record<Role, string>;
  for (const role of ROLES) sessions[role] = await signInOverHttp(baseUrl, accounts[role]);
  project.provide('sessions', sessions);
}

export async function teardown(): Promise<void> {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
