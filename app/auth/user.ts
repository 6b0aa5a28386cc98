import { DEFAULT_LOCALE, ROLES, isLocale, isSector, type Locale, type Role, type Sector } from "~/domain/constants";

/** The signed-in user as loaders and actions see it; isomorphic so components can type props. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  sector: Sector;
  organisationId: string | null;
}

/** The User columns a SessionUser is built from (role, locale and sector are plain strings there). */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  sector: string;
  organisationId: string | null;
}

export const SESSION_USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  sector: true,
  organisationId: true,
} as const;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * Narrows database strings to the domain unions. An unknown role falls back to the least
 * privileged one, so a bad row can never grant more than a learner may do.
 */
export function toSessionUser(row: UserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : "learner",
    locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
    sector: isSector(row.sector) ? row.sector : "other",
    organisationId: row.organisationId,
  };
}
