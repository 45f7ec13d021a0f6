import { jsonResponse, type RouteHandler } from '../api-types.js';

/**
 * GET /: the API versions served, in CloudKitty's shape; links from the request's Host (as CloudKitty's,
 * so a client behind a name or a proxy is sent back to it). kitty-collect serves v2 only.
 */
export function versionsRoute(scheme: 'http' | 'https' = 'http'): RouteHandler {
  return (request) => {
    const host = request.headers.host ?? request.url.host;
    return jsonResponse(200, {
      versions: [
        { id: 'v2', links: [{ href: `${scheme}://${host}/v2`, rel: 'self' }], status: 'EXPERIMENTAL' },
      ],
    });
  };
}
