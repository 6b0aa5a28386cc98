import type { Locale } from "~/domain/constants";
import { createTranslator, formatDate } from "~/i18n";

/** The re-certification reminder's subject and plain text, in the learner's language. */
export function reminderMail(
  locale: Locale,
  input: { name: string; module: string; code: string; expiresAt: Date; link: string },
): { subject: string; text: string } {
  const t = createTranslator(locale);
  const date = formatDate(locale, input.expiresAt);
  const text = [
    t("certificateReminder.greeting", { name: input.name }),
    "",
    t("certificateReminder.expires", { module: input.module, code: input.code, date }),
    t("certificateReminder.action"),
    "",
    input.link,
    "",
    t("certificateReminder.after"),
    "",
    t("certificateReminder.signature"),
    "",
  ].join("\n");
  return { subject: t("certificateReminder.subject", { module: input.module, date }), text };
}
