import { z } from "zod";

import { RegisterSchema } from "~/auth/schemas";
import { confirmedAction } from "~/domain/confirmation";

/**
 * Schemas for the administrator's certificate forms, shared by the route (conform validates with
 * them in the browser and in the action) and the lifecycle functions. Messages are i18n keys.
 */

export const REVOKE_REASON_MIN = 3;
export const REVOKE_REASON_MAX = 500;

export const revokeReason = z
  .string({ required_error: "certAdmin.revoke.reasonRequired" })
  .trim()
  .min(REVOKE_REASON_MIN, "certAdmin.revoke.reasonRequired")
  .max(REVOKE_REASON_MAX, "certAdmin.revoke.reasonTooLong");

/** The same rule as at sign-up: a corrected name must be one the learner could have chosen. */
export const learnerName = RegisterSchema.shape.name;

/** Revoking cannot be undone, so it also needs the explicit "yes" of the confirm step. */
export const RevokeSchema = confirmedAction({ intent: z.literal("revoke"), reason: revokeReason });

export const CorrectNameSchema = z.object({ intent: z.literal("correct-name"), name: learnerName });
