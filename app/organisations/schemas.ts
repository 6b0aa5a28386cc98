import { z } from "zod";

import { calendarDayField } from "~/domain/calendar-day";
import { confirmedAction } from "~/domain/confirmation";
import { SECTORS } from "~/domain/constants";
import { nameField } from "~/domain/plain-text";

/** Form schemas of the organisation and cohort pages, shared by actions and the browser. Messages are i18n keys. */

export const OrganisationSchema = z.object({
  name: nameField({ required: "organisations.nameRequired", tooLong: "organisations.nameTooLong" }),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "organisations.sectorInvalid" }) }),
});

export type OrganisationInput = z.infer<typeof OrganisationSchema>;

export const TrainerEmailSchema = z.object({
  email: z
    .string({ required_error: "organisations.emailRequired" })
    .trim()
    .min(1, "organisations.emailRequired")
    .max(254, "organisations.emailRequired"),
});

export const CohortSchema = z.object({
  name: nameField({ required: "cohorts.nameRequired", tooLong: "cohorts.nameTooLong" }),
  organisationId: z
    .string({ required_error: "cohorts.organisationRequired" })
    .min(1, "cohorts.organisationRequired")
    .max(64, "cohorts.organisationRequired"),
  modules: z
    .array(z.string().min(1).max(200), { required_error: "cohorts.modulesRequired" })
    .min(1, "cohorts.modulesRequired")
    .max(50, "cohorts.modulesRequired"),
  // Typed as dd-mm-jjjj (or jjjj-mm-dd); parsed to "jjjj-mm-dd".
  deadline: calendarDayField("cohorts.deadlineInvalid").optional(),
});

export type CohortInput = z.infer<typeof CohortSchema>;

export const JoinCodeEntrySchema = z.object({
  code: z
    .string({ required_error: "cohorts.join.codeRequired" })
    .trim()
    .min(1, "cohorts.join.codeRequired")
    .max(64, "cohorts.join.codeUnknown"),
});

/**
 * The cohort page's actions. Removing a learner and closing the cohort take effect only with the
 * confirm step's explicit "yes"; reopening undoes a close and needs none.
 */
export const CohortActionSchema = z.discriminatedUnion("intent", [
  confirmedAction({ intent: z.literal("close") }),
  z.object({ intent: z.literal("reopen") }),
  confirmedAction({ intent: z.literal("remove"), userId: z.string().min(1).max(64) }),
]);

/** Removing a trainer from an organisation ends their access to its cohorts and reports. */
export const RemoveTrainerSchema = confirmedAction({ userId: z.string().min(1).max(64) });

/** The forms of the organisation list page, told apart by their intent button. */
export const OrganisationsIntentSchema = z.enum(["create", "swad-set", "swad-unset"]);

/** The forms of one organisation's page, told apart by their intent button. */
export const OrganisationIntentSchema = z.enum(["update", "appoint", "remove"]);

/** The checkbox a learner ticks to join a cohort whose deadline has passed. */
export const JoinCohortSchema = z.object({ deadlineSeen: z.literal("ja").optional() });
