import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['@kitty-collect/test-stack/vitest-setup'],
    testTimeout: 30_000,
    hookTimeout: 360_000,
  },
});
