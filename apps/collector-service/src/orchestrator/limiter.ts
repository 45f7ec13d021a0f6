// The collectors bound their own fallback queries with the same limiter; one implementation for both.
export { Limiter } from '@kitty-collect/collectors';
