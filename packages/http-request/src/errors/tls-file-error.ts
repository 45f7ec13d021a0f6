/** The TLS files a client was given, by their role. */
export type TlsFileRole = 'ca' | 'cert' | 'key';

export interface TlsFileErrorDetails {
  role: TlsFileRole;
  file: string;
  /** e.g. `cannot read /etc/ssl/ca.pem (ENOENT)`, `/etc/ssl/ca.pem holds no PEM certificate` */
  problem: string;
  cause?: unknown;
}

/**
 * A CA bundle, client certificate or key that cannot be used. Clients turn it into their own option error
 * (`caFile`, `cafile`, …): the role says which of their options it was.
 */
export class TlsFileError extends Error {
  override name = 'TlsFileError';
  readonly role: TlsFileRole;
  readonly file: string;
  readonly problem: string;

  constructor(details: TlsFileErrorDetails) {
    super(
      `TLS ${details.role} file: ${details.problem}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.role = details.role;
    this.file = details.file;
    this.problem = details.problem;
  }
}
