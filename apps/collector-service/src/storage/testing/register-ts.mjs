// Lets a child `node` process run this package's TypeScript sources directly (Node 20 cannot): the crash
// tests need a real separate process that they can SIGKILL. Usage: node --import ./register-ts.mjs x.ts
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
