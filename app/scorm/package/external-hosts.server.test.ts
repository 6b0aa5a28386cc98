import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { packageExternalOrigins, referencedOrigins } from "./external-hosts.server";

describe("referencedOrigins", () => {
  it("finds script, stylesheet and CSS url()/@import origins, protocol-relative ones as https", () => {
    const html = `<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
      <script type="module" src='//cdn.example.org/app.js'></script>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">
      <script src="js/local.js"></script><a href="https://example.com/help">help</a>`;
    expect(referencedOrigins(html).sort()).toEqual([
      "https://cdn.example.org",
      "https://code.jquery.com",
      "https://fonts.googleapis.com",
    ]);
    const css = `@import "https://fonts.example.net/a.css"; @font-face { src: url(https://fonts.gstatic.com/x.woff2) }
      .a { background: url("img/local.png") }`;
    expect(referencedOrigins(css).sort()).toEqual(["https://fonts.example.net", "https://fonts.gstatic.com"]);
  });
});

describe("packageExternalOrigins", () => {
  it("scans the HTML and CSS files of a package", async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), "scorm-hosts-"));
    try {
      await fs.mkdir(path.join(root, "Les 1"));
      await fs.writeFile(path.join(root, "Les 1", "index.html"), `<script src="https://cdn.a.test/x.js"></script>`);
      await fs.writeFile(path.join(root, "style.css"), `@import url(https://cdn.b.test/y.css);`);
      await fs.writeFile(path.join(root, "data.js"), `load("https://cdn.c.test/z.js")`);
      expect(await packageExternalOrigins(root, ["Les 1/index.html", "style.css", "data.js"])).toEqual([
        "https://cdn.a.test",
        "https://cdn.b.test",
      ]);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
