import { request as httpRequest } from "node:http";
import zlib from "node:zlib";

import { expect, test } from "@playwright/test";

import { E2E_ORIGIN } from "./support/env";

/** The raw answer, body still encoded (Playwright's request API would decode it). */
function rawGet(pathname: string, headers: Record<string, string>) {
  return new Promise<{ status: number; encoding?: string; body: Buffer }>((resolve, reject) => {
    httpRequest(`${E2E_ORIGIN}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          encoding: res.headers["content-encoding"],
          body: Buffer.concat(chunks),
        }),
      );
    })
      .on("error", reject)
      .end();
  });
}

function pageMessages(html: string): {
  locale: string;
  messages: Record<string, string>;
  sources: Record<string, string>;
} {
  const json = /<script id="page-messages" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
  expect(json, "the page carries its messages").toBeTruthy();
  return JSON.parse(json ?? "null");
}

test("pages, data and the browser bundle are compressed as the browser asks", async () => {
  const brotli = await rawGet("/modules", { "Accept-Encoding": "gzip, deflate, br" });
  expect(brotli.status).toBe(200);
  expect(brotli.encoding).toBe("br");
  const html = zlib.brotliDecompressSync(brotli.body).toString();
  expect(html).toContain("<html");

  const gzip = await rawGet("/modules", { "Accept-Encoding": "gzip" });
  expect(gzip.encoding).toBe("gzip");
  expect(zlib.gunzipSync(gzip.body).toString()).toContain("<html");

  const script = /<script type="module"[^>]*>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  const entry =
    /"(\/build\/entry\.client-[^"]+\.js)"/.exec(html)?.[1] ?? /"(\/build\/entry\.client-[^"]+\.js)"/.exec(script)?.[1];
  expect(entry, "the page loads the client entry").toBeTruthy();
  const bundle = await rawGet(entry ?? "", { "Accept-Encoding": "br" });
  expect(bundle.encoding).toBe("br");
  expect(zlib.brotliDecompressSync(bundle.body).toString()).toContain("import");
});

test("a page carries only its own language's messages, and only those it shows", async ({ request }) => {
  const dutch = await (await request.get("/modules", { headers: { "Accept-Language": "nl" } })).text();
  const nl = pageMessages(dutch);
  expect(nl.locale).toBe("nl");
  expect(nl.messages["nav.login"]).toBe("Inloggen");
  // Only what the page rendered: the administrator's and SCORM texts are not on the catalogue.
  expect(Object.keys(nl.messages).some((key) => key.startsWith("scorm."))).toBe(false);
  expect(dutch).not.toContain("Skip to content");

  const english = await (await request.get("/modules", { headers: { "Accept-Language": "en" } })).text();
  const en = pageMessages(english);
  expect(en.locale).toBe("en");
  expect(en.messages["nav.login"]).toBe("Log in");
  expect(english).not.toContain("Naar de inhoud");

  // The rest of a language is one file of that language alone.
  const all = await request.get(en.sources.en ?? "");
  expect(all.ok()).toBe(true);
  expect(all.headers()["cache-control"]).toContain("immutable");
  const messages = (await all.json()) as Record<string, string>;
  expect(messages["nav.skipToContent"]).toBe("Skip to content");
  expect(Object.values(messages)).not.toContain("Naar de inhoud");
});

test("the page loads no messages file until the visitor does something, then navigates in its language", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  const fetched: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.startsWith("/teksten/")) fetched.push(req.url());
  });
  await page.goto("/modules");
  // Scripts loaded and run: the page is hydrated and has had every chance to fetch.
  await page.waitForLoadState("networkidle");
  expect(fetched).toEqual([]);

  await page.getByRole("link", { name: "Inloggen" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
  await expect(page.getByLabel("E-mailadres")).toBeVisible();
  expect(fetched.length).toBe(1);
  expect(fetched[0]).toMatch(/\/teksten\/nl\.[\w-]+\.json$/);

  // A page that failed: its messages came with it, so it hydrates without the language file.
  await page.goto("/bestaat-niet");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Hydration found the server's HTML as it would have rendered it (no mismatch, no missing message).
  expect(errors.filter((text) => !text.includes("404"))).toEqual([]);
});
