import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from './request-context.js';
import { stringifyWire } from './wire-json.js';

/** What a route sees of a request: the method, the parsed URL and its body on demand. */
export interface ApiRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** Who asks: from the validated token (`auth_strategy = keystone`), admin under noauth. */
  context: RequestContext;
  /**
   * The body parsed as JSON, read once at the first call; undefined when empty. Rejects with a 400 when it
   * is not JSON (CloudKitty's words), a 413 when it is larger than the API takes.
   */
  json(): Promise<unknown>;
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

/** A JSON answer; `value` may hold `JsonNumber`s (exact decimals written as numbers, see wire-json). */
export function jsonResponse(
  status: number,
  value: unknown,
  headers?: Readonly<Record<string, string>>,
): ApiResponse {
  return { status, contentType: JSON_TYPE, body: `${stringifyWire(value)}\n`, ...(headers && { headers }) };
}

/** 204: CloudKitty's answer to a POST of dataframes, without a body. */
export function noContent(): ApiResponse {
  return { status: 204, contentType: JSON_TYPE, body: '' };
}
