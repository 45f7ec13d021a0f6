import type { Session } from '../session/session.js';

/**
 * What the validator needs of a Session: its authenticated request (the service's token, re-authenticated
 * once on a 401), its catalog, and its auth URL. A Session is one; unit tests pass a small fake.
 */
export type ValidatorSession = Pick<Session, 'request' | 'getEndpoint'> & {
  readonly auth: { readonly authUrl: string };
};
