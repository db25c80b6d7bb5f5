/**
 * "Build if needed": the production build in `build/` is reused while the sources it was built from
 * are unchanged (a fingerprint of their paths and contents is kept beside it).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUILD_DIR = path.join(ROOT, 'build');
const FINGERPRINT_FILE = path.join(BUILD_DIR, '.hozen-source-fingerprint');
/** Absolute path of the built request handler. */
export const HANDLER_PATH = path.join(BUILD_DIR, 'handler.js');
/** Absolute path of the built compute worker (HOZEN_COMPUTE_WORKER for the built app). */
export const WORKER_PATH = path.join(BUILD_DIR, 'compute', 'worker.js');
/** Everything the build reads from the project itself. */
const INPUTS = [
  'src',
  'static',
  'db/migrations',
  'svelte.config.js',
  'vite.config.ts',
  'vite.worker.config.ts',
  'tsconfig.json',
  'package-lock.json'
];

function listFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && !d.name.endsWith('.spec.ts'))
    .map((d) => path.relative(ROOT, path.join(d.parentPath, d.name)));
}

/** SHA-256 over the paths and contents of every build input. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(listFiles).sort()) {
    hash.update(file);
    hash.update('\0');
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Builds the app with Vite unless `build/` is already up to date. Returns whether it built. */
export function buildIfNeeded(log: (line: string) => void = console.log): boolean {
  const fingerprint = sourceFingerprint();
  const current = fs.existsSync(FINGERPRINT_FILE) ? fs.readFileSync(FINGERPRINT_FILE, 'utf8') : '';
  if (current === fingerprint && fs.existsSync(HANDLER_PATH) && fs.existsSync(WORKER_PATH))
    return false;
  log('Building Hozen (first start or sources changed)…');
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // The app, then the compute pool's worker (a file of its own: see vite.worker.config.ts).
  for (const args of [[], ['--config', 'vite.worker.config.ts']]) {
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', ...args], {
      cwd: ROOT,
      stdio: 'inherit'
    });
    if (result.status !== 0)
      throw new Error(
        `the build failed (vite build exited with ${result.status ?? result.signal})`
      );
  }
  fs.writeFileSync(FINGERPRINT_FILE, fingerprint);
  return true;
}
