/** Root of every error keystone-auth raises. Messages never contain passwords, secrets or tokens. */
export class KeystoneAuthError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
