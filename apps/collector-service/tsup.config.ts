import { defineConfig } from 'tsup';

const bin = { format: ['esm'] as const, dts: false, sourcemap: true, target: 'node20' as const };

export default defineConfig([
  { entry: ['src/index.ts'], format: ['esm'], dts: true, sourcemap: true, target: 'node20' },
  { ...bin, format: ['esm'], entry: ['src/main.ts'], banner: { js: '#!/usr/bin/env node' } },
]);
