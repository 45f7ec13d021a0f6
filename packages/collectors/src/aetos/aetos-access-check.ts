import { AetosAccessError, AetosClient, requireAetosAllProjects } from '@kitty-collect/aetos-client';
import { CollectError } from '@kitty-collect/collector-base';
import type { AccessInfo } from '@kitty-collect/keystone-auth';
import type { PrometheusClientBase } from '@kitty-collect/prometheus-client-base';

/**
 * The Aetos collector's check before its first query: an AetosClient's token must let Aetos answer for every
 * project (role admin on its project, or role service), else Aetos would restrict the queries to the token's
 * project or refuse them, and a rating run would under-bill. A success is kept for the collector's life; a
 * refusal (a CollectError whose cause is the AetosAccessError) or a Keystone failure is not: the next query
 * checks again, on the session's cached token, so a role granted later counts from the next token on,
 * without a restart. Another client (not an AetosClient) is not checked.
 */
export class AetosAccessCheck {
  readonly #collector: string;
  #check: Promise<void> | undefined;

  constructor(collector: string) {
    this.#collector = collector;
  }

  run(client: PrometheusClientBase): Promise<void> {
    if (!(client instanceof AetosClient)) return Promise.resolve();
    if (this.#check === undefined) {
      const check = this.#checkAllProjects(client);
      this.#check = check;
      check.catch(() => {
        this.#check = undefined;
      });
    }
    return this.#check;
  }

  async #checkAllProjects(client: AetosClient): Promise<void> {
    const collector = this.#collector;
    let access: AccessInfo;
    try {
      access = await client.session.getAccess();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CollectError(`${collector}: no Keystone token to check its roles: ${reason}`, {
        collector,
        cause: error,
      });
    }
    try {
      requireAetosAllProjects(access);
    } catch (error) {
      if (!(error instanceof AetosAccessError)) throw error;
      throw new CollectError(error.message, { collector, cause: error });
    }
  }
}
