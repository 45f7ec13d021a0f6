import { booleanValue, required, secondsValue, textValue } from '@kitty-collect/oslo-config';
import {
  type PrometheusClientOptions,
  prometheusClientOptionsSchema,
} from '@kitty-collect/prometheus-client';
import { z } from 'zod';

/**
 * The Prometheus API base, checked by the client's own schema so `config check` and the client agree.
 * The value is never quoted: a URL may carry credentials.
 */
function apiUrlValue() {
  return z.string().transform((text, ctx): string => {
    const parsed = prometheusClientOptionsSchema.safeParse({ url: text.trim() });
    const issue = parsed.error?.issues.find((candidate) => candidate.path[0] === 'url');
    if (issue !== undefined) {
      ctx.issues.push({ code: 'custom', message: issue.message, input: undefined });
      return z.NEVER;
    }
    const url = new URL(text.trim());
    // Prometheus serves its API under /api/v1 only: the server's root is a frequent and silent mistake.
    if (url.pathname === '/' || url.pathname === '') {
      ctx.issues.push({
        code: 'custom',
        message: 'is the server root: give the API base, e.g. http://prometheus:9090/api/v1',
        input: undefined,
      });
      return z.NEVER;
    }
    return text.trim();
  });
}

export const PROMETHEUS_URL_REQUIRED =
  'is required: the Prometheus API base, e.g. http://prometheus:9090/api/v1 (as CloudKitty)';

/** Fields shared by `[collector_prometheus]` and `[fetcher_prometheus]` (CloudKitty's option names). */
export const prometheusConnectionFields = {
  prometheus_url: required(apiUrlValue(), PROMETHEUS_URL_REQUIRED),
  prometheus_user: textValue().optional(),
  prometheus_password: textValue().optional(),
  cafile: textValue().optional(),
  insecure: booleanValue().default(false),
  timeout: secondsValue().default(60),
};

/** What `new PrometheusClient(...)` takes; `caFile` is resolved by the loader. */
export type PrometheusConnection = Required<Pick<PrometheusClientOptions, 'url' | 'insecure' | 'timeout'>> &
  Pick<PrometheusClientOptions, 'username' | 'password' | 'caFile'>;

type ConnectionFields = z.output<z.ZodObject<typeof prometheusConnectionFields>>;

function toPrometheusConnection(fields: ConnectionFields): PrometheusConnection {
  const connection: PrometheusConnection = {
    url: fields.prometheus_url,
    // CloudKitty: `verify = cafile if cafile else not insecure` — a CA file turns insecure off.
    insecure: fields.cafile === undefined && fields.insecure,
    timeout: fields.timeout,
  };
  if (fields.prometheus_user !== undefined) connection.username = fields.prometheus_user;
  if (fields.prometheus_password !== undefined) connection.password = fields.prometheus_password;
  if (fields.cafile !== undefined) connection.caFile = fields.cafile;
  return connection;
}

/** Runs a cross-option check even when other options of the section are wrong, so all are reported at once. */
const unlessWrong =
  (...options: string[]) =>
  (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((issue) => options.includes(String(issue.path?.[0])));

/**
 * The six connection options of a section, as the client's options. CloudKitty silently sends no
 * credentials when only one of user and password is set; here that is a problem, as it is surely a mistake.
 */
export const prometheusConnectionSchema = z
  .object(prometheusConnectionFields)
  .refine((fields) => fields.prometheus_user === undefined || fields.prometheus_password !== undefined, {
    path: ['prometheus_password'],
    message: 'is required when prometheus_user is set',
    when: unlessWrong('prometheus_user', 'prometheus_password'),
  })
  .refine((fields) => fields.prometheus_password === undefined || fields.prometheus_user !== undefined, {
    path: ['prometheus_user'],
    message: 'is required when prometheus_password is set',
    when: unlessWrong('prometheus_user', 'prometheus_password'),
  })
  .transform(toPrometheusConnection);
