/** Shared plumbing for Hozen's command-line scripts: flags, one-line errors, exit codes. */
import { closePool } from '../../src/lib/server/compute/pool';
import {
  databaseTargetFromEnv,
  openTarget,
  preflightTarget,
  targetLabel
} from '../../src/lib/server/db/connection';

/** An error the user caused (bad flag, bad file): printed as one line, exit code 1. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Runs `main`; any error becomes one line on stderr (`hozen: <message>`) and exit code 1.
 * Unexpected errors also print their stack when `HOZEN_DEBUG` is set.
 */
export function runCli(main: () => Promise<void>): void {
  // A command whose work can no longer go on (a promise nothing will settle) must not end as if
  // it had finished: Node would exit 0 with the work undone.
  let settled = false;
  process.on('beforeExit', () => {
    if (settled) return;
    console.error('hozen: stopped before finishing (nothing left to wait for)');
    process.exit(1);
  });
  // The compute pool's threads (if a command used it) would keep the process alive.
  main()
    .finally(() => (settled = true))
    .then(closePool)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`hozen: ${message.split('\n')[0]}`);
      if (process.env.HOZEN_DEBUG && error instanceof Error) console.error(error.stack);
      process.exit(1);
    });
}

/**
 * Parses `--name value` / `--name=value` / `--flag` arguments against the allowed names.
 * @throws UsageError on an unknown flag or a missing value.
 */
export function parseFlags(
  argv: readonly string[],
  spec: Record<string, 'string' | 'boolean'>
): Record<string, string | boolean> {
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const kind = spec[name];
    if (!kind) {
      throw new UsageError(
        `unknown option --${name} (allowed: ${Object.keys(spec)
          .map((n) => `--${n}`)
          .join(', ')})`
      );
    }
    if (kind === 'boolean') {
      flags[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`option --${name} needs a value`);
    flags[name] = value;
  }
  return flags;
}

/** An integer flag within [min, max], or the default. */
export function intFlag(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number
): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${name} must be an integer from ${min} to ${max}, got "${String(value)}"`
    );
  }
  return n;
}

/**
 * The database named by HOZEN_DB (or DATABASE_URL), opened for a command that reads an existing
 * Hozen database: a missing or empty one is a usage error saying how to make it.
 */
export async function openExistingDatabase() {
  const target = databaseTargetFromEnv();
  const state = await preflightTarget(target);
  if (state === 'missing' || state === 'empty')
    throw new UsageError(
      `${targetLabel(target)}: no Hozen database there (run npm start or npm run migrate first)`
    );
  return openTarget(target, { skipPreflight: true });
}
