import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

import { expect, test, type APIResponse, type Page } from "@playwright/test";

import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";
import { E2E_ORIGIN, E2E_OUTBOX } from "./support/env";
import { cookieHeader, postChunked } from "./support/raw-http";
import { E2E_SCORM_DIR } from "./support/scorm";

/**
 * Hostile HTTP against the production server: bodies over their cap however they are framed,
 * bodies that are not forms, methods nobody offers, forged proxy headers, and the caching and
 * HSTS headers. Every case checks the status, the message, and that nothing was stored.
 * playwright.config.ts runs the server as if behind one proxy (TRUST_PROXY=1) with a 16 MiB
 * SCORM upload cap.
 */

const MIB = 1024 * 1024;
const TOO_LARGE = "Het verzoek is te groot.\nThe request is too large.\n";
const NOT_ALLOWED = "Deze methode wordt hier niet ondersteund.\nThis method is not supported here.\n";
const UNREADABLE_NL = "De gegevens van het formulier konden niet worden gelezen.";
const UPLOAD_UNREADABLE_NL = "De upload was onvolledig of kon niet worden gelezen.";
const SAME_ORIGIN = { Origin: E2E_ORIGIN };

function expectNoStackTrace(body: string) {
  expect(body).not.toMatch(/TypeError|SyntaxError|\n\s+at [\w.<]+ \(|node:internal/);
}

async function expectUnreadableForm(response: APIResponse) {
  expect(response.status()).toBe(400);
  const body = await response.text();
  expect(body).toContain(UNREADABLE_NL);
  expectNoStackTrace(body);
}

const sessionsOf = (user: TestUser) => e2eDb().session.count({ where: { userId: user.id } });
const usersWithEmail = (email: string) => e2eDb().user.count({ where: { email } });

async function mailsTo(address: string): Promise<number> {
  const names = await fs.readdir(E2E_OUTBOX).catch(() => [] as string[]);
  let count = 0;
  for (const name of names.filter((file) => file.endsWith(".eml"))) {
    if ((await fs.readFile(path.join(E2E_OUTBOX, name), "utf8")).includes(address)) count += 1;
  }
  return count;
}

/** Files left in the SCORM work folders (uploads, staging) and package folders. */
async function scormLeftovers(): Promise<string[]> {
  return fs.readdir(E2E_SCORM_DIR, { recursive: true }).catch(() => [] as string[]);
}

function registration(email: string, name = "Hostile Tester") {
  return { name, email, password: "een-lang-wachtwoord", locale: "nl", sector: "bank", joinCode: "", redirectTo: "" };
}

function multipart(boundary: string, fields: Record<string, string>) {
  return Object.entries(fields)
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join("");
}

async function loggedIn(page: Page, role: "learner" | "admin" = "learner") {
  const user = await createTestUser({ role });
  await logIn(page, user);
  await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
  return user;
}

test.describe("bodies over their cap, however they are framed", () => {
  test("a chunked 3 MiB login is refused with 413 before it is read, and nobody is logged in", async () => {
    const user = await createTestUser();
    const answer = await postChunked("/inloggen", {
      contentType: "application/x-www-form-urlencoded",
      prefix: `email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(user.password)}&filler=`,
      fillBytes: 3 * MIB,
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe(TOO_LARGE);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(await sessionsOf(user)).toBe(0);
  });

  test("a chunked oversize sign-up creates no account", async () => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    const answer = await postChunked("/registreren", {
      contentType: "application/x-www-form-urlencoded",
      prefix: `${new URLSearchParams(registration(email)).toString()}&filler=`,
      fillBytes: 2 * MIB,
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe(TOO_LARGE);
    expect(await usersWithEmail(email)).toBe(0);
  });

  test("a chunked oversize multipart sign-up creates no account", async () => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    const answer = await postChunked("/registreren", {
      contentType: "multipart/form-data; boundary=XYZ",
      prefix: `${multipart("XYZ", registration(email))}--XYZ\r\nContent-Disposition: form-data; name="filler"\r\n\r\n`,
      fillBytes: 2 * MIB,
      suffix: "\r\n--XYZ--\r\n",
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe(TOO_LARGE);
    expect(await usersWithEmail(email)).toBe(0);
  });

  test("a body just over the cap with a Content-Length is refused too", async ({ request }) => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    const response = await request.post("/wachtwoord-vergeten", {
      headers: { ...SAME_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
      data: `email=${encodeURIComponent(email)}&filler=${"a".repeat(MIB)}`,
    });
    expect(response.status()).toBe(413);
    expect(await response.text()).toBe(TOO_LARGE);
    expect(await mailsTo(email)).toBe(0);
  });

  test("a chunked oversize SCORM commit is refused with 413 and no attempt is stored", async ({ page }) => {
    const learner = await loggedIn(page);
    const answer = await postChunked("/modules/sekswerk-en-stigma-de-basis/speler/sco-1/opslaan?sessie=1", {
      contentType: "application/json",
      prefix: '{"cmi":{"suspend_data":"',
      fillBytes: 2 * MIB,
      suffix: '"}}',
      cookie: await cookieHeader(page),
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe(TOO_LARGE);
    expect(await e2eDb().scormAttempt.count({ where: { userId: learner.id } })).toBe(0);
  });

  for (const uploadPath of ["/beheer/scorm/upload", "/beheer/scorm?index"]) {
    test(`a chunked SCORM upload of many small fields past the cap to ${uploadPath} is refused with 413`, async ({
      page,
    }) => {
      await loggedIn(page, "admin");
      const packagesBefore = await e2eDb().scormPackage.count();
      // Small fields are kept in memory by the upload parser: only the stream cap bounds them.
      const field = `--UPLOAD\r\nContent-Disposition: form-data; name="veld"\r\n\r\n${"b".repeat(8 * 1024)}\r\n`;
      const answer = await postChunked(uploadPath, {
        contentType: "multipart/form-data; boundary=UPLOAD",
        fill: Buffer.from(field.repeat(8)),
        fillBytes: 18 * MIB,
        suffix: "--UPLOAD--\r\n",
        cookie: await cookieHeader(page),
        accept: "application/json",
      });
      expect(answer.status).toBe(413);
      expect(answer.body).toBe(TOO_LARGE);
      expect(await e2eDb().scormPackage.count()).toBe(packagesBefore);
      await expect.poll(scormLeftovers).toEqual(expect.not.arrayContaining([expect.stringMatching(/^\.uploads\/.+/)]));
    });
  }

  test("a chunked SCORM file over the upload limit gets the upload's own message and leaves nothing", async ({
    page,
  }) => {
    await loggedIn(page, "admin");
    const packagesBefore = await e2eDb().scormPackage.count();
    const answer = await postChunked("/beheer/scorm/upload", {
      contentType: "multipart/form-data; boundary=UPLOAD",
      prefix:
        '--UPLOAD\r\nContent-Disposition: form-data; name="package"; filename="groot.zip"\r\nContent-Type: application/zip\r\n\r\n',
      fillBytes: 16 * MIB + 1,
      suffix: "\r\n--UPLOAD--\r\n",
      cookie: await cookieHeader(page),
      accept: "application/json",
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, message: expect.stringContaining("groter dan 16 MB") });
    expect(await e2eDb().scormPackage.count()).toBe(packagesBefore);
    await expect.poll(scormLeftovers).toEqual(expect.not.arrayContaining([expect.stringMatching(/^\.uploads\/.+/)]));
  });
});

test.describe("bodies that are not readable forms get a 400 and change nothing", () => {
  test("multipart without a boundary", async ({ request }) => {
    const user = await createTestUser();
    await expectUnreadableForm(
      await request.post("/inloggen", {
        headers: { ...SAME_ORIGIN, "Content-Type": "multipart/form-data" },
        data: `email=${user.email}&password=${user.password}`,
      }),
    );
    expect(await sessionsOf(user)).toBe(0);
  });

  test("multipart cut off in the middle of a field", async ({ request }) => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    const body = multipart("CUT", registration(email)).slice(0, -20);
    await expectUnreadableForm(
      await request.post("/registreren", {
        headers: { ...SAME_ORIGIN, "Content-Type": "multipart/form-data; boundary=CUT" },
        data: body,
      }),
    );
    expect(await usersWithEmail(email)).toBe(0);
  });

  test("multipart with a boundary that never appears", async ({ request }) => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    await expectUnreadableForm(
      await request.post("/registreren", {
        headers: { ...SAME_ORIGIN, "Content-Type": "multipart/form-data; boundary=ELDERS" },
        data: multipart("ANDERS", registration(email)),
      }),
    );
    expect(await usersWithEmail(email)).toBe(0);
  });

  test("a JSON body sent to the sign-up form", async ({ request }) => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    await expectUnreadableForm(await request.post("/registreren", { headers: SAME_ORIGIN, data: registration(email) }));
    expect(await usersWithEmail(email)).toBe(0);
  });

  test("a JSON body sent to the login form", async ({ request }) => {
    const user = await createTestUser();
    await expectUnreadableForm(
      await request.post("/inloggen", { headers: SAME_ORIGIN, data: { email: user.email, password: user.password } }),
    );
    expect(await sessionsOf(user)).toBe(0);
  });

  test("a JSON body sent to an administrator's form", async ({ page }) => {
    await loggedIn(page, "admin");
    const before = await e2eDb().organisation.count();
    await expectUnreadableForm(
      await page.request.post("/beheer/organisaties?index", {
        headers: SAME_ORIGIN,
        data: { intent: "create", name: "JSON-bank", sector: "bank" },
      }),
    );
    expect(await e2eDb().organisation.count()).toBe(before);
  });

  test("a text/plain body sent to the password-reset form", async ({ request }) => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    await expectUnreadableForm(
      await request.post("/wachtwoord-vergeten", {
        headers: { ...SAME_ORIGIN, "Content-Type": "text/plain" },
        data: `email=${email}`,
      }),
    );
    expect(await mailsTo(email)).toBe(0);
  });

  test("a body without any Content-Type sent to the account page", async ({ page }) => {
    const user = await loggedIn(page);
    await expectUnreadableForm(
      await page.request.post("/account", {
        headers: { ...SAME_ORIGIN, "Content-Type": "" },
        data: Buffer.from("intent=delete&password=x"),
      }),
    );
    expect(await e2eDb().user.count({ where: { id: user.id } })).toBe(1);
  });

  test("a percent escape that is not UTF-8 in a name", async ({ request }) => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    const body = new URLSearchParams(registration(email)).toString().replace("name=Hostile+Tester", "name=Jan%C3%28");
    await expectUnreadableForm(
      await request.post("/registreren", {
        headers: { ...SAME_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        data: body,
      }),
    );
    expect(await usersWithEmail(email)).toBe(0);
  });

  test("a lone percent sign in a password", async ({ request }) => {
    const user = await createTestUser();
    const body = `email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(user.password)}%`;
    await expectUnreadableForm(
      await request.post("/inloggen", {
        headers: { ...SAME_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        data: body,
      }),
    );
    expect(await sessionsOf(user)).toBe(0);
  });

  test("a single-fetch data request with a JSON body", async ({ request }) => {
    const user = await createTestUser();
    const response = await request.post("/inloggen.data", {
      headers: SAME_ORIGIN,
      data: { email: user.email, password: user.password },
    });
    expect(response.status()).toBe(400);
    expectNoStackTrace(await response.text());
    expect(await sessionsOf(user)).toBe(0);
  });

  test("a truncated SCORM upload is a 400 with the upload's own message, and nothing is stored", async ({ page }) => {
    await loggedIn(page, "admin");
    const packagesBefore = await e2eDb().scormPackage.count();
    const zipStart = Buffer.concat([Buffer.from("PK\u0003\u0004"), randomBytes(4096)]);
    const body = Buffer.concat([
      Buffer.from(
        '--TRUNC\r\nContent-Disposition: form-data; name="package"; filename="kapot.zip"\r\nContent-Type: application/zip\r\n\r\n',
      ),
      zipStart,
    ]);
    const response = await page.request.post("/beheer/scorm/upload", {
      headers: { ...SAME_ORIGIN, "Content-Type": "multipart/form-data; boundary=TRUNC", Accept: "application/json" },
      data: body,
    });
    expect(response.status()).toBe(400);
    const answer = (await response.json()) as { ok: boolean; message: string };
    expect(answer.ok).toBe(false);
    expect(answer.message).toContain(UPLOAD_UNREADABLE_NL);
    expect(await e2eDb().scormPackage.count()).toBe(packagesBefore);
    expect((await scormLeftovers()).filter((entry) => entry.startsWith(".uploads/"))).toEqual([]);
  });

  test("a SCORM upload without a multipart boundary is a 400 without JavaScript too", async ({ page }) => {
    await loggedIn(page, "admin");
    const packagesBefore = await e2eDb().scormPackage.count();
    const response = await page.request.post("/beheer/scorm?index", {
      headers: { ...SAME_ORIGIN, "Content-Type": "multipart/form-data" },
      data: Buffer.from("PK\u0003\u0004 geen zip"),
    });
    expect(response.status()).toBe(400);
    const body = await response.text();
    expect(body).toContain(UPLOAD_UNREADABLE_NL);
    expectNoStackTrace(body);
    expect(await e2eDb().scormPackage.count()).toBe(packagesBefore);
  });
});

test.describe("methods nobody offers get a 405 with Allow", () => {
  for (const method of ["TRACE", "PROPFIND", "OPTIONS", "MKCOL"]) {
    test(`${method}`, async ({ request }) => {
      const response = await request.fetch("/", { method, headers: SAME_ORIGIN });
      expect(response.status()).toBe(405);
      expect(response.headers()["allow"]).toBe("GET, HEAD, POST");
      expect(await response.text()).toBe(NOT_ALLOWED);
    });
  }

  test("PUT with a valid login form does not log in", async ({ request }) => {
    const user = await createTestUser();
    const response = await request.fetch("/inloggen", {
      method: "PUT",
      headers: SAME_ORIGIN,
      form: { email: user.email, password: user.password },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(405);
    expect(await response.text()).toBe(NOT_ALLOWED);
    expect(await sessionsOf(user)).toBe(0);
  });

  test("PATCH with a valid sign-up form creates no account", async ({ request }) => {
    const email = `e2e-${randomUUID()}@stigmavrij.test`;
    const response = await request.fetch("/registreren", {
      method: "PATCH",
      headers: SAME_ORIGIN,
      form: registration(email),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(405);
    expect(await usersWithEmail(email)).toBe(0);
  });

  test("DELETE on the account page with the right password deletes nothing", async ({ page }) => {
    const user = await loggedIn(page);
    const response = await page.request.fetch("/account", {
      method: "DELETE",
      headers: SAME_ORIGIN,
      form: { intent: "delete", password: user.password, confirm: "ja" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(405);
    expect(await response.text()).toBe(NOT_ALLOWED);
    expect(await e2eDb().user.count({ where: { id: user.id } })).toBe(1);
  });
});

test.describe("behind a proxy, clients cannot choose their address", () => {
  test("a forged left-most X-Forwarded-For entry does not change the throttle key", async ({ request }) => {
    // The proxy (TRUST_PROXY=1) appends the address it sees; everything left of it is the client's.
    const proxySeen = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const forged = ["1.2.3.4", "5.6.7.8"].map((address) => `${address}, ${proxySeen}`);
    for (const header of forged) {
      const response = await request.post("/inloggen", {
        headers: { ...SAME_ORIGIN, "X-Forwarded-For": header },
        form: { email: `e2e-${randomUUID()}@stigmavrij.test`, password: "verkeerd wachtwoord" },
      });
      expect(response.status()).toBe(400);
      expect(await response.text()).toContain("horen niet bij elkaar");
    }
    const db = e2eDb();
    expect(await db.throttleEvent.count({ where: { key: `login:ip:${proxySeen}` } })).toBe(2);
    expect(await db.throttleEvent.count({ where: { key: { in: ["login:ip:1.2.3.4", "login:ip:5.6.7.8"] } } })).toBe(0);
  });
});

test.describe("caching and transport headers", () => {
  test("pages and data of a signed-in learner may not be stored", async ({ page }) => {
    await loggedIn(page);
    for (const url of ["/mijn-leren", "/mijn-leren.data", "/account", "/inloggen"]) {
      const response = await page.request.get(url, { maxRedirects: 0 });
      expect(response.headers()["cache-control"], url).toBe("private, no-store");
    }
  });

  test("static files stay cacheable", async ({ request }) => {
    const response = await request.get("/favicon.svg");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("public, max-age=3600");
  });

  test("HSTS is sent when the request came over HTTPS, and not over plain http", async ({ request }) => {
    const overHttps = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(overHttps.headers()["strict-transport-security"]).toBe("max-age=31536000");
    const plain = await request.get("/");
    expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  });
});
