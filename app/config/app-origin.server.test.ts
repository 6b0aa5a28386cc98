import { describe, expect, it } from "vitest";

import { appOrigin } from "./app-origin.server";
import { checkEnv } from "./env.server";

describe("appOrigin", () => {
  it("is APP_ORIGIN, reduced to its origin", () => {
    expect(appOrigin({ APP_ORIGIN: "https://stigmavrij.nl/", NODE_ENV: "production" })).toBe("https://stigmavrij.nl");
    expect(appOrigin({ APP_ORIGIN: "https://leren.example:8443/pad?x=1" })).toBe("https://leren.example:8443");
  });

  it("falls back to the local server outside production", () => {
    expect(appOrigin({})).toBe("http://localhost:3000");
    expect(appOrigin({ NODE_ENV: "development", PORT: "4100" })).toBe("http://localhost:4100");
    expect(appOrigin({ NODE_ENV: "test" })).toBe("http://localhost:3000");
  });

  it("refuses to guess in production", () => {
    expect(() => appOrigin({ NODE_ENV: "production" })).toThrow(
      /APP_ORIGIN is not set[\s\S]*APP_ORIGIN=https:\/\/stigmavrij.nl/,
    );
  });
});

describe("checkEnv and APP_ORIGIN", () => {
  it("refuses a production start without APP_ORIGIN, naming the variable and an example", () => {
    expect(() => checkEnv({ NODE_ENV: "production" })).toThrow(
      /APP_ORIGIN: is required in production\. [\s\S]*e\.g\. APP_ORIGIN=https:\/\/stigmavrij\.nl/,
    );
  });

  it("accepts production with APP_ORIGIN, and development without", () => {
    expect(checkEnv({ NODE_ENV: "production", APP_ORIGIN: "https://stigmavrij.nl" })).toMatchObject({
      APP_ORIGIN: "https://stigmavrij.nl",
    });
    expect(checkEnv({ NODE_ENV: "development" })).toEqual({ NODE_ENV: "development" });
  });

  it("refuses an origin that is not http(s)", () => {
    expect(() => checkEnv({ APP_ORIGIN: "ftp://stigmavrij.nl" })).toThrow(
      /APP_ORIGIN: must be an http:\/\/ or https:\/\/ origin/,
    );
  });
});
