import { describe, expect, it } from "vitest";

import { missesConfirmation } from "~/domain/confirmation";

import {
  CohortActionSchema,
  JoinCohortSchema,
  OrganisationIntentSchema,
  OrganisationsIntentSchema,
  RemoveTrainerSchema,
} from "./schemas";

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

describe("organisation page intents", () => {
  it("accepts only the intents of each page's forms", () => {
    for (const intent of ["create", "swad-set", "swad-unset"]) {
      expect(OrganisationsIntentSchema.safeParse(intent).success).toBe(true);
    }
    for (const intent of ["update", "appoint", "remove"]) {
      expect(OrganisationIntentSchema.safeParse(intent).success).toBe(true);
    }
    for (const intent of [null, "", "delete"]) {
      expect(OrganisationsIntentSchema.safeParse(intent).success).toBe(false);
      expect(OrganisationIntentSchema.safeParse(intent).success).toBe(false);
    }
    expect(OrganisationsIntentSchema.safeParse("update").success).toBe(false);
    expect(OrganisationIntentSchema.safeParse("create").success).toBe(false);
  });
});

describe("JoinCohortSchema", () => {
  it("takes the deadline checkbox ticked or absent, nothing else", () => {
    expect(JoinCohortSchema.safeParse({}).success).toBe(true);
    expect(JoinCohortSchema.safeParse({ deadlineSeen: "ja" }).success).toBe(true);
    expect(JoinCohortSchema.safeParse({ deadlineSeen: "nee" }).success).toBe(false);
  });
});
