import type { ApiRequest, ApiResponse, RouteHandler } from './api-types.js';
import { HttpError } from './errors/http-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A path's handlers by method. */
export type Methods = Partial<Record<Method, RouteHandler>>;

/** The CloudKitty policy rule guarding each method of a path (`dataframes:get`…). */
export type Rules = Partial<Record<Method, string>>;

/** Called before a guarded handler: throws (403) when the caller may not. */
export type Guard = (rule: string, request: ApiRequest) => void;

/** CloudKitty's (Werkzeug's) answer to a method a path does not take. */
export const METHOD_NOT_ALLOWED = 'The method is not allowed for the requested URL.';

/**
 * Exact paths; one trailing slash is tolerated (`/v2/scope/`). Unknown path → 404; a method the path does
 * not take → 405 with `Allow` (HEAD and OPTIONS come with GET, as in Flask; HEAD is GET without the body,
 * which node:http drops).
 */
export class Router {
  readonly #routes = new Map<string, Methods>();
  readonly #rules = new Map<string, Rules>();
  readonly #guard: Guard;

  /** `guard` checks each rule given with `route`; default: none. */
  constructor(guard: Guard = () => {}) {
    this.#guard = guard;
  }

  route(path: string, methods: Methods, rules: Rules = {}): this {
    this.#routes.set(path, { ...this.#routes.get(path), ...methods });
    this.#rules.set(path, { ...this.#rules.get(path), ...rules });
    return this;
  }

  get(path: string, handler: RouteHandler): this {
    return this.route(path, { GET: handler });
  }

  async dispatch(request: ApiRequest): Promise<ApiResponse> {
    const path = request.url.pathname.length > 1 ? request.url.pathname.replace(/\/$/, '') : '/';
    const methods = this.#routes.get(path);
    if (methods === undefined) {
      throw new HttpError(404, `No such resource: ${path} (try ${[...this.#routes.keys()].join(', ')})`);
    }
    if (request.method === 'OPTIONS') {
      return {
        status: 200,
        contentType: 'text/plain',
        body: '',
        headers: { Allow: allowed(methods).join(', ') },
      };
    }
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const handler = Object.hasOwn(methods, method) ? methods[method as Method] : undefined;
    if (handler === undefined) {
      throw new HttpError(405, METHOD_NOT_ALLOWED, { Allow: allowed(methods).join(', ') });
    }
    const rule = this.#rules.get(path)?.[method as Method];
    if (rule !== undefined) this.#guard(rule, request);
    return handler(request);
  }
}

function allowed(methods: Methods): string[] {
  const names = Object.keys(methods);
  return methods.GET === undefined ? names : [...names, 'HEAD', 'OPTIONS'];
}
