import type { Session } from '@kitty-collect/keystone-auth';
import { ScopeFetchError } from '../errors/scope-fetch-error.js';
import type { ScopeFetcher } from '../scope-fetcher.js';
import { IdentityApi, type IdentityEndpointOptions } from './identity-api.js';

/** The role CloudKitty looks for (hard-coded there too). */
export const RATING_ROLE = 'rating';

export interface KeystoneFetcherOptions extends IdentityEndpointOptions {
  session: Session;
  /** `[fetcher_keystone] ignore_rating_role`: rate every project. */
  ignoreRatingRole?: boolean;
  /** `[fetcher_keystone] ignore_disabled_tenants`: skip disabled projects. */
  ignoreDisabledTenants?: boolean;
  /** Close the session in close(): true when the fetcher made it. */
  ownsSession?: boolean;
}

/**
 * CloudKitty's KeystoneFetcher: the projects on which the service user (the token's user) has the
 * `rating` role, disabled ones included unless `ignoreDisabledTenants`.
 *
 * CloudKitty asks Keystone once per project (`GET /v3/projects/{p}/users/{me}/roles`: the user's direct,
 * non-inherited roles on that project). This asks once in all: the user's direct role assignments
 * (`GET /v3/role_assignments?user.id=<me>&include_names`), keeping those of the role named `rating` on
 * a project and not inherited — the same set, without `effective`, which would add group, inherited
 * and implied roles that CloudKitty does not count.
 */
export class KeystoneFetcher implements ScopeFetcher {
  readonly name = 'keystone';
  emptyReason: string | undefined;
  readonly #options: KeystoneFetcherOptions;
  #api: Promise<IdentityApi> | undefined;

  constructor(options: KeystoneFetcherOptions) {
    this.#options = options;
  }

  async getScopes(): Promise<string[]> {
    try {
      const api = await this.#identity();
      const projects = await api.listProjects();
      const candidates =
        this.#options.ignoreDisabledTenants === true ? projects.filter((p) => p.enabled) : projects;
      const scopes =
        this.#options.ignoreRatingRole === true
          ? candidates.map((project) => project.id)
          : await this.#ratedScopes(api, candidates);
      this.emptyReason =
        scopes.length > 0
          ? undefined
          : projects.length === 0
            ? 'Keystone lists no project'
            : candidates.length === 0
              ? `none of the ${projects.length} projects Keystone lists is enabled ([fetcher_keystone] ignore_disabled_tenants = true)`
              : `the service user has the ${RATING_ROLE} role on none of the ${candidates.length} projects Keystone lists (CloudKitty rates only those; [fetcher_keystone] ignore_rating_role = true rates them all)`;
      return scopes;
    } catch (error) {
      throw ScopeFetchError.from(this.name, error);
    }
  }

  async close(): Promise<void> {
    if (this.#options.ownsSession === true) await this.#options.session.close();
  }

  async #ratedScopes(api: IdentityApi, candidates: readonly { id: string }[]): Promise<string[]> {
    const rated = await this.#ratedProjectIds(api);
    return candidates.filter((project) => rated.has(project.id)).map((project) => project.id);
  }

  async #ratedProjectIds(api: IdentityApi): Promise<Set<string>> {
    const userId = (await this.#options.session.getAccess()).user.id;
    const assignments = await api.listUserRoleAssignments(userId);
    // Without names (a Keystone ignoring include_names), no role would match: say so instead of rating nothing.
    if (assignments.some((assignment) => assignment.role.name === undefined)) {
      throw new ScopeFetchError(
        this.name,
        'Keystone listed role assignments without role names (include_names)',
      );
    }
    return new Set(
      assignments.flatMap(({ role, scope }) =>
        role.name === RATING_ROLE &&
        scope.project !== undefined &&
        scope['OS-INHERIT:inherited_to'] === undefined
          ? [scope.project.id]
          : [],
      ),
    );
  }

  /** The identity client, looked up once; a failed lookup (Keystone down) is retried on the next call. */
  #identity(): Promise<IdentityApi> {
    if (this.#api === undefined) {
      const { session, interface: iface, regionName, endpointOverride } = this.#options;
      const filter: IdentityEndpointOptions = {};
      if (iface !== undefined) filter.interface = iface;
      if (regionName !== undefined) filter.regionName = regionName;
      if (endpointOverride !== undefined) filter.endpointOverride = endpointOverride;
      const api = IdentityApi.connect(session, filter);
      this.#api = api;
      api.catch(() => {
        if (this.#api === api) this.#api = undefined;
      });
    }
    return this.#api;
  }
}
