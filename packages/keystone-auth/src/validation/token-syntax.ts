import { InvalidTokenError } from '../errors/invalid-token-error.js';
import { fingerprintOf, tokenDigest } from './token-digest.js';

/** keystonemiddleware's limit for a token header; Fernet tokens are ~180-250 characters, PKI ones were up to 8 k. */
export const MAX_TOKEN_LENGTH = 8192;

// Printable ASCII (space excluded): Fernet tokens are URL-safe base64, and a header value cannot carry more.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Refuses what Keystone cannot have issued before any request: an empty token is `missing` (as an absent
 * header: keystonemiddleware treats both alike), anything else unfit is `malformed`. The problem names the
 * position of a bad character, never the character.
 */
export function checkTokenSyntax(token: string): void {
  if (token.length === 0) throw new InvalidTokenError({ reason: 'missing' });
  const problem = syntaxProblem(token);
  if (problem === undefined) return;
  throw new InvalidTokenError({
    reason: 'malformed',
    fingerprint: fingerprintOf(tokenDigest(token)),
    problem,
  });
}

function syntaxProblem(token: string): string | undefined {
  if (token.length > MAX_TOKEN_LENGTH) return `longer than ${MAX_TOKEN_LENGTH} characters`;
  if (PRINTABLE_ASCII.test(token)) return undefined;
  const position = [...token].findIndex((char) => !PRINTABLE_ASCII.test(char));
  return `character ${position + 1} is not printable ASCII`;
}
