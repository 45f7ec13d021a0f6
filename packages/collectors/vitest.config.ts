import { aetosReleaseProjects } from '@kitty-collect/test-stack';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['@kitty-collect/test-stack/vitest-setup'],
    testTimeout: 30_000,
    hookTimeout: 360_000,
    // The Aetos suites run once per Aetos release: 2.0 (time parameters) and 1.0 (query only).
    projects: aetosReleaseProjects(['src/aetos/*.int.test.ts']),
  },
});
