import { defineConfig } from 'vitest/config';

// Property tests validate hundreds of generated files: on a loaded 2-core machine they need more than 5 s.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
});
