import type { ApiRequest, ApiResponse, RouteHandler } from './api-types.js';
import { HttpError } from './errors/http-error.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A path's handlers by method. */
export type Methods = Partial<Record<Method, RouteHandler>>;

/** CloudKitty's (Werkzeug's) answer to a method a path does not take. */
export const METHOD_NOT_ALLOWED = 'The method is not allowed for the requested URL.';

/**
 * Exact paths; one trailing slash is tolerated (`/v2/scope/`). Unknown path → 404; a method the path does
 * not take → 405 with `Allow` (HEAD and OPTIONS come with GET, as in Flask; HEAD is GET without the body,
 * which node:http drops).
 */
export class Router {
  readonly #routes = new Map<string, Methods>();

  route(path: string, methods: Methods): this {
    this.#routes.set(path, { ...this.#routes.get(path), ...methods });
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
    return handler(request);
  }
}

function allowed(methods: Methods): string[] {
  const names = Object.keys(methods);
  return methods.GET === undefined ? names : [...names, 'HEAD', 'OPTIONS'];
}
