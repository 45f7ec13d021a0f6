import { redactUrl, TransportError } from '@kitty-collect/http-request';
import { keystoneErrorMessage, type Session } from '@kitty-collect/keystone-auth';
import type { z } from 'zod';
import { ScopeFetchError } from '../errors/scope-fetch-error.js';
import { identityV3Url } from './identity-endpoint.js';
import { projectListSchema, roleAssignmentListSchema } from './identity-schemas.js';

export interface IdentityEndpointOptions {
  interface?: string | readonly string[];
  regionName?: string;
  endpointOverride?: string;
}

/** Attempts after the first for a listing that meets a network failure or a 502/503/504. */
const LIST_RETRIES = 2;

const FORBIDDEN_HINT =
  'listing projects and role assignments needs an admin token: give the service user admin on its project, as CloudKitty does';

/** The few identity v3 calls the Keystone fetcher makes, through a keystone-auth session's `request`. */
export class IdentityApi {
  readonly #session: Session;
  readonly #base: string;

  private constructor(session: Session, base: string) {
    this.#session = session;
    this.#base = base;
  }

  /** Finds the identity endpoint in the catalog (or `endpointOverride`): the base of its v3 API. */
  static async connect(session: Session, options: IdentityEndpointOptions): Promise<IdentityApi> {
    const filter = {
      serviceType: 'identity',
      interface: options.interface ?? 'public',
      ...(options.regionName === undefined ? {} : { regionName: options.regionName }),
      ...(options.endpointOverride === undefined ? {} : { endpointOverride: options.endpointOverride }),
    };
    return new IdentityApi(session, identityV3Url(await session.getEndpoint(filter)));
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

  /** GET `<v3>/<path>` as JSON of `schema`; any other status is a ScopeFetchError with Keystone's words. */
  async get<Schema extends z.ZodType>(path: string, schema: Schema): Promise<z.output<Schema>> {
    const url = `${this.#base.replace(/\/+$/, '')}/${path}`;
    const response = await this.#session
      .request(url, { headers: { accept: 'application/json' }, retry: { retries: LIST_RETRIES } })
      .catch((error: unknown) => {
        // The session's own failures (authentication) say where already; a transport failure does not.
        if (!(error instanceof TransportError)) throw error;
        throw new ScopeFetchError('keystone', `Keystone is unavailable at ${error.url}: ${error.message}`, {
          cause: error,
        });
      });
    const where = redactUrl(`${this.#base}/${path.split('?')[0]}`);
    if (response.status !== 200) {
      const said = keystoneErrorMessage(response.body);
      const hint = response.status === 403 ? ` (${FORBIDDEN_HINT})` : '';
      throw new ScopeFetchError(
        'keystone',
        `Keystone answered GET ${where} with HTTP ${response.status}${said === '' ? '' : `: ${said}`}${hint}`,
      );
    }
    const parsed = schema.safeParse(parseJson(response.body));
    if (!parsed.success) {
      throw new ScopeFetchError('keystone', `unexpected answer from ${where}`, { cause: parsed.error });
    }
    return parsed.data;
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
      const page = (await this.get(next, schema)) as z.infer<Schema>;
      if (page.truncated === true) {
        throw new ScopeFetchError(
          'keystone',
          `Keystone truncated the answer of ${redactUrl(`${this.#base}/${path.split('?')[0]}`)} (list_limit): raise list_limit so that no scope is skipped`,
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
      throw new ScopeFetchError(
        'keystone',
        `Keystone's next page ${redactUrl(link)} is outside ${redactUrl(base)}`,
      );
    }
    return link.slice(base.length);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
