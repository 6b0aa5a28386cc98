import { describe, expect, it } from "vitest";

import { isAllowedContentHost, parseScormContentHosts, scormContentPolicy } from "./scorm-content-policy.js";

describe("parseScormContentHosts", () => {
  it("allows no other host by default", () => {
    expect(parseScormContentHosts(undefined)).toEqual([]);
    expect(parseScormContentHosts(" ")).toEqual([]);
  });

  it("takes https origins and subdomain wildcards, separated by spaces or commas", () => {
    expect(
      parseScormContentHosts("https://code.jquery.com, https://*.jsdelivr.net  https://Fonts.Example:8443/"),
    ).toEqual(["https://code.jquery.com", "https://*.jsdelivr.net", "https://fonts.example:8443"]);
  });

  it.each([
    "*",
    "https://*",
    "http://cdn.example.com",
    "https://cdn.example.com/lib.js",
    "'unsafe-hashes'",
    "cdn.example.com",
  ])("refuses %s, saying what to give instead", (value) => {
    expect(() => parseScormContentHosts(value)).toThrow(
      /SCORM_CONTENT_HOSTS: .* is not an https origin; give https origins/,
    );
  });
});

describe("isAllowedContentHost", () => {
  const sources = ["https://code.jquery.com", "https://*.jsdelivr.net"];
  it("matches exact origins and subdomains of a wildcard, as a browser does", () => {
    expect(isAllowedContentHost("https://code.jquery.com", sources)).toBe(true);
    expect(isAllowedContentHost("https://cdn.jsdelivr.net", sources)).toBe(true);
    expect(isAllowedContentHost("https://jsdelivr.net", sources)).toBe(false);
    expect(isAllowedContentHost("http://code.jquery.com", sources)).toBe(false);
    expect(isAllowedContentHost("https://evil-jsdelivr.net", sources)).toBe(false);
    expect(isAllowedContentHost("https://cdnjs.cloudflare.com", sources)).toBe(false);
  });
});

describe("scormContentPolicy", () => {
  it("keeps package content on this origin without an allow-list", () => {
    const policy = scormContentPolicy([]);
    expect(policy).toContain("default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:");
    expect(policy).toContain("script-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:;");
    expect(policy).not.toMatch(/https:/);
  });

  it("adds the allowed hosts to scripts, styles and fonts only, never to connect-src", () => {
    const policy = scormContentPolicy(["https://code.jquery.com"]);
    for (const directive of ["script-src", "style-src", "font-src"]) {
      expect(policy).toMatch(new RegExp(`${directive} [^;]* https://code\\.jquery\\.com(;|$)`));
    }
    expect(policy).toMatch(/default-src [^;]*blob:;/);
    expect(policy).not.toContain("connect-src");
    expect(policy).toContain("frame-ancestors 'self'");
  });
});
