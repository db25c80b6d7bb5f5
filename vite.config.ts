import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    // MapLibre is loaded lazily on the map page only; it is one large module by itself.
    chunkSizeWarningLimit: 1_200
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'tests/golden/**/*.spec.ts'],
          environment: 'node'
        }
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000
        }
      },
      // Only under `npm run test:pg`, which starts the cluster HOZEN_TEST_PG names.
      ...(process.env.HOZEN_TEST_PG
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['tests/postgres/**/*.spec.ts'],
                environment: 'node',
                testTimeout: 120_000,
                hookTimeout: 300_000
              }
            }
          ]
        : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false
        }
      }
    ]
  }
});
