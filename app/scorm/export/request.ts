import { z } from "zod";

import { LOCALES, type Locale } from "~/domain/constants";

import { SCORM_VERSIONS, type ScormVersion } from "./runtime/package-data";

/** The download's query: `?versie=1.2|2004&taal=nl|en`. */
export const ScormExportQuery = z.object({
  versie: z.enum(SCORM_VERSIONS),
  taal: z.enum(LOCALES),
});

export function scormExportPath(moduleId: string, version: ScormVersion, locale: Locale): string {
  return `/beheer/export/${encodeURIComponent(moduleId)}?${new URLSearchParams({ versie: version, taal: locale })}`;
}
