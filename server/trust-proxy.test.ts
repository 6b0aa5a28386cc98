import { describe, expect, it } from "vitest";

import { parseTrustProxy } from "./trust-proxy.js";

describe("parseTrustProxy", () => {
  it("trusts nobody by default", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
  });

  it("takes a hop count", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
  });

  it("takes addresses, subnets and Express's named ranges", () => {
    expect(parseTrustProxy("127.0.0.1")).toEqual(["127.0.0.1"]);
    expect(parseTrustProxy("10.0.0.0/8, ::1,loopback")).toEqual(["10.0.0.0/8", "::1", "loopback"]);
  });

  it("refuses true, saying why and what to give instead", () => {
    expect(() => parseTrustProxy("true")).toThrow(
      /TRUST_PROXY=true is not accepted.*number of proxies.*choose their own IP/,
    );
  });

  it("refuses what is not an address", () => {
    expect(() => parseTrustProxy("nginx.local")).toThrow(/TRUST_PROXY=nginx.local/);
    expect(() => parseTrustProxy("10.0.0.0/99")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("yes")).toThrow(/TRUST_PROXY/);
  });

  it("refuses an implausible hop count", () => {
    expect(() => parseTrustProxy("99")).toThrow(/more than 10 proxies/);
  });
});
