import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Dogfoods the setup that other packages use: one default-dataset Prometheus for the run.
    globalSetup: ['./src/vitest-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 360_000,
  },
});
