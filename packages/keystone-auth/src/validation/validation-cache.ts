import type { InvalidTokenReason } from '../errors/invalid-token-error.js';
import type { ValidatedToken } from './validated-token.js';

/** What was learnt about one token: who it is, or why Keystone refused it. */
export type ValidationOutcome =
  | { valid: true; token: ValidatedToken; requestId: string | undefined }
  | {
      valid: false;
      reason: Extract<InvalidTokenReason, 'invalid' | 'expired'>;
      expiresAt?: Date;
      requestId: string | undefined;
    };

interface Entry {
  outcome: ValidationOutcome;
  /** Epoch ms after which the outcome must be asked for again. */
  until: number;
}

/**
 * Outcomes by token digest, each until its own deadline, at most `maxEntries` of them: the least recently
 * used goes first (a Map iterates in insertion order, and a hit re-inserts). Expired entries are dropped
 * when met; the bound keeps the rest from growing without limit under a flood of distinct tokens.
 */
export class ValidationCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(digest: string, now: number): ValidationOutcome | undefined {
    const entry = this.#entries.get(digest);
    if (entry === undefined) return undefined;
    this.#entries.delete(digest);
    if (now >= entry.until) return undefined;
    this.#entries.set(digest, entry);
    return entry.outcome;
  }

  set(digest: string, outcome: ValidationOutcome, until: number, now: number): void {
    this.#entries.delete(digest);
    if (until <= now || this.#maxEntries === 0) return;
    this.#entries.set(digest, { outcome, until });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
