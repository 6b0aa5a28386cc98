import { describe, expect, it } from "vitest";

import { hstsHeader } from "./http-policy.js";

describe("hstsHeader", () => {
  it("is sent for requests that arrived over HTTPS, for a year by default", () => {
    expect(hstsHeader({ secure: true }, {})).toBe("max-age=31536000");
  });

  it("is sent when the public origin is https even if TLS ends before the server", () => {
    expect(hstsHeader({ secure: false }, { APP_ORIGIN: "https://stigmavrij.nl" })).toBe("max-age=31536000");
  });

  it("is not sent over plain http", () => {
    expect(hstsHeader({ secure: false }, {})).toBeNull();
    expect(hstsHeader({ secure: false }, { APP_ORIGIN: "http://localhost:3000" })).toBeNull();
  });

  it("follows HSTS_MAX_AGE, and 0 turns it off", () => {
    expect(hstsHeader({ secure: true }, { HSTS_MAX_AGE: "600" })).toBe("max-age=600");
    expect(hstsHeader({ secure: true }, { HSTS_MAX_AGE: "0" })).toBeNull();
  });
});
