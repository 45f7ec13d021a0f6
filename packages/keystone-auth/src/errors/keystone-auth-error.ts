/** Root of every error keystone-auth raises. Messages never contain passwords, secrets or tokens. */
export class KeystoneAuthError extends Error {
  override name = 'KeystoneAuthError';
}
