import { describe, expect, it } from "vitest";

import { reminderMail } from "./reminder-mail";

describe("reminderMail", () => {
  it("has a subject and a plain text body in both languages", () => {
    const input = {
      name: "Alex",
      module: "Sekswerk en banken",
      code: "K7QM-2XPD-9HTR-WB41",
      expiresAt: new Date("2026-01-15T12:00:00Z"),
      link: "https://x.example/modules/bank/toets",
    };
    const nl = reminderMail("nl", input);
    const en = reminderMail("en", input);
    expect(nl.subject).toBe("Je certificaat voor Sekswerk en banken verloopt op 15 januari 2026");
    expect(nl.text.startsWith("Hallo Alex,\n")).toBe(true);
    expect(en.subject).toBe("Your certificate for Sekswerk en banken expires on 15 January 2026");
    expect(en.text.startsWith("Hello Alex,\n")).toBe(true);
    for (const mail of [nl, en]) {
      expect(mail.text).toContain(input.code);
      expect(mail.text).toContain(input.link);
    }
  });
});
