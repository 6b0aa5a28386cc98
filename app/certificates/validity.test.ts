import { describe, expect, it } from "vitest";

import { renewalOpensAt } from "~/domain/renewal";

import { addMonths, certificateStatus, expiryDate, reminderDue } from "./validity";

const at = (iso: string) => new Date(iso);
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe("addMonths", () => {
  it("keeps the day of the month and the time of day", () => {
    expect(addMonths(at("2025-03-15T10:20:30.400Z"), 1)).toEqual(at("2025-04-15T10:20:30.400Z"));
    expect(addMonths(at("2025-03-15T10:20:30.400Z"), 12)).toEqual(at("2026-03-15T10:20:30.400Z"));
    expect(addMonths(at("2025-03-15T10:20:30.400Z"), 0)).toEqual(at("2025-03-15T10:20:30.400Z"));
  });

  it("takes the last day of a shorter month (31 January + 1 month)", () => {
    expect(addMonths(at("2025-01-31T12:00:00Z"), 1)).toEqual(at("2025-02-28T12:00:00Z"));
    expect(addMonths(at("2024-01-31T12:00:00Z"), 1)).toEqual(at("2024-02-29T12:00:00Z"));
    expect(addMonths(at("2025-03-31T12:00:00Z"), 1)).toEqual(at("2025-04-30T12:00:00Z"));
    expect(addMonths(at("2025-08-31T12:00:00Z"), 1)).toEqual(at("2025-09-30T12:00:00Z"));
    expect(addMonths(at("2025-01-30T12:00:00Z"), 1)).toEqual(at("2025-02-28T12:00:00Z"));
  });

  it("does not drift: each addition starts again from the original day", () => {
    const start = at("2025-01-31T08:00:00Z");
    expect(addMonths(start, 2)).toEqual(at("2025-03-31T08:00:00Z"));
    expect(addMonths(addMonths(start, 1), 1)).toEqual(at("2025-03-28T08:00:00Z"));
  });

  it("handles leap days over whole years", () => {
    expect(addMonths(at("2024-02-29T09:00:00Z"), 12)).toEqual(at("2025-02-28T09:00:00Z"));
    expect(addMonths(at("2024-02-29T09:00:00Z"), 24)).toEqual(at("2026-02-28T09:00:00Z"));
    expect(addMonths(at("2024-02-29T09:00:00Z"), 48)).toEqual(at("2028-02-29T09:00:00Z"));
    expect(addMonths(at("2023-02-28T09:00:00Z"), 12)).toEqual(at("2024-02-28T09:00:00Z"));
  });

  it("rolls over year ends and goes backwards", () => {
    expect(addMonths(at("2025-11-30T00:00:00Z"), 3)).toEqual(at("2026-02-28T00:00:00Z"));
    expect(addMonths(at("2025-12-31T23:59:59.999Z"), 1)).toEqual(at("2026-01-31T23:59:59.999Z"));
    expect(addMonths(at("2025-03-31T00:00:00Z"), -1)).toEqual(at("2025-02-28T00:00:00Z"));
    expect(addMonths(at("2025-01-15T00:00:00Z"), -13)).toEqual(at("2023-12-15T00:00:00Z"));
  });

  it("does not change its argument", () => {
    const start = at("2025-01-31T12:00:00Z");
    addMonths(start, 1);
    expect(start).toEqual(at("2025-01-31T12:00:00Z"));
  });
});

describe("expiryDate", () => {
  it("is validityMonths after completion, or none when the module's certificates do not expire", () => {
    expect(expiryDate(at("2025-01-31T12:00:00Z"), 24)).toEqual(at("2027-01-31T12:00:00Z"));
    expect(expiryDate(at("2025-01-31T12:00:00Z"), 1)).toEqual(at("2025-02-28T12:00:00Z"));
    expect(expiryDate(at("2025-01-31T12:00:00Z"), null)).toBeNull();
  });
});

describe("certificateStatus", () => {
  const expiresAt = at("2026-06-01T10:00:00Z");

  it("is valid until the expiry moment and expired from it on", () => {
    expect(certificateStatus({ expiresAt, revokedAt: null }, ms(expiresAt, -1))).toBe("valid");
    expect(certificateStatus({ expiresAt, revokedAt: null }, expiresAt)).toBe("expired");
    expect(certificateStatus({ expiresAt, revokedAt: null }, ms(expiresAt, 1))).toBe("expired");
  });

  it("never expires without an expiry date", () => {
    expect(certificateStatus({ expiresAt: null, revokedAt: null }, at("2999-01-01T00:00:00Z"))).toBe("valid");
  });

  it("is revoked from the revocation moment on, before or after expiry", () => {
    const revokedAt = at("2026-01-01T00:00:00Z");
    expect(certificateStatus({ expiresAt, revokedAt }, ms(revokedAt, -1))).toBe("valid");
    expect(certificateStatus({ expiresAt, revokedAt }, revokedAt)).toBe("revoked");
    // Revocation wins over expiry: the page must say why it is not valid.
    expect(certificateStatus({ expiresAt, revokedAt }, ms(expiresAt, 1))).toBe("revoked");
    expect(certificateStatus({ expiresAt: null, revokedAt }, revokedAt)).toBe("revoked");
  });
});

describe("renewalOpensAt and reminderDue", () => {
  const expiresAt = at("2026-06-01T10:00:00Z");
  const opens = at("2026-05-02T10:00:00Z"); // 30 days before
  const fresh = { expiresAt, revokedAt: null, reminderSentAt: null };

  it("opens reminderDays before expiry, never without expiry", () => {
    expect(renewalOpensAt(expiresAt, 30)).toEqual(opens);
    expect(renewalOpensAt(expiresAt, 0)).toEqual(expiresAt);
    expect(renewalOpensAt(null, 30)).toBeNull();
  });

  it("is due from the opening moment until expiry", () => {
    expect(reminderDue(fresh, 30, ms(opens, -1))).toBe(false);
    expect(reminderDue(fresh, 30, opens)).toBe(true);
    expect(reminderDue(fresh, 30, ms(expiresAt, -1))).toBe(true);
    expect(reminderDue(fresh, 30, expiresAt)).toBe(false);
  });

  it("is not due once sent, when revoked, or without expiry", () => {
    expect(reminderDue({ ...fresh, reminderSentAt: opens }, 30, opens)).toBe(false);
    expect(reminderDue({ ...fresh, revokedAt: ms(opens, -1) }, 30, opens)).toBe(false);
    expect(reminderDue({ ...fresh, expiresAt: null }, 30, opens)).toBe(false);
  });

  it("follows the module's lead time", () => {
    const now = at("2026-04-15T10:00:00Z"); // 47 days before expiry
    expect(reminderDue(fresh, 30, now)).toBe(false);
    expect(reminderDue(fresh, 60, now)).toBe(true);
  });
});
