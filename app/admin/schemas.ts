import { z } from "zod";

import { ROLES } from "~/domain/constants";

/** The user list's query string; a bad page or search falls back instead of failing the page. */
export const UserListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  q: z.string().trim().max(100).optional().catch(undefined),
});

/** The role change form of the user list. */
export const ChangeRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES),
  returnTo: z.string().optional(),
});
