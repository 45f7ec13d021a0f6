import { z } from 'zod';

/** Timers refuse delays above a signed 32-bit number of milliseconds. */
const MAX_TIMEOUT_SECONDS = 2_147_483;

const apiUrlSchema = z
  .string()
  .refine((url) => URL.canParse(url), 'must be an absolute URL such as http://prometheus:9090/api/v1')
  .transform((url) => new URL(url))
  .refine((url) => url.protocol === 'http:' || url.protocol === 'https:', 'must use http or https')
  .refine(
    (url) => url.username === '' && url.password === '',
    'must not contain credentials; use the username and password options',
  )
  .refine((url) => url.search === '' && url.hash === '', 'must not have a query string or a fragment')
  // `<url>/query` must not become `<url>//query`.
  .transform((url) => url.toString().replace(/\/+$/, ''));

export const prometheusClientOptionsSchema = z
  .strictObject({
    /** API base, as CloudKitty's `prometheus_url`: `http://host:9090/api/v1`. */
    url: apiUrlSchema,
    username: z.string().min(1, 'must not be empty').optional(),
    password: z.string().min(1, 'must not be empty').optional(),
    /** PEM bundle of the CAs to trust for https, instead of the system's. */
    caFile: z.string().min(1, 'must not be empty').optional(),
    /** Skip certificate verification (CloudKitty's `insecure`). */
    insecure: z.boolean().default(false),
    /** Seconds per attempt, response body included. */
    timeout: z.number().positive().max(MAX_TIMEOUT_SECONDS).default(60),
    /** Extra attempts after a network error or a 502/503/504. */
    retries: z.number().int().min(0).max(10).default(2),
    /** Open connections kept to Prometheus at most. */
    maxConnections: z.number().int().positive().default(10),
    /**
     * Ask for gzip-compressed answers. Off by default: Prometheus compresses each answer on request,
     * which costs it more CPU than sending the small per-scope answers as they are.
     */
    compression: z.boolean().default(false),
  })
  .superRefine((options, context) => {
    if (options.username !== undefined && options.password === undefined) {
      context.addIssue({ code: 'custom', path: ['password'], message: 'is required when username is set' });
    }
    if (options.password !== undefined && options.username === undefined) {
      context.addIssue({ code: 'custom', path: ['username'], message: 'is required when password is set' });
    }
  });

export type PrometheusClientOptions = z.input<typeof prometheusClientOptionsSchema>;
export type ValidatedClientOptions = z.output<typeof prometheusClientOptionsSchema>;
