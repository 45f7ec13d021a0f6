import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/collect.ts', 'src/child.ts', 'src/api-auth.ts', 'src/replicas.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
