import { z } from "zod";

import { confirmedAction } from "~/domain/confirmation";
import {
  normaliseRegistrationNumber,
  REGISTER_INFO,
  REGISTERS,
  type NumberCheck,
  type Register,
} from "~/domain/registers";
import type { MessageKey } from "~/i18n";

/** A learner's registration-number forms, shared by the browser (conform) and the account route. */

export function numberErrorKey(register: Register, error: Extract<NumberCheck, { ok: false }>["error"]): MessageKey {
  if (error === "empty") return "registrations.error.empty";
  if (error === "not_digits") return "registrations.error.notDigits";
  if (error === "zero") return "registrations.error.zero";
  return REGISTER_INFO[register].kind === "big" && error === "too_long"
    ? "registrations.error.bigTooLong"
    : "registrations.error.ownLength";
}

/** The same check as the server's, so the browser can say what is wrong before sending. */
export const AddNumberSchema = z
  .object({
    intent: z.literal("add"),
    register: z.enum(REGISTERS, { errorMap: () => ({ message: "registrations.error.register" }) }),
    number: z.string({ required_error: "registrations.error.empty" }).max(40, "registrations.error.notDigits"),
  })
  .superRefine((value, ctx) => {
    const check = normaliseRegistrationNumber(value.register, value.number);
    if (!check.ok)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["number"],
        message: numberErrorKey(value.register, check.error),
      });
  });

export const RemoveNumberSchema = confirmedAction({ intent: z.literal("remove"), id: z.string().min(1).max(64) });
