import { defineConfig } from 'tsup';

// The test stack and the service stay packages of their own: the stack finds its Python launcher next to
// itself, and the demo runs the service's installed bin.
export default defineConfig({
  entry: ['src/demo.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
});
