import { describe, expect, it } from "vitest";

import { certificateSignatory, checkEnv, secureCookies } from "./env.server";

describe("checkEnv", () => {
  it("accepts an empty environment (every variable has a default)", () => {
    expect(checkEnv({})).toEqual({});
  });

  it("names each invalid variable", () => {
    expect(() => checkEnv({ DATABASE_URL: "mysql://x", COOKIE_SECURE: "yes", APP_ORIGIN: "stigmavrij" })).toThrow(
      /DATABASE_URL: must be a SQLite file: URL \(file:[^)]*\) or a PostgreSQL URL[\s\S]*APP_ORIGIN: must be the site's origin[\s\S]*COOKIE_SECURE/,
    );
  });

  it("accepts a SQLite file: URL and a PostgreSQL URL for DATABASE_URL", () => {
    for (const url of ["file:./data/x.db", "postgres://u:p@db:5432/x", "postgresql://u@localhost/x"]) {
      expect(checkEnv({ DATABASE_URL: url })).toEqual({ DATABASE_URL: url });
    }
    expect(() => checkEnv({ DATABASE_URL: "./data/x.db" })).toThrow(/DATABASE_URL/);
  });

  it("refuses TRUST_PROXY=true and explains what to set instead", () => {
    expect(() => checkEnv({ TRUST_PROXY: "true" })).toThrow(
      /TRUST_PROXY: TRUST_PROXY=true is not accepted: give the number of proxies/,
    );
  });

  it("accepts a proxy hop count or proxy addresses", () => {
    expect(checkEnv({ TRUST_PROXY: "1" })).toEqual({ TRUST_PROXY: "1" });
    expect(checkEnv({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" })).toEqual({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" });
    expect(() => checkEnv({ TRUST_PROXY: "proxy.internal" })).toThrow(/TRUST_PROXY/);
  });

  it("checks the HSTS and load-shedding settings", () => {
    expect(checkEnv({ HSTS_MAX_AGE: "0", OVERLOAD_MAX_DELAY_MS: "500" })).toEqual({
      HSTS_MAX_AGE: 0,
      OVERLOAD_MAX_DELAY_MS: 500,
    });
    expect(() => checkEnv({ HSTS_MAX_AGE: "-1" })).toThrow(/HSTS_MAX_AGE/);
    expect(() => checkEnv({ OVERLOAD_MAX_DELAY_MS: "soon" })).toThrow(/OVERLOAD_MAX_DELAY_MS/);
    expect(() => checkEnv({ MAX_CONCURRENT_REQUESTS: "-1" })).toThrow(/MAX_CONCURRENT_REQUESTS/);
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

describe("certificate signatory", () => {
  it("accepts a name and role of one short line and refuses what would not print under the signature", () => {
    expect(
      checkEnv({ CERTIFICATE_SIGNATORY_NAME: "Marieke van den Berg", CERTIFICATE_SIGNATORY_ROLE: "Voorzitter" }),
    ).toMatchObject({ CERTIFICATE_SIGNATORY_NAME: "Marieke van den Berg" });
    expect(() => checkEnv({ CERTIFICATE_SIGNATORY_NAME: "x".repeat(61) })).toThrow(
      /CERTIFICATE_SIGNATORY_NAME: must be at most 60 characters/,
    );
    expect(() => checkEnv({ CERTIFICATE_SIGNATORY_ROLE: "Voorzitter\nSWAD" })).toThrow(
      /CERTIFICATE_SIGNATORY_ROLE: must be one line of text/,
    );
  });

  it("leaves unset or blank values to the certificate's defaults", () => {
    expect(certificateSignatory({})).toEqual({ name: null, role: null });
    expect(
      certificateSignatory({ CERTIFICATE_SIGNATORY_NAME: " A. de Vries ", CERTIFICATE_SIGNATORY_ROLE: " " }),
    ).toEqual({
      name: "A. de Vries",
      role: null,
    });
  });
});
