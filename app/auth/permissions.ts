import type { Role } from "~/domain/constants";

/**
 * Permissions are `action:entity:access` strings (the Epic Stack convention). `access` says whose
 * records: `own` = the user's own (for a trainer: their own organisation's), `any` = everyone's.
 * Holding the `any` form of a permission implies its `own` form.
 */
export const PERMISSIONS = [
  "read:module:any",
  "read:own-progress:own",
  "read:report:own",
  "read:report:any",
  "manage:users:any",
  "manage:content:any",
  "export:certificates:own",
  "export:certificates:any",
  "manage:certificates:any",
  "manage:accreditation:any",
  "export:attendance:any",
  "manage:organisations:any",
  "manage:cohorts:own",
  "manage:cohorts:any",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const LEARNER: readonly Permission[] = ["read:module:any", "read:own-progress:own"];
const TRAINER: readonly Permission[] = [...LEARNER, "read:report:own", "export:certificates:own", "manage:cohorts:own"];
const ADMIN: readonly Permission[] = [
  ...TRAINER,
  "read:report:any",
  "manage:users:any",
  "manage:content:any",
  "export:certificates:any",
  "manage:certificates:any",
  "manage:accreditation:any",
  "export:attendance:any",
  "manage:organisations:any",
  "manage:cohorts:any",
];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  learner: LEARNER,
  trainer: TRAINER,
  admin: ADMIN,
};

/** `read:report:own` is also satisfied by `read:report:any`. */
function grantingForms(permission: Permission): string[] {
  if (!permission.endsWith(":own")) return [permission];
  return [permission, `${permission.slice(0, -":own".length)}:any`];
}

export function userHasPermission(user: { role: Role } | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  // An unknown role (a stale or tampered value) grants nothing.
  const granted: readonly string[] = ROLE_PERMISSIONS[user.role] ?? [];
  return grantingForms(permission).some((form) => granted.includes(form));
}

export function userHasRole(user: { role: Role } | null | undefined, role: Role | readonly Role[]) {
  if (!user) return false;
  const allowed: readonly Role[] = typeof role === "string" ? [role] : role;
  return allowed.includes(user.role);
}
