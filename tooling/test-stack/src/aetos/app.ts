import { readQueryArguments } from './arguments.js';
import { type AetosFailureMode, simulatedPrometheusAnswer } from './failure.js';
import { negotiate } from './http/negotiation.js';
import {
  type GatewayResponse,
  keystoneUnavailable,
  pecanError,
  unauthorized,
  wsmeFault,
  wsmeResult,
} from './http/responses.js';
import { methodNotAllowed, notAcceptable, notFound } from './http/webob.js';
import type { TokenValidator } from './keystone/token-validator.js';
import { handleMetadataRequest, metadataResource } from './metadata-controller.js';
import type { AetosGatewaySettings } from './options.js';
import { decideQueryAccess } from './policy.js';
import { mapPrometheusAnswer, prometheusParams, queryPrometheus } from './prometheus/forward.js';
import { restrictQueryToProject } from './promql/restrict.js';
import type { AetosRequestRecord } from './records.js';

/** One HTTP request as the Aetos application sees it. */
export interface AetosRequest {
  method: string;
  /** Path as requested (percent-encoding kept), without the query string. */
  path: string;
  /** The raw query string, without '?'. */
  search: string;
  /** X-Auth-Token (or X-Storage-Token), as sent. */
  token: string | undefined;
  accept: string | undefined;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
}

const QUERY_RESOURCE = /^\/api\/v1\/query\/?$/;

/**
 * Aetos' request path, layer by layer as the real stack runs it: keystonemiddleware (401/503), pecan routing
 * (404/405), pecan content negotiation (406), WSME arguments (400), the policy (403), then Prometheus; series
 * and label requests go to their own controllers (metadata-controller.ts) after routing.
 */
export class AetosApp {
  failure: AetosFailureMode = 'none';

  constructor(
    private readonly settings: AetosGatewaySettings,
    private readonly validator: TokenValidator,
  ) {}

  async handle(request: AetosRequest, record: AetosRequestRecord): Promise<GatewayResponse> {
    const negotiation = negotiate(request.accept);
    const params = [...new URLSearchParams(request.search)];
    record.params = Object.fromEntries(params);

    // keystonemiddleware's auth_token wraps the whole application
    const token = request.token;
    record.tokenPresent = token !== undefined && token !== '';
    if (!record.tokenPresent || token === undefined) return unauthorized(this.settings.wwwAuthenticateUri);
    const check = await this.validator.check(token);
    record.token = {
      outcome: check.outcome,
      cached: check.outcome === 'valid' && check.cached,
      userName: check.outcome === 'valid' ? check.identity.userName : null,
      projectId: check.outcome === 'valid' ? check.identity.projectId : null,
      roles: check.outcome === 'valid' ? check.identity.roles : [],
    };
    if (check.outcome === 'invalid') return unauthorized(this.settings.wwwAuthenticateUri);
    if (check.outcome === 'unavailable') return keystoneUnavailable(negotiation);

    // pecan routing, behind whichever prefix the reverse proxy publishes
    const prefix = this.settings.pathPrefixes.find(
      (candidate) =>
        candidate === '' || request.path === candidate || request.path.startsWith(`${candidate}/`),
    );
    record.prefix = prefix ?? null;
    const resourcePath = prefix === undefined ? request.path : request.path.slice(prefix.length) || '/';
    const metadata = metadataResource(resourcePath);
    if (!QUERY_RESOURCE.test(resourcePath) && metadata === undefined) {
      return pecanError(notFound(), negotiation);
    }
    if (request.method !== 'GET') {
      return pecanError(methodNotAllowed(request.method), negotiation, {
        description: '',
        headers: { allow: 'GET' },
        head: request.method === 'HEAD',
      });
    }
    if (metadata !== undefined) {
      if (!negotiation.jsonControllerAcceptable)
        return pecanError(notAcceptable(request.accept), negotiation);
      const access = decideQueryAccess(check.identity);
      record.access = access.kind;
      return handleMetadataRequest({
        resource: metadata,
        params,
        access,
        negotiation,
        prometheusUrl: this.settings.prometheusUrl,
        projectLabel: this.settings.projectLabel,
        simulated: simulatedPrometheusAnswer(this.failure),
        signal: request.signal,
        onForward: (match) => {
          record.forwardedMatch = match;
        },
        onPrometheusStatus: (status) => {
          record.prometheusStatus = status;
        },
      });
    }
    if (negotiation.wsmeContentType === undefined) {
      return pecanError(notAcceptable(request.accept), negotiation);
    }

    // the query controller (WSME): arguments, policy, query rewrite, Prometheus
    const parsed = readQueryArguments(params, this.settings.version);
    if (!parsed.ok) return wsmeFault(400, 'Client', parsed.faultstring, negotiation);
    const access = decideQueryAccess(check.identity);
    record.access = access.kind;
    if (access.kind === 'denied') return wsmeFault(403, 'Client', 'RBAC Authorization Failed', negotiation);
    const query =
      access.kind === 'project'
        ? restrictQueryToProject(parsed.arguments.query, this.settings.projectLabel, access.projectId)
        : parsed.arguments.query;
    record.forwardedQuery = query;
    const upstreamParams = prometheusParams({ ...parsed.arguments, query });
    const answer =
      simulatedPrometheusAnswer(this.failure) ??
      (await queryPrometheus(this.settings.prometheusUrl, upstreamParams, request.signal));
    if (answer.kind === 'response') record.prometheusStatus = answer.status;
    const outcome = mapPrometheusAnswer(answer, this.settings.prometheusUrl, upstreamParams);
    if (outcome.kind === 'fault') {
      return wsmeFault(outcome.status, outcome.faultcode, outcome.faultstring, negotiation);
    }
    return wsmeResult(outcome.result, negotiation);
  }
}
