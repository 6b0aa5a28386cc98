import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";

import {
  AddAccreditationSchema,
  CertificationSettingsSchema,
  certificationSettingsProblem,
} from "./accreditation-forms";

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

describe("certificationSettingsProblem", () => {
  it("accepts no expiry, and a reminder shorter than the shortest possible validity", () => {
    expect(certificationSettingsProblem({ validityMonths: null, reminderDays: 365 })).toBeNull();
    expect(certificationSettingsProblem({ validityMonths: 1, reminderDays: 27 })).toBeNull();
    expect(certificationSettingsProblem({ validityMonths: 36, reminderDays: 365 })).toBeNull();
  });

  it("names the field and the message of the first rule broken", () => {
    expect(certificationSettingsProblem({ validityMonths: 0, reminderDays: 30 })).toEqual({
      field: "validityMonths",
      message: "accreditation.error.validity",
    });
    expect(certificationSettingsProblem({ validityMonths: 12, reminderDays: 400 })).toEqual({
      field: "reminderDays",
      message: "accreditation.error.reminder",
    });
    expect(certificationSettingsProblem({ validityMonths: 1, reminderDays: 28 })).toEqual({
      field: "reminderDays",
      message: "accreditation.error.reminderTooLong",
    });
  });
});

describe("CertificationSettingsSchema", () => {
  it("reads typed numbers, an empty validity as no expiry, and ties each problem to its field", () => {
    const ok = parseWithZod(form({ intent: "settings", validityMonths: "", reminderDays: " 30 " }), {
      schema: CertificationSettingsSchema,
    });
    expect(ok.status === "success" && ok.value).toEqual({ intent: "settings", reminderDays: 30 });
    const tooLong = parseWithZod(form({ intent: "settings", validityMonths: "2", reminderDays: "90" }), {
      schema: CertificationSettingsSchema,
    });
    expect(tooLong.reply().error).toEqual({ reminderDays: ["accreditation.error.reminderTooLong"] });
    const notANumber = parseWithZod(form({ intent: "settings", validityMonths: "twee", reminderDays: "x" }), {
      schema: CertificationSettingsSchema,
    });
    expect(notANumber.reply().error).toEqual({
      validityMonths: ["accreditation.error.validity"],
      reminderDays: ["accreditation.error.reminder"],
    });
  });
});

describe("AddAccreditationSchema", () => {
  it("accepts a decimal comma and refuses points out of range", () => {
    const ok = parseWithZod(form({ intent: "add", register: "vvn", accreditationId: "ABC-123", points: "1,5" }), {
      schema: AddAccreditationSchema,
    });
    expect(ok.status === "success" && ok.value.points).toBe(1.5);
    const zero = parseWithZod(form({ intent: "add", register: "vvn", accreditationId: "ABC-123", points: "0" }), {
      schema: AddAccreditationSchema,
    });
    expect(zero.reply().error).toEqual({ points: ["accreditation.error.points"] });
  });
});
