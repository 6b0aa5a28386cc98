import type { Translate } from "~/i18n";

import type { ScormModuleState } from "./publication";

/** "1.2" | "2004-2nd" | "2004-3rd" | "2004-4th" (ScormPackage.version) in words. */
export function versionLabel(t: Translate, version: string): string {
  switch (version) {
    case "1.2":
      return t("scorm.admin.version.1.2");
    case "2004-2nd":
      return t("scorm.admin.version.2004-2nd");
    case "2004-3rd":
      return t("scorm.admin.version.2004-3rd");
    default:
      return t("scorm.admin.version.2004-4th");
  }
}

/** Where the module stands (app/scorm/publication.ts), in words. */
export function stateLabel(t: Translate, state: ScormModuleState): string {
  switch (state) {
    case "draft":
      return t("trainer.scorm.statusDraft");
    case "archived":
      return t("scorm.admin.statusArchived");
    default:
      return t("scorm.admin.statusActive");
  }
}
