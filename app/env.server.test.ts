import { describe, expect, it } from "vitest";

import { checkEnv, secureCookies } from "./env.server";

describe("checkEnv", () => {
  it("accepts an empty environment (every variable has a default)", () => {
    expect(checkEnv({})).toEqual({});
  });

  it("names each invalid variable", () => {
    expect(() => checkEnv({ DATABASE_URL: "postgres://x", COOKIE_SECURE: "yes", APP_ORIGIN: "stigmavrij" })).toThrow(
      /DATABASE_URL: must be a SQLite file: URL[\s\S]*APP_ORIGIN: must be the site's origin[\s\S]*COOKIE_SECURE/,
    );
  });
});

describe("secureCookies", () => {
  it("follows NODE_ENV unless COOKIE_SECURE says otherwise", () => {
    expect(secureCookies({ NODE_ENV: "production" })).toBe(true);
    expect(secureCookies({ NODE_ENV: "development" })).toBe(false);
    expect(secureCookies({ NODE_ENV: "production", COOKIE_SECURE: "false" })).toBe(false);
    expect(secureCookies({ NODE_ENV: "development", COOKIE_SECURE: "true" })).toBe(true);
  });
});
