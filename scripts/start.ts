/**
 * `npm start`: build the app if needed, create and migrate the database (DATABASE_URL for
 * PostgreSQL, else the SQLite file HOZEN_DB, default db/hozen.sqlite), seed the synthetic demo city into an empty database, and serve on PORT
 * (default 3000) and HOST (default all interfaces). Any problem is one line on stderr and exit 1.
 */
import http from 'node:http';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  databaseTargetFromEnv,
  preflightTarget,
  targetLabel
} from '../src/lib/server/db/connection';
import { firstAdminMessage, prepareDatabase } from '../src/lib/server/services/database.service';
import { MbtilesError, openMbtiles } from '../src/lib/server/services/mbtiles.service';
import { bodyLimits, bodyRefusal, FORM_OVERHEAD } from '../src/lib/server/limits';
import { poolLimits } from '../src/lib/server/compute/pool';
import { clearStaleUploads } from '../src/lib/server/upload';
import { buildIfNeeded, HANDLER_PATH, WORKER_PATH } from './lib/build';
import { intFlag, parseFlags, runCli, UsageError } from './lib/cli';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new UsageError(
            `port ${port} is already in use on ${host}; stop the other server or set PORT`
          )
        );
      else if (error.code === 'EACCES')
        reject(
          new UsageError(
            `not allowed to listen on port ${port}; choose a port above 1023 with PORT`
          )
        );
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
        reject(new UsageError(`HOST ${host} is not an address of this machine`));
      else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

runCli(async () => {
  parseFlags(process.argv.slice(2), {});
  const port = intFlag(process.env.PORT, 'PORT', 0, 65_535, 3000);
  const host = process.env.HOST?.trim() || '0.0.0.0';
  const target = databaseTargetFromEnv();

  // Bind first, so that a port in use is reported before any work; answer 503 until ready.
  let handler: Handler = (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
    res.end('Hozen is starting…\n');
  };
  // This server speaks plain HTTP: say so to SvelteKit (adapter-node assumes https unless told),
  // so that the same-origin check on form posts sees http://host as this site. A proxy in front
  // that terminates TLS sets the header itself (and ORIGIN may be set instead).
  if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  // Bodies over their route's limit are refused before they are read (src/lib/server/limits.ts).
  const limits = bodyLimits();
  // The compute pool's settings are checked now, not at the first heavy request.
  poolLimits();
  const server = http.createServer((req, res) => {
    req.headers['x-forwarded-proto'] ??= 'http';
    const refusal = bodyRefusal(req.method, req.url, req.headers, limits);
    if (refusal) {
      res.writeHead(refusal.status, {
        'content-type': 'text/plain; charset=utf-8',
        connection: 'close'
      });
      res.end(refusal.message + '\n');
      return;
    }
    handler(req, res);
  });
  // Check the database before touching anything else (nothing is written to a bad one).
  await preflightTarget(target);
  // A local basemap that cannot be served is a configuration error: say so now, not on the map.
  if (process.env.HOZEN_MBTILES?.trim()) {
    try {
      const mbtiles = openMbtiles(process.env.HOZEN_MBTILES.trim());
      mbtiles.db.close();
      const info = mbtiles.info;
      console.log(
        `Local basemap: ${info.name} (${info.format}, zoom ${info.minzoom}–${info.maxzoom})`
      );
    } catch (e) {
      if (e instanceof MbtilesError) throw new UsageError(e.message);
      throw e;
    }
  }
  const actualPort = await listen(server, port, host);

  buildIfNeeded();
  const prepared = await prepareDatabase(target, { seedIfEmpty: true });
  await prepared.db.destroy();
  if (prepared.created)
    console.log(
      target.kind === 'sqlite'
        ? `Created the database ${targetLabel(target)}`
        : `Set up Hozen's tables in ${targetLabel(target)}`
    );
  if (prepared.migrationsApplied.length > 0)
    console.log(`Applied ${prepared.migrationsApplied.length} migration(s)`);
  if (prepared.seeded) {
    const assets = Object.values(prepared.seeded.assets).reduce((a, b) => a + b, 0);
    console.log(
      `Seeded the synthetic demo city: ${prepared.seeded.facilities} facilities, ${assets} assets`
    );
  }

  if (target.kind === 'sqlite') process.env.HOZEN_DB = target.file;
  process.env.HOZEN_COMPUTE_WORKER = WORKER_PATH;
  // The largest body any route takes (the import's upload): the server above refuses larger
  // declared lengths at once, and this bounds a body whose length was not declared.
  process.env.BODY_SIZE_LIMIT = String(limits.upload + FORM_OVERHEAD);
  const stale = await clearStaleUploads(os.tmpdir());
  if (stale) console.log(`Removed ${stale} upload folder(s) left by an earlier run`);
  const built = (await import(pathToFileURL(HANDLER_PATH).href)) as { handler: Handler };
  handler = built.handler;

  const shown =
    host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  if (prepared.firstAdmin)
    console.log(firstAdminMessage(prepared.firstAdmin, `http://${shown}:${actualPort}/login`));
  console.log(`Hozen is running at http://${shown}:${actualPort}`);

  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
