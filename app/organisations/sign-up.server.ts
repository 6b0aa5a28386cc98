import type { SignUpJoinCodes } from "~/auth/accounts.server";
import type { LearningEvents } from "~/domain/learning-events";

import { joinCohort, resolveJoinCode } from "./cohort-membership.server";
import { joinThrottleKeys, lookUpJoinCode } from "./join-throttle.server";

/**
 * Join codes typed at sign-up, for auth's registerUser: a cohort's code makes the new learner a
 * member (through the learning-event path, so reports count them), an organisation's own code
 * only links the account. Codes that match nothing count against the client.
 */
export function signUpJoinCodes(events: LearningEvents): SignUpJoinCodes {
  return {
    async check(db, { code, ip, now }) {
      const keys = ip === null ? [] : joinThrottleKeys({ ip });
      const lookup = await lookUpJoinCode(db, { keys, now }, () => resolveJoinCode(db, code));
      if (lookup.throttled) return { ok: false, error: "throttled", retryAfterSeconds: lookup.retryAfterSeconds };
      const target = lookup.found;
      if (!target) return { ok: false, error: "invalid_join_code" };
      if (target.kind === "cohort" && target.closed) return { ok: false, error: "cohort_closed" };
      return {
        ok: true,
        organisationId: target.organisationId,
        cohortId: target.kind === "cohort" ? target.cohortId : null,
      };
    },
    async join(db, { userId, cohortId, now }) {
      const joined = await joinCohort(db, { userId, cohortId, events, now });
      return joined.ok;
    },
  };
}
