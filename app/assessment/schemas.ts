import { z } from "zod";

/** The most study minutes a learner can report for one attempt. */
export const REPORTED_MINUTES_MAX = 600;

/**
 * The study time asked at submission (accreditation registers want it), as typed in the form's
 * text field. Shared by the form (for its message's maximum) and the server.
 */
export const ReportedMinutesSchema = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(REPORTED_MINUTES_MAX));
