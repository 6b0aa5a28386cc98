import type { SignUpJoinCodes } from "~/auth/accounts.server";
import type { LearningEvents } from "~/domain/learning-events";

import { joinCohort, resolveJoinCode } from "./cohort-membership.server";
import { joinRetryAfter, joinThrottleKeys, recordJoinMiss } from "./join-throttle.server";

/**
 * Join codes typed at sign-up, for auth's registerUser: a cohort's code makes the new learner a
 * member (through the learning-event path, so reports count them), an organisation's own code
 * only links the account. Codes that match nothing count against the client.
 */
export function signUpJoinCodes(events: LearningEvents): SignUpJoinCodes {
  return {
    async check(db, { code, ip, now }) {
      const keys = ip === null ? null : joinThrottleKeys({ ip });
      const retryAfterSeconds = keys ? await joinRetryAfter(db, keys, now) : null;
      if (retryAfterSeconds !== null) return { ok: false, error: "throttled", retryAfterSeconds };
      const target = await resolveJoinCode(db, code);
      if (!target) {
        if (keys) await recordJoinMiss(db, keys, now);
        return { ok: false, error: "invalid_join_code" };
      }
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
