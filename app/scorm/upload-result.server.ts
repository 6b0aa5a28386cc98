import type { Translate } from "~/i18n";
import { isMessageKey } from "~/i18n/messages";

import type { ImportResult } from "./import.server";

/** The admin's message for a refused import: the package helper's or upload message, with its values. */
export function importMessage(t: Translate, result: Extract<ImportResult, { ok: false }>): string {
  return isMessageKey(result.messageKey) ? t(result.messageKey, result.params) : t("scorm.admin.uploadFailed");
}

/** Where the admin goes after a successful import: the module's edit page. */
export function importedModulePath(moduleId: string): string {
  return `/beheer/scorm/${encodeURIComponent(moduleId)}?geimporteerd=1`;
}
