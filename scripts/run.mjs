/**
 * `node scripts/run.mjs NAME [ARGS…]` runs the command `scripts/NAME.ts` from one JavaScript file
 * that esbuild bundles from its sources (packages with native parts stay in node_modules), kept in
 * node_modules/.cache/hozen-cli and built again when any of its sources has changed since. A
 * command then starts in about 0.4 s instead of tsx's 1.8 s, which counts on a city's import.
 * The compute pool's worker is bundled the same way (unless HOZEN_COMPUTE_WORKER names one).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const [name, ...args] = process.argv.slice(2);
if (
  !name ||
  !/^[a-z][a-z0-9-]*$/.test(name) ||
  !fs.existsSync(path.join(root, 'scripts', `${name}.ts`))
) {
  console.error(`hozen: no command "${name ?? ''}" (scripts/NAME.ts)`);
  process.exit(1);
}
// One folder per checkout (a copy of the tree may share node_modules through a link).
const cache = path.join(
  root,
  'node_modules',
  '.cache',
  'hozen-cli',
  createHash('sha256').update(root).digest('hex').slice(0, 12)
);
/**
 * The bundle of `entry` (a path from the root) as `cache/NAME.mjs`, built again when missing or
 * older than any file it was built from.
 */
async function bundled(entry, name) {
  const bundle = path.join(cache, `${name}.mjs`);
  const inputs = path.join(cache, `${name}.inputs.json`);
  const fresh = () => {
    try {
      const built = fs.statSync(bundle).mtimeMs;
      const sources = JSON.parse(fs.readFileSync(inputs, 'utf8'));
      return sources.every((file) => fs.statSync(path.join(root, file)).mtimeMs <= built);
    } catch {
      return false;
    }
  };
  if (fresh()) return bundle;
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    // Packages with native parts or worker files of their own stay in node_modules.
    external: ['better-sqlite3', 'pg', 'pg-native', 'piscina', 'esbuild', 'tsx', 'playwright-core'],
    // A bundled CommonJS package may call require().
    banner: {
      js: "import { createRequire as hozenCreateRequire } from 'node:module'; const require = hozenCreateRequire(import.meta.url);"
    },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Code imported on demand (a compute task's) in chunks of its own, loaded when first needed.
    splitting: true,
    outdir: cache,
    entryNames: name,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    write: false,
    metafile: true,
    logLevel: 'error'
  });
  fs.mkdirSync(path.join(cache, 'chunks'), { recursive: true });
  // Each file written beside and renamed: two commands started together never read half a file.
  // The chunks (named by their content) first, then the bundle that imports them.
  const write = (file) => {
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  };
  for (const file of result.outputFiles) if (file.path !== bundle) write(file);
  fs.writeFileSync(
    `${inputs}.${process.pid}.tmp`,
    JSON.stringify([
      // The project's own files; the packages' as one: npm rewrites node_modules/.package-lock.json
      // on every install (a thousand files fewer to look at each time a command starts).
      ...Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/')),
      'scripts/run.mjs',
      'package-lock.json',
      'node_modules/.package-lock.json'
    ])
  );
  fs.renameSync(`${inputs}.${process.pid}.tmp`, inputs);
  write(result.outputFiles.find((file) => file.path === bundle));
  return bundle;
}

const bundle = await bundled(`scripts/${name}.ts`, name);
// The compute pool's worker, bundled the same way (tsx would compile its sources in each worker
// thread: a second or more before an import's first row is read).
process.env.HOZEN_COMPUTE_WORKER ||= pathToFileURL(
  await bundled('src/lib/server/compute/worker.ts', 'compute-worker')
).href;
process.argv = [process.argv[0], path.join(root, 'scripts', `${name}.ts`), ...args];
await import(pathToFileURL(bundle).href);
