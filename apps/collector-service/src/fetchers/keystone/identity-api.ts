import type { Session } from '@kitty-collect/keystone-auth';
import type { z } from 'zod';
import { ScopeFetchError } from '../scope-fetch-error.js';
import { identityV3Url } from './identity-endpoint.js';
import { projectListSchema, roleAssignmentListSchema } from './identity-schemas.js';

export interface IdentityEndpointOptions {
  interface?: string | readonly string[];
  regionName?: string;
  endpointOverride?: string;
}

/** The session's HTTP client for a service (a ky instance; ky itself is keystone-auth's dependency). */
type ServiceHttp = Awaited<ReturnType<Session['client']>>;

/** The few identity v3 calls the Keystone fetcher makes, through a keystone-auth session. */
export class IdentityApi {
  readonly #http: ServiceHttp;
  readonly #base: string;

  private constructor(http: ServiceHttp, base: string) {
    this.#http = http;
    this.#base = base;
  }

  /** Finds the identity endpoint in the catalog (or `endpointOverride`) and makes a client for its v3 API. */
  static async connect(session: Session, options: IdentityEndpointOptions): Promise<IdentityApi> {
    const filter = {
      serviceType: 'identity',
      interface: options.interface ?? 'public',
      ...(options.regionName === undefined ? {} : { regionName: options.regionName }),
      ...(options.endpointOverride === undefined ? {} : { endpointOverride: options.endpointOverride }),
    };
    const base = identityV3Url(await session.getEndpoint(filter));
    const http = await session.client({ serviceType: 'identity', endpointOverride: base });
    return new IdentityApi(http, base);
  }

  /** GET /v3/projects (every domain's; Keystone leaves out the projects acting as domains). */
  async listProjects(): Promise<z.infer<typeof projectListSchema>['projects']> {
    const pages = await this.#list('projects', projectListSchema);
    return pages.flatMap((page) => page.projects);
  }

  /** GET /v3/role_assignments for one user: its direct assignments (no `effective`), with role names. */
  async listUserRoleAssignments(
    userId: string,
  ): Promise<z.infer<typeof roleAssignmentListSchema>['role_assignments']> {
    const query = new URLSearchParams({ 'user.id': userId, include_names: 'true' });
    const pages = await this.#list(`role_assignments?${query}`, roleAssignmentListSchema);
    return pages.flatMap((page) => page.role_assignments);
  }

  /**
   * Every page of a list. Keystone paginates only through `links.next` (few drivers do); a list cut by
   * `list_limit` says `truncated`, and rating an incomplete list of projects would silently skip some,
   * so that is an error.
   */
  async #list<Schema extends typeof projectListSchema | typeof roleAssignmentListSchema>(
    path: string,
    schema: Schema,
  ): Promise<z.infer<Schema>[]> {
    const pages: z.infer<Schema>[] = [];
    let next: string | undefined = path;
    while (next !== undefined) {
      const body: unknown = await this.#http.get(next).json();
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        throw new ScopeFetchError('keystone', `unexpected answer from ${this.#base}/${next.split('?')[0]}`, {
          cause: parsed.error,
        });
      }
      const page = parsed.data as z.infer<Schema>;
      if (page.truncated === true) {
        throw new ScopeFetchError(
          'keystone',
          `Keystone truncated the answer of ${this.#base}/${path.split('?')[0]} (list_limit): raise list_limit so that no scope is skipped`,
        );
      }
      pages.push(page);
      next = this.#relative(page.links?.next ?? undefined);
    }
    return pages;
  }

  #relative(link: string | undefined): string | undefined {
    if (link === undefined || link === null) return undefined;
    const base = this.#base.endsWith('/') ? this.#base : `${this.#base}/`;
    if (!link.startsWith(base)) {
      throw new ScopeFetchError('keystone', `Keystone's next page ${link} is outside ${base}`);
    }
    return link.slice(base.length);
  }
}
