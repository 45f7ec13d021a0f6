import type { ApiRequest, ApiResponse, RouteHandler } from './api-types.js';
import { HttpError } from './errors/http-error.js';

/** Every route is read-only; HEAD is GET without the body (node:http drops it). */
const ALLOWED_METHODS = ['GET', 'HEAD'];

/** Exact paths; one trailing slash is tolerated (`/v2/scope/`). Unknown path → 404, other method → 405. */
export class Router {
  readonly #routes = new Map<string, RouteHandler>();

  get(path: string, handler: RouteHandler): this {
    this.#routes.set(path, handler);
    return this;
  }

  async dispatch(request: ApiRequest): Promise<ApiResponse> {
    const path = request.url.pathname.length > 1 ? request.url.pathname.replace(/\/$/, '') : '/';
    const handler = this.#routes.get(path);
    if (handler === undefined) {
      throw new HttpError(404, `No such resource: ${path} (try ${[...this.#routes.keys()].join(', ')})`);
    }
    if (!ALLOWED_METHODS.includes(request.method)) {
      throw new HttpError(405, `Method ${request.method} is not allowed on ${path}`, {
        Allow: ALLOWED_METHODS.join(', '),
      });
    }
    return handler(request);
  }
}
