export { contentCodings, decodeBody } from './decode-body.js';
export { RequestTimeoutError } from './request-timeout-error.js';
export { type HttpResponse, type SendRequestOptions, sendRequest } from './send-request.js';
