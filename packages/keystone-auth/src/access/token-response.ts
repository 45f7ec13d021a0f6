import { z } from 'zod';

const ref = z.object({ id: z.string(), name: z.string().optional() });
const scopedRef = ref.extend({ domain: ref.optional() });

export const catalogEndpointSchema = z.object({
  id: z.string().optional(),
  interface: z.string(),
  region_id: z.string().nullish(),
  region: z.string().nullish(),
  url: z.string(),
});

export const catalogServiceSchema = z.object({
  id: z.string().optional(),
  type: z.string(),
  name: z.string().optional(),
  endpoints: z.array(catalogEndpointSchema),
});

/** The body of `POST /v3/auth/tokens` (201) and of `GET /v3/auth/tokens` (200). Unknown fields are tolerated. */
export const tokenResponseSchema = z.object({
  token: z.object({
    expires_at: z.iso.datetime({ offset: true, local: false }),
    issued_at: z.iso.datetime({ offset: true }).optional(),
    methods: z.array(z.string()).default([]),
    user: scopedRef,
    project: scopedRef.optional(),
    domain: ref.optional(),
    system: z.record(z.string(), z.boolean()).optional(),
    roles: z.array(ref).default([]),
    catalog: z.array(catalogServiceSchema).default([]),
    /** Keystone sends it when `[resource] admin_project_name` is set; see ValidatedToken.isAdminProject. */
    is_admin_project: z.boolean().optional(),
  }),
});

export type TokenResponse = z.output<typeof tokenResponseSchema>;
export type CatalogService = z.output<typeof catalogServiceSchema>;
export type CatalogEndpoint = z.output<typeof catalogEndpointSchema>;
