import { z } from "zod";

/**
 * Destructive actions (deleting an account, revoking a certificate, removing a learner, closing a
 * cohort, …) take effect only when the form carries this explicit confirmation. The page sends it
 * from its confirm step only ("Ja, verwijder …"), so a stale form, a mistyped Enter or a request
 * built by hand without it is refused with a 400 and changes nothing.
 */
export const CONFIRM_FIELD = "confirm";
export const CONFIRM_VALUE = "ja";

/** i18n key of the message for a destructive request without its confirmation. */
export const CONFIRM_REQUIRED_MESSAGE = "validation.confirmRequired";

export const confirmation = z.literal(CONFIRM_VALUE, {
  errorMap: () => ({ message: CONFIRM_REQUIRED_MESSAGE }),
});

/** The schema's fields plus the required confirmation. */
export function confirmedAction<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...shape, [CONFIRM_FIELD]: confirmation } as T & { confirm: typeof confirmation });
}

/** Whether a failed parse failed (also) for want of the confirmation, so the answer can say so. */
export function missesConfirmation(error: z.ZodError): boolean {
  return error.issues.some((issue) => issue.path[0] === CONFIRM_FIELD);
}
