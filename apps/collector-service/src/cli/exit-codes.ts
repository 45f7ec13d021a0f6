/** Documented exit codes of `kitty-collect`. */
export const EXIT = {
  ok: 0,
  /** Invalid configuration or arguments, or a storage that cannot be opened: nothing was started. */
  invalidConfiguration: 1,
  /** Some periods could not be collected or stored (nothing partial was stored). */
  collectionFailed: 2,
  /** Unexpected error: a bug (the stack trace is printed). */
  internalError: 3,
  /** Stopped by SIGINT/SIGTERM before finishing (`--once`). */
  interrupted: 130,
} as const;

/**
 * What each code means, in the words of `--help` and of docs/service.md's table (a test keeps the two
 * the same).
 */
export const EXIT_MEANINGS: readonly { code: number; meaning: string }[] = [
  { code: EXIT.ok, meaning: 'success' },
  {
    code: EXIT.invalidConfiguration,
    meaning:
      'invalid configuration or arguments, or a storage that cannot be opened or created: nothing was started, nothing stored',
  },
  {
    code: EXIT.collectionFailed,
    meaning:
      'some periods could not be collected or stored (upstream unreachable, authentication refused, scope fetch failed, storage full): the periods stored are complete, the rest is retried on the next run',
  },
  {
    code: EXIT.internalError,
    meaning: 'unexpected error (a bug; the stack trace is printed): the periods stored are complete',
  },
  {
    code: EXIT.interrupted,
    meaning:
      'interrupted by SIGINT/SIGTERM (serve --once): the periods stored are complete, the rest resumes on the next run',
  },
];
