import { z } from 'zod';

/** Keystone's list envelope: `links.next` when paginated, `truncated` when `list_limit` cut the list. */
const listEnvelope = {
  links: z.object({ next: z.string().nullish() }).partial().optional(),
  truncated: z.boolean().optional(),
};

/** GET /v3/projects: only what the fetcher uses. */
export const projectListSchema = z.object({
  projects: z.array(z.object({ id: z.string(), enabled: z.boolean().default(true) })),
  ...listEnvelope,
});

/**
 * GET /v3/role_assignments?include_names. `scope` has `project`, `domain` or `system`; an assignment
 * inherited to a target's sub-projects also has `OS-INHERIT:inherited_to`.
 */
export const roleAssignmentListSchema = z.object({
  role_assignments: z.array(
    z.object({
      role: z.object({ id: z.string(), name: z.string().optional() }),
      scope: z
        .object({
          project: z.object({ id: z.string() }).optional(),
          'OS-INHERIT:inherited_to': z.string().optional(),
        })
        .default({}),
    }),
  ),
  ...listEnvelope,
});

export type ProjectList = z.infer<typeof projectListSchema>;
export type RoleAssignmentList = z.infer<typeof roleAssignmentListSchema>;
