import { AssertionError } from 'node:assert';
import { TEST_STACK_SECRETS } from '@kitty-collect/test-stack';
import type { OutputLine } from './service-process.js';

/**
 * A Keystone Fernet token: `gAAAA` (the version byte and the timestamp's first bits, base64url) and 20 or
 * more characters after it. Found anywhere in output, it is a leak, whichever token it is.
 */
export const KEYSTONE_TOKEN = /gAAAA[A-Za-z0-9_-]{20,}=*/g;

/** One secret found in one line. */
export interface SecretFinding {
  /** 1-based position of the line among those scanned. */
  line: number;
  stream: OutputLine['stream'] | undefined;
  /** `secret #2` (its index in the list given) or `a Keystone token`. */
  what: string;
  /** The line with every secret and token masked, fit for a failure message. */
  masked: string;
}

const TOKEN_MASK = '‹keystone token›';

/** `text` with every occurrence of `secrets` (`‹secret #i›`) and of Keystone tokens masked. */
export function maskSecrets(text: string, secrets: readonly string[] = TEST_STACK_SECRETS): string {
  let masked = text;
  // Longest first, so a secret that holds another is masked whole.
  const order = secrets
    .map((secret, index) => ({ secret, index }))
    .sort((a, b) => b.secret.length - a.secret.length);
  for (const { secret, index } of order) {
    if (secret !== '') masked = masked.split(secret).join(`‹secret #${index}›`);
  }
  return masked.replace(KEYSTONE_TOKEN, TOKEN_MASK);
}

/** The forms a secret may be printed in: as is, JSON-escaped, percent-encoded. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

/** Every secret (or Keystone token) in `lines`, one finding per line and secret. */
export function findSecrets(
  lines: readonly (OutputLine | string)[],
  secrets: readonly string[] = TEST_STACK_SECRETS,
): SecretFinding[] {
  const findings: SecretFinding[] = [];
  lines.forEach((entry, position) => {
    const { text, stream } = typeof entry === 'string' ? { text: entry, stream: undefined } : entry;
    const found = (what: string) =>
      findings.push({ line: position + 1, stream, what, masked: maskSecrets(text, secrets) });
    secrets.forEach((secret, index) => {
      if (secret !== '' && formsOf(secret).some((form) => text.includes(form))) found(`secret #${index}`);
    });
    if (new RegExp(KEYSTONE_TOKEN.source).test(text)) found('a Keystone token');
  });
  return findings;
}

/**
 * Fails (an AssertionError) when any line holds one of `secrets` (default: every password and application
 * credential secret of the test stack, `TEST_STACK_SECRETS`) or a Keystone token, naming each such line
 * with the secrets masked: `GET /v2/scope, line 3 (stderr) holds secret #1: {"msg":"… ‹secret #1› …"}`.
 * `where` says what was scanned (a command, an API answer). Pass extra secrets (a wrong password the test
 * used) with `[...TEST_STACK_SECRETS, 'wrong-one']`.
 */
export function expectNoSecrets(
  lines: readonly (OutputLine | string)[],
  secrets: readonly string[] = TEST_STACK_SECRETS,
  where = 'output',
): void {
  const findings = findSecrets(lines, secrets);
  if (findings.length === 0) return;
  const described = findings.map(
    (finding) =>
      `  ${where}, line ${finding.line}${finding.stream === undefined ? '' : ` (${finding.stream})`} holds ${finding.what}: ${finding.masked}`,
  );
  throw new AssertionError({ message: `secrets were printed:\n${described.join('\n')}` });
}
