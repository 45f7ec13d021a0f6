import { aetosReleaseProjects } from '@kitty-collect/test-stack';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    passWithNoTests: true,
    globalSetup: ['@kitty-collect/test-stack/vitest-setup'],
    testTimeout: 60_000,
    hookTimeout: 360_000,
    // The Aetos suites run once per Aetos release: 2.0 (time parameters) and 1.0 (query only).
    projects: aetosReleaseProjects([
      'src/fetchers/prometheus/prometheus-fetcher.aetos.int.test.ts',
      'src/cli/e2e.int.test.ts',
      'src/cli/fault-matrix.int.test.ts',
      'src/cli/fault-matrix.secrets.int.test.ts',
    ]),
  },
});
