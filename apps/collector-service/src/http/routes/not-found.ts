import { HttpError } from '../errors/http-error.js';

/** CloudKitty answers 404 with this message when a query matches nothing (v2 dataframes and scope). */
export function noResourceFound(): HttpError {
  return new HttpError(404, 'No resource found for provided filters.');
}
