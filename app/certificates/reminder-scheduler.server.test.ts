import { describe, expect, it } from "vitest";

import { startReminderSchedule } from "./reminder-scheduler.server";

describe("startReminderSchedule", () => {
  it("is off with CERTIFICATE_REMINDERS=off and otherwise returns a handle to stop it", () => {
    expect(startReminderSchedule({ CERTIFICATE_REMINDERS: "off" })).toBeNull();
    const schedule = startReminderSchedule({});
    expect(schedule).not.toBeNull();
    schedule?.stop();
  });
});
