import type { Translate } from "~/i18n";

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
