import { z } from "zod";

import { isPrintableName, NAME_NOT_PRINTABLE } from "~/domain/printable-name";
import { confirmedAction } from "~/domain/confirmation";
import { LOCALES, SECTORS } from "~/domain/constants";
import { nameField } from "~/domain/plain-text";

/**
 * Form schemas shared by the server actions and the browser (conform validates with the same
 * schema on both sides). Messages are i18n keys.
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Upper bound keeps hashing cost per request predictable. */
export const PASSWORD_MAX_LENGTH = 128;

const email = z
  .string({ required_error: "validation.emailRequired" })
  .trim()
  .max(254, "validation.emailInvalid")
  .email("validation.emailInvalid");

export const newPasswordSchema = z
  .string({ required_error: "validation.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, "validation.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "validation.passwordTooLong");

const anyPassword = z
  .string({ required_error: "validation.passwordRequired" })
  .max(PASSWORD_MAX_LENGTH, "validation.passwordTooLong");

export const LoginSchema = z.object({
  email,
  password: anyPassword,
  redirectTo: z.string().optional(),
});

export const RegisterSchema = z.object({
  name: nameField({ required: "validation.nameRequired", tooLong: "validation.nameTooLong" }).refine(
    isPrintableName,
    NAME_NOT_PRINTABLE,
  ),
  email,
  password: newPasswordSchema,
  locale: z.enum(LOCALES, { errorMap: () => ({ message: "validation.localeInvalid" }) }),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "validation.sectorInvalid" }) }),
  joinCode: z.string().trim().max(64, "validation.joinCodeTooLong").optional(),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({
      ...shape,
      password: newPasswordSchema,
      confirmPassword: z.string({ required_error: "validation.passwordRequired" }),
    })
    .refine((v) => v.password === v.confirmPassword, {
      path: ["confirmPassword"],
      message: "validation.passwordMismatch",
    });
}

export const ResetPasswordSchema = withConfirmation({ token: z.string().min(1).max(200) });

export const ChangePasswordSchema = withConfirmation({ intent: z.literal("password"), currentPassword: anyPassword });

export const LanguagePreferenceSchema = z.object({
  intent: z.literal("language"),
  locale: z.enum(LOCALES, { errorMap: () => ({ message: "validation.localeInvalid" }) }),
});

/**
 * Deleting the account is confirmed with the current password (any length: old accounts may
 * predate the policy) and the explicit "yes" of the confirm step.
 */
export const DeleteAccountSchema = confirmedAction({
  intent: z.literal("delete"),
  password: anyPassword,
});

/** The button of the sign-up confirmation page, carrying the token from the mail. */
export const SignupConfirmSchema = z.object({ token: z.string().min(1).max(200) });

/** The language switch. */
export const LanguageSchema = z.object({
  locale: z.enum(LOCALES),
  redirectTo: z.string().optional(),
});
