import { defineConfig } from 'tsup';

const bin = { format: ['esm'] as const, dts: false, sourcemap: true, target: 'node20' as const };

export default defineConfig([
  { entry: ['src/index.ts'], format: ['esm'], dts: true, sourcemap: true, target: 'node20' },
  { ...bin, format: ['esm'], entry: ['src/main.ts'], banner: { js: '#!/usr/bin/env node' } },
  // the test stack stays a package of its own: it finds its Python launcher next to itself
  { ...bin, format: ['esm'], entry: ['src/demo.ts'], external: ['@kitty-collect/test-stack'] },
]);
