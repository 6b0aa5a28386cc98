import { z } from "zod";

import { jsonColumn } from "~/db/json-column";

/**
 * A module's accreditation package as the platform shows it ("Over deze module"): who wrote and
 * reviewed it, for whom, on which sources, and where to complain. Authored in module.md (with the
 * texts translated in module.<lang>.md), stored per language in ModuleLocale.about as JSON.
 */

export const REVIEWER_TYPES = ["expert", "experience_expert"] as const;

export const LEVELS = ["basic", "intermediate", "advanced"] as const;

export const LITERATURE_TYPES = ["source", "guideline", "law"] as const;

const ModuleAboutSchema = z.object({
  authors: z.array(z.string()),
  reviewers: z.array(z.object({ type: z.enum(REVIEWER_TYPES), role: z.string(), reviewed: z.string() })),
  /** YYYY-MM-DD */
  lastReviewed: z.string().nullable(),
  professions: z.array(z.string()),
  level: z.enum(LEVELS).nullable(),
  literature: z.array(z.object({ type: z.enum(LITERATURE_TYPES), citation: z.string(), url: z.string().nullable() })),
  independence: z.string().nullable(),
  complaints: z.object({ text: z.string(), contact: z.string().nullable() }).nullable(),
});

export type ModuleAbout = z.infer<typeof ModuleAboutSchema>;

/** The stored JSON read back; null for a module without a package (or a row written before it). */
const aboutColumn = jsonColumn(ModuleAboutSchema, null);

export function parseModuleAbout(json: string | null): ModuleAbout | null {
  return aboutColumn.parse(json);
}

/** A YYYY-MM-DD date from the course files as a Date at noon UTC, so every time zone shows the same day. */
export function calendarDate(value: string): Date {
  return new Date(`${value}T12:00:00Z`);
}
