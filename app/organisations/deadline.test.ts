import { describe, expect, it } from "vitest";

import {
  deadlineAppliesTo,
  deadlineFromDay,
  isCohortOverdue,
  isModuleOverdue,
  joinNeedsDeadlineConfirmation,
} from "./deadline";

const deadline = deadlineFromDay("2026-03-31")!;
const before = new Date("2026-03-31T12:00:00Z");
const after = new Date("2026-04-01T08:00:00Z");

describe("cohort deadlines", () => {
  it("makes a cohort overdue only after its whole deadline day", () => {
    expect(isCohortOverdue(deadline, before)).toBe(false);
    expect(isCohortOverdue(deadline, after)).toBe(true);
    expect(isCohortOverdue(null, after)).toBe(false);
  });

  it("binds only members who joined on or before the deadline", () => {
    expect(deadlineAppliesTo(deadline, before)).toBe(true);
    expect(deadlineAppliesTo(deadline, after)).toBe(false);
    expect(deadlineAppliesTo(null, before)).toBe(false);
  });

  it("labels an unfinished module late for an early member, never for a late joiner or a finished one", () => {
    const now = new Date("2026-05-01T00:00:00Z");
    expect(isModuleOverdue({ deadline, joinedAt: before, completed: false, now })).toBe(true);
    expect(isModuleOverdue({ deadline, joinedAt: after, completed: false, now })).toBe(false);
    expect(isModuleOverdue({ deadline, joinedAt: before, completed: true, now })).toBe(false);
    expect(isModuleOverdue({ deadline, joinedAt: before, completed: false, now: before })).toBe(false);
  });

  it("asks for confirmation before joining only once the deadline has passed", () => {
    expect(joinNeedsDeadlineConfirmation(deadline, before)).toBe(false);
    expect(joinNeedsDeadlineConfirmation(deadline, after)).toBe(true);
    expect(joinNeedsDeadlineConfirmation(null, after)).toBe(false);
  });
});
