import { readMatchArguments } from './arguments.js';
import type { Negotiation } from './http/negotiation.js';
import {
  type GatewayResponse,
  jsonResult,
  pecanError,
  pecanJsonError,
  unhandledException,
} from './http/responses.js';
import { forbidden } from './http/webob.js';
import type { QueryAccess } from './policy.js';
import { getPrometheus, mapPrometheusAnswer, type UpstreamAnswer } from './prometheus/forward.js';
import { restrictQueryToProject } from './promql/restrict.js';

/** A request routed to Aetos' series, labels or label controller, with the path segments after its name. */
export interface MetadataResource {
  controller: 'series' | 'labels' | 'label';
  args: string[];
}

const METADATA_RESOURCE = /^\/api\/v1\/(series|labels|label)(?:\/(.*))?$/;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** pecan's routing to `SeriesController`, `LabelsController` or `LabelController` (any further segments are args). */
export function metadataResource(path: string): MetadataResource | undefined {
  const match = METADATA_RESOURCE.exec(path);
  if (match === null) return undefined;
  const args = (match[2] ?? '')
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment);
  return { controller: match[1] as MetadataResource['controller'], args };
}

/** Where the controller forwards to; undefined when it answers 404 "page not found" (wrong segments). */
function prometheusEndpoint({ controller, args }: MetadataResource): string | undefined {
  if (controller !== 'label') return args.length === 0 ? controller : undefined;
  const [name, values] = args;
  return args.length === 2 && name !== undefined && values === 'values'
    ? `label/${encodeURIComponent(name)}/values`
    : undefined;
}

/**
 * `Base.process_matches`: an all-projects caller's selectors go as they are (none: none); a reader's are each
 * restricted to its project, and a reader who sent none gets `{<label>="<project>"}` (`append_rbac_labels('')`).
 */
export function processMatches(match: string[], access: QueryAccess, projectLabel: string): string[] {
  if (access.kind !== 'project') return match;
  const restrict = (selector: string) => restrictQueryToProject(selector, projectLabel, access.projectId);
  return match.length === 0 ? [restrict('{}')] : match.map(restrict);
}

export interface MetadataRequest {
  resource: MetadataResource;
  params: [string, string][];
  access: QueryAccess;
  negotiation: Negotiation;
  prometheusUrl: string;
  projectLabel: string;
  /** A simulated Prometheus answer (test failure modes), instead of asking Prometheus. */
  simulated: UpstreamAnswer | undefined;
  signal: AbortSignal | undefined;
  /** Told what goes upstream and what came back, for the request record. */
  onForward(match: string[]): void;
  onPrometheusStatus(status: number): void;
}

/**
 * Aetos' `SeriesController`, `LabelsController` and `LabelController` (aetos/controllers/api/v1/series.py,
 * labels.py, label.py): plain `pecan.expose(content_type='application/json')` methods, so their errors are not
 * WSME faults. Policy first (`<name>:all_projects`, else `<name>`, else 403 from pecan's abort), then the path
 * check, then `match[]` (processed) to Prometheus; Prometheus' errors come back as `json.dumps("[<status>] …")`.
 */
export async function handleMetadataRequest(request: MetadataRequest): Promise<GatewayResponse> {
  const { access, negotiation } = request;
  if (access.kind === 'denied') {
    return pecanError(forbidden('RBAC Authorization Failed'), negotiation, {
      description: 'RBAC Authorization Failed',
    });
  }
  const endpoint = prometheusEndpoint(request.resource);
  if (endpoint === undefined) return pecanJsonError(404, 'page not found', negotiation);
  const match = processMatches(readMatchArguments(request.params), access, request.projectLabel);
  request.onForward(match);
  const upstreamParams = match.map((selector): [string, string] => ['match[]', selector]);
  const answer =
    request.simulated ??
    (await getPrometheus(request.prometheusUrl, endpoint, upstreamParams, request.signal));
  if (answer.kind === 'connection-error') return unhandledException();
  request.onPrometheusStatus(answer.status);
  const outcome = mapPrometheusAnswer(answer, request.prometheusUrl, upstreamParams);
  if (outcome.kind === 'result') return jsonResult(outcome.result);
  // a 200 that is not a success document raises outside `prometheus_get`'s except clause
  if (answer.status === 200) return unhandledException();
  return pecanJsonError(outcome.status, outcome.faultstring, negotiation);
}
