import { z } from "zod";

import { LOCALES, SECTORS } from "~/domain/constants";
import { nameField } from "~/domain/plain-text";

/** A whole number typed in a text field (conform sends what was typed). */
const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string({ required_error: message })
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);

const title = nameField({ required: "scorm.admin.error.title", tooLong: "scorm.admin.error.title" });
const summary = z.string().trim().max(500, "scorm.admin.error.summary").optional();

/** The SCORM module edit form (/beheer/scorm/<module>). Messages are i18n keys. */
export const ScormModuleSchema = z
  .object({
    intent: z.literal("save"),
    language: z.enum(LOCALES, { errorMap: () => ({ message: "trainer.scorm.languageInvalid" }) }),
    title,
    summary,
    minutes: wholeNumber("scorm.admin.error.minutes", 1, 600),
    sectors: z
      .array(z.enum(SECTORS), {
        required_error: "scorm.admin.error.sectors",
        invalid_type_error: "scorm.admin.error.sectors",
      })
      .min(1, "scorm.admin.error.sectors"),
    passRule: z.enum(["package", "mastery"], { errorMap: () => ({ message: "scorm.admin.error.passRule" }) }),
    masteryPercent: z.string().trim().optional(),
  })
  .transform((value, ctx) => {
    let masteryPercent = 0;
    if (value.passRule === "mastery") {
      const parsed = wholeNumber("scorm.admin.error.mastery", 1, 100).safeParse(value.masteryPercent ?? "");
      if (!parsed.success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["masteryPercent"], message: "scorm.admin.error.mastery" });
        return z.NEVER;
      }
      masteryPercent = parsed.data;
    }
    return { ...value, masteryPercent };
  });
