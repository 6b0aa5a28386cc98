import { describe, expect, it } from "vitest";

import { missesConfirmation } from "~/domain/confirmation";

import { CohortActionSchema, RemoveTrainerSchema } from "./schemas";

describe("CohortActionSchema", () => {
  it("closes a cohort or removes a learner only with the confirm step's yes", () => {
    for (const input of [{ intent: "close" }, { intent: "remove", userId: "u1" }]) {
      const refused = CohortActionSchema.safeParse(input);
      expect(refused.success, JSON.stringify(input)).toBe(false);
      if (!refused.success) expect(missesConfirmation(refused.error)).toBe(true);
      expect(CohortActionSchema.safeParse({ ...input, confirm: "ja" }).success).toBe(true);
    }
  });

  it("reopens without a confirmation: reopening undoes a close", () => {
    expect(CohortActionSchema.safeParse({ intent: "reopen" }).success).toBe(true);
  });

  it("refuses an unknown intent as tampering, not as a missing confirmation", () => {
    const parsed = CohortActionSchema.safeParse({ intent: "delete", confirm: "ja" });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(missesConfirmation(parsed.error)).toBe(false);
  });
});

describe("RemoveTrainerSchema", () => {
  it("removes a trainer only with the confirm step's yes", () => {
    expect(RemoveTrainerSchema.safeParse({ userId: "u1" }).success).toBe(false);
    expect(RemoveTrainerSchema.safeParse({ userId: "u1", confirm: "ja" }).success).toBe(true);
  });
});
