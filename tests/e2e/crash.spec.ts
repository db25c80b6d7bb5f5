/**
 * A bad moment costs nothing: the server is killed (SIGKILL, no chance to tidy up) in the middle
 * of an import and in the middle of scenario saves; the database then passes `PRAGMA
 * integrity_check` and holds each change whole or not at all.
 */
import SqliteDatabase from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAccount, signInOverHttp } from '../../scripts/lib/server-process';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-crash-'));
const file = path.join(dir, 'hozen.sqlite');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Starts Hozen in one process (so that SIGKILL kills the server itself); its URL. */
async function start(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HOZEN_DB: file },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Hozen is running at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Hozen exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

async function kill(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

function inspect(query: string): unknown[] {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return db.prepare(query).all();
  } finally {
    db.close();
  }
}

const integrity = () => inspect('PRAGMA integrity_check');

describe('a server killed mid-change', () => {
  let account: { username: string; password: string };

  it('keeps none of an import it was writing', async () => {
    account = await makeAccount(file, 'crash-admin', 'admin');
    const { url, child } = await start();
    const session = await signInOverHttp(url, account);
    const before = (inspect('SELECT count(*) AS n FROM assets') as { n: number }[])[0]!.n;
    // 200,000 road segments: long enough to be caught writing.
    const rows = 200_000;
    const lines = [
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind'
    ];
    for (let i = 0; i < rows; i++)
      lines.push(
        `K${String(i).padStart(7, '0')},市道 第${i}区間,road,general,${1960 + (i % 60)},${100 + (i % 900)},m2,,,,`
      );
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'roads.csv');
    form.append('format', 'hozen');
    const response = await fetch(`${url}/api/import`, {
      method: 'POST',
      headers: { cookie: `hozen_session=${session}`, origin: url },
      body: form
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let killedAt: number | null = null;
    // Read the progress lines; kill the server once it reports rows written.
    while (killedAt === null) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      for (const line of text.split('\n').slice(0, -1)) {
        const message = JSON.parse(line) as { type: string; phase?: string; rows?: number };
        if (message.type === 'progress' && message.phase === 'write' && (message.rows ?? 0) > 0) {
          killedAt = message.rows!;
          break;
        }
      }
    }
    expect(killedAt, text.slice(-600)).not.toBeNull();
    await kill(child);
    await reader.cancel().catch(() => undefined);
    expect(integrity()).toEqual([{ integrity_check: 'ok' }]);
    const imported = (
      inspect("SELECT count(*) AS n FROM assets WHERE code LIKE 'K%'") as {
        n: number;
      }[]
    )[0]!.n;
    // Rows had been written when it died — none of them stayed.
    expect(killedAt).toBeGreaterThan(0);
    expect(imported).toBe(0);
    expect((inspect('SELECT count(*) AS n FROM assets') as { n: number }[])[0]!.n).toBe(before);
  }, 300_000);

  it('keeps each scenario save whole (with its audit entry) or not at all', async () => {
    const { url, child } = await start();
    const session = await signInOverHttp(url, account);
    const headers = {
      cookie: `hozen_session=${session}`,
      origin: url,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded'
    };
    const created = await fetch(`${url}/scenarios?/create`, {
      method: 'POST',
      redirect: 'manual',
      headers,
      body: new URLSearchParams({ preset: 'baseline' })
    });
    const id = Number(created.headers.get('location')!.split('/').at(-1));
    // Save after save, each from the version the last one left, until the server is killed.
    let version = 1;
    let saves = 0;
    const saving = (async () => {
      for (;;) {
        const body = new URLSearchParams({
          version: String(version),
          name: `保存 ${saves + 1}`,
          standard: 'soumu',
          budget: 'flat',
          amount: String(50 + saves),
          inflation: '0',
          discount: '0',
          samples: '0',
          seed: '1'
        });
        const r = await fetch(`${url}/scenarios/${id}?/update`, { method: 'POST', headers, body });
        await r.arrayBuffer();
        if (r.status !== 200) return;
        saves++;
        version++;
      }
    })().catch(() => undefined);
    while (saves < 5) await new Promise((resolve) => setTimeout(resolve, 2));
    await kill(child);
    await saving;
    expect(integrity()).toEqual([{ integrity_check: 'ok' }]);
    const [row] = inspect(`SELECT version, name, params FROM scenarios WHERE id = ${id}`) as {
      version: number;
      name: string;
      params: string;
    }[];
    const audits = inspect(
      `SELECT after FROM audit_log WHERE entity = 'scenario' AND entity_id = '${id}' AND action = 'update' ORDER BY id`
    ) as { after: string }[];
    // One audit entry per save that landed, and the last one is what the row holds.
    expect(row!.version).toBe(audits.length + 1);
    expect(audits.length).toBeGreaterThanOrEqual(5);
    expect(row!.name).toBe(`保存 ${audits.length}`);
    expect(JSON.parse(audits.at(-1)!.after)).toMatchObject({
      name: row!.name,
      params: JSON.parse(row!.params)
    });
  }, 300_000);
});
