/** Values stored as strings in the database; the single source of the allowed values. */
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";

export const SECTORS = ["bank", "police", "care", "municipality", "government", "other"] as const;
export type Sector = (typeof SECTORS)[number];

export const ROLES = ["learner", "trainer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isSector(value: unknown): value is Sector {
  return typeof value === "string" && (SECTORS as readonly string[]).includes(value);
}

/** A stored JSON list of sectors; anything unreadable or unknown is left out. */
export function parseSectors(json: string): Sector[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(isSector) : [];
  } catch {
    return [];
  }
}
