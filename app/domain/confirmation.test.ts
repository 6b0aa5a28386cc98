import { describe, expect, it } from "vitest";
import { z } from "zod";

import { isMessageKey, messages } from "~/i18n/messages";

import {
  CONFIRM_FIELD,
  CONFIRM_REQUIRED_MESSAGE,
  CONFIRM_VALUE,
  confirmedAction,
  missesConfirmation,
} from "./confirmation";

const Schema = confirmedAction({ intent: z.literal("delete"), id: z.string().min(1) });

describe("confirmedAction", () => {
  it("accepts the request only with the explicit confirmation of the confirm step", () => {
    expect(Schema.safeParse({ intent: "delete", id: "x", [CONFIRM_FIELD]: CONFIRM_VALUE }).success).toBe(true);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["another word", "yes"],
    ["a checkbox default", "on"],
    ["different case", "JA"],
  ])("refuses a confirmation that is %s, naming the confirmation as the reason", (_, value) => {
    const parsed = Schema.safeParse({ intent: "delete", id: "x", [CONFIRM_FIELD]: value });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(missesConfirmation(parsed.error)).toBe(true);
    expect(parsed.error.issues.map((issue) => issue.message)).toEqual([CONFIRM_REQUIRED_MESSAGE]);
  });

  it("tells other problems apart from a missing confirmation", () => {
    const parsed = Schema.safeParse({ intent: "delete", id: "", [CONFIRM_FIELD]: CONFIRM_VALUE });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(missesConfirmation(parsed.error)).toBe(false);
  });

  it("has a message in Dutch and English that says nothing was changed", () => {
    expect(isMessageKey(CONFIRM_REQUIRED_MESSAGE)).toBe(true);
    expect(messages.nl["validation.confirmRequired"]).toContain("Er is niets gewijzigd.");
    expect(messages.en["validation.confirmRequired"]).toContain("Nothing has been changed.");
  });
});
