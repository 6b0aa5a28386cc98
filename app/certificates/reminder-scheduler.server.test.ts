import { describe, expect, it } from "vitest";

import { CERTIFICATE_REMINDER_QUEUE, certificateReminderRecurrence } from "./reminder-scheduler.server";

describe("certificateReminderRecurrence", () => {
  it("is off with CERTIFICATE_REMINDERS=off and otherwise an hourly job", () => {
    expect(certificateReminderRecurrence({ CERTIFICATE_REMINDERS: "off" })).toBeNull();
    expect(certificateReminderRecurrence({})).toEqual({ queue: CERTIFICATE_REMINDER_QUEUE, everyMs: 3_600_000 });
  });
});
