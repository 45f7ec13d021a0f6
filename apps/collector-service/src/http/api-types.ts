/** What a route sees of a request: the method and the parsed URL (GET only: no body is read). */
export interface ApiRequest {
  method: string;
  url: URL;
}

export interface ApiResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;

/** Structured logger (pino's shape); the API logs requests at debug and its own failures at error. */
export interface ApiLogger {
  debug(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(
  status: number,
  value: unknown,
  headers?: Readonly<Record<string, string>>,
): ApiResponse {
  return { status, contentType: JSON_TYPE, body: `${JSON.stringify(value)}\n`, ...(headers && { headers }) };
}
