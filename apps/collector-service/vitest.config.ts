import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    passWithNoTests: true,
    globalSetup: ['@kitty-collect/test-stack/vitest-setup'],
    testTimeout: 60_000,
    hookTimeout: 360_000,
  },
});
