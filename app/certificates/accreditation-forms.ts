import { z } from "zod";

import { confirmedAction } from "~/domain/confirmation";
import { REGISTERS } from "~/domain/registers";

/**
 * The rules for a module's certificate settings and accreditations, shared by the admin page
 * (conform validates with these schemas in the browser and in the action) and the functions in
 * accreditation.server.ts, which refuse values outside them whoever calls. Messages are i18n keys.
 */

export const VALIDITY_MONTHS = { min: 1, max: 36 } as const;
export const REMINDER_DAYS = { min: 1, max: 365 } as const;
/** The shortest month: a reminder must come after the certificate was issued. */
const DAYS_PER_MONTH_AT_LEAST = 28;

export interface CertificationSettings {
  /** null: certificates do not expire. */
  validityMonths: number | null;
  reminderDays: number;
}

const within = (value: number, { min, max }: { min: number; max: number }) =>
  Number.isInteger(value) && value >= min && value <= max;

/** The first rule a settings pair breaks, as the field and message to show, or null when valid. */
export function certificationSettingsProblem(
  settings: CertificationSettings,
): { field: "validityMonths" | "reminderDays"; message: string } | null {
  if (settings.validityMonths !== null && !within(settings.validityMonths, VALIDITY_MONTHS)) {
    return { field: "validityMonths", message: "accreditation.error.validity" };
  }
  if (!within(settings.reminderDays, REMINDER_DAYS))
    return { field: "reminderDays", message: "accreditation.error.reminder" };
  if (settings.validityMonths !== null && settings.reminderDays >= settings.validityMonths * DAYS_PER_MONTH_AT_LEAST) {
    return { field: "reminderDays", message: "accreditation.error.reminderTooLong" };
  }
  return null;
}

/** A whole number typed in a text field (conform sends what was typed, not a number). */
const wholeNumber = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .regex(/^\d{1,4}$/, message)
    .transform(Number);

export const CertificationSettingsSchema = z
  .object({
    intent: z.literal("settings"),
    // Empty: the certificate does not expire.
    validityMonths: wholeNumber("accreditation.error.validity").optional(),
    reminderDays: wholeNumber("accreditation.error.reminder"),
  })
  .superRefine((value, ctx) => {
    // Zod runs this even when a field failed to parse; those fields already carry their message.
    if (typeof value.reminderDays !== "number") return;
    if (value.validityMonths !== undefined && typeof value.validityMonths !== "number") return;
    const problem = certificationSettingsProblem({
      validityMonths: value.validityMonths ?? null,
      reminderDays: value.reminderDays,
    });
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [problem.field], message: problem.message });
  });

export const POINTS = { min: 0, max: 100 } as const;

/** Accredited study points: more than 0, at most 100, at most two decimals. */
export function validPoints(points: number): boolean {
  return (
    Number.isFinite(points) && points > POINTS.min && points <= POINTS.max && Math.round(points * 100) === points * 100
  );
}

const ACCREDITATION_ID = /^[A-Za-z0-9./-]{1,40}$/;

export function validAccreditationId(id: string): boolean {
  return ACCREDITATION_ID.test(id);
}

const register = z.enum(REGISTERS, { errorMap: () => ({ message: "accreditation.error.register" }) });
const accreditationFields = {
  register,
  accreditationId: z
    .string({ required_error: "accreditation.error.idRequired" })
    .trim()
    .min(1, "accreditation.error.idRequired")
    .refine(validAccreditationId, "accreditation.error.idInvalid"),
  // A comma or a point as decimal mark, at most two decimals: "2", "1,5", "0.25".
  points: z
    .string({ required_error: "accreditation.error.points" })
    .trim()
    .regex(/^\d{1,3}([.,]\d{1,2})?$/, "accreditation.error.points")
    .transform((value) => Number(value.replace(",", ".")))
    .refine(validPoints, "accreditation.error.points"),
};

export const AddAccreditationSchema = z.object({ intent: z.literal("add"), ...accreditationFields });
export const ChangeAccreditationSchema = z.object({ intent: z.literal("change"), ...accreditationFields });
export const RemoveAccreditationSchema = confirmedAction({ intent: z.literal("remove"), register });
