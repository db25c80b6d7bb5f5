import { defineConfig } from 'vite';

/**
 * The compute pool's worker (src/lib/server/compute/worker.ts), built beside the app as one
 * module of its own: worker threads start from a file, which SvelteKit's server bundle does not
 * keep. `npm start` builds it with the app and tells the pool where it is (HOZEN_COMPUTE_WORKER).
 */
export default defineConfig({
  logLevel: 'warn',
  build: {
    ssr: 'src/lib/server/compute/worker.ts',
    outDir: 'build/compute',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'worker.js' } }
  }
});
