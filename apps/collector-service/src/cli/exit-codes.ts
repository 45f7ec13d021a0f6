/** Documented exit codes of `kitty-collect`. */
export const EXIT = {
  ok: 0,
  /** Invalid configuration or arguments: nothing was started. */
  invalidConfiguration: 1,
  /** Some periods could not be collected (nothing partial was stored). */
  collectionFailed: 2,
  /** Unexpected error (storage, I/O). */
  internalError: 3,
  /** Stopped by SIGINT/SIGTERM before finishing (`--once`). */
  interrupted: 130,
} as const;
