/**
 * Navigation requests as the content issues them through adl.nav.request (RTE 4.4.x: "continue",
 * "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "{target=ID}choice",
 * "{target=ID}jump", "_none_") and as the LMS controls post them. Checked with zod: anything else
 * is refused before the sequencer sees it.
 */
import { z } from "zod";

import type { NavigationRequest } from "./sequencer.server";

const SIMPLE = ["continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll"] as const;

/** SCORM's long identifier type (CAM 3.4.1.x): at most 4000 characters, no white space. */
const identifier = z
  .string()
  .min(1)
  .max(4000)
  .regex(/^[^\s{}]+$/);

const navigationRequest = z.union([
  z.enum(SIMPLE).transform((request) => ({ request: request as NavigationRequest, target: null })),
  z
    .string()
    .regex(/^\{target=[^}]*\}(choice|jump)$/)
    .transform((value, context) => {
      const match = /^\{target=([^}]*)\}(choice|jump)$/.exec(value)!;
      const target = identifier.safeParse(match[1]);
      if (!target.success) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: "invalid target" });
        return z.NEVER;
      }
      return { request: match[2] as NavigationRequest, target: target.data };
    }),
]);

export type ParsedNavigationRequest = { request: NavigationRequest; target: string | null };

/** null for "_none_", anything malformed, and the requests only the LMS itself issues (start, resumeAll). */
export function parseNavigationRequest(value: unknown): ParsedNavigationRequest | null {
  const parsed = navigationRequest.safeParse(value);
  return parsed.success ? parsed.data : null;
}
