import { describe, expect, it } from "vitest";

import { LanguageSchema, SignupConfirmSchema } from "./schemas";

describe("LanguageSchema", () => {
  it("accepts a supported locale with an optional return path", () => {
    expect(LanguageSchema.parse({ locale: "en", redirectTo: "/modules" })).toEqual({
      locale: "en",
      redirectTo: "/modules",
    });
    expect(LanguageSchema.safeParse({ locale: "nl" }).success).toBe(true);
    expect(LanguageSchema.safeParse({ locale: "de" }).success).toBe(false);
    expect(LanguageSchema.safeParse({}).success).toBe(false);
  });
});

describe("SignupConfirmSchema", () => {
  it("needs a token of sensible length", () => {
    expect(SignupConfirmSchema.safeParse({ token: "abc" }).success).toBe(true);
    expect(SignupConfirmSchema.safeParse({ token: "" }).success).toBe(false);
    expect(SignupConfirmSchema.safeParse({ token: "t".repeat(201) }).success).toBe(false);
    expect(SignupConfirmSchema.safeParse({}).success).toBe(false);
  });
});
