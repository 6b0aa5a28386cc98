import { describe, expect, it } from "vitest";

import { canonicalUrl } from "./remix-handler.js";

const request = (originalUrl: string) => ({ originalUrl }) as Parameters<typeof canonicalUrl>[0];

describe("canonicalUrl", () => {
  it("puts the requested path and query on the site's public origin", () => {
    expect(canonicalUrl(request("/modules/basis?stap=2"), "https://stigmavrij.nl").href).toBe(
      "https://stigmavrij.nl/modules/basis?stap=2",
    );
    expect(canonicalUrl(request("/"), "https://stigmavrij.nl/").href).toBe("https://stigmavrij.nl/");
  });

  it("never lets a path choose another host", () => {
    const url = canonicalUrl(request("//evil.example/inloggen"), "https://stigmavrij.nl");
    expect(url.host).toBe("stigmavrij.nl");
    expect(url.pathname).toBe("//evil.example/inloggen");
  });
});
