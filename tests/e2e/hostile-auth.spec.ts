import { randomUUID } from "node:crypto";

import { expect, test, type APIResponse, type Page } from "@playwright/test";

import { hashSessionId } from "~/auth/adapter.server";
import { readOutbox } from "~/mail/mailer.server";

import { postForm } from "./support/assessment";
import { logIn, mailLinkFor } from "./support/auth";
import { createOrganisation, issueBasicsCertificate } from "./support/certificates";
import { createTestUser, e2eDb } from "./support/db";
import { E2E_ORIGIN, E2E_OUTBOX } from "./support/env";

/**
 * Hostile inputs against the production server for names, links, sign-up, sessions and CSV
 * exports: each asserts the status, the message and that nothing changed.
 */

const CONTROL_MESSAGE = "Gebruik alleen gewone tekst, zonder stuurtekens";
const HOSTILE_NAMES: Record<string, string> = {
  NUL: "Eva\u0000Jansen",
  ESC: "Eva\u001b[2JJansen",
  DEL: "Eva\u007fJansen",
  "C1 NEL": "Eva\u0085Jansen",
  "C1 CSI": "Eva\u009b31mJansen",
  "bidi override RLO": "Eva \u202enesnaJ",
  "bidi isolate LRI": "Eva \u2066Jansen\u2069",
  "line feed": "Eva\nJansen",
};

const SESSION_COOKIE = "stigmavrij_session";

async function mailsTo(email: string) {
  return (await readOutbox(E2E_OUTBOX)).filter((mail) => mail.to === email);
}

function signupForm(email: string, name: string): Record<string, string> {
  return {
    name,
    email,
    password: "een lang genoeg wachtwoord",
    locale: "nl",
    sector: "bank",
    joinCode: "",
    redirectTo: "",
  };
}

async function expectRefusedName(response: APIResponse) {
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain(CONTROL_MESSAGE);
}

test.describe("control characters in names", () => {
  for (const [kind, name] of Object.entries(HOSTILE_NAMES)) {
    test(`sign-up refuses a learner name with ${kind}`, async ({ page }) => {
      const email = `hostile-${randomUUID()}@stigmavrij.test`;
      await expectRefusedName(await postForm(page, "/registreren", signupForm(email, name)));
      expect(await e2eDb().pendingSignup.count({ where: { email } })).toBe(0);
      expect(await e2eDb().user.count({ where: { email } })).toBe(0);
      expect(await mailsTo(email)).toHaveLength(0);
    });
  }

  test.describe("in the administrator's forms", () => {
    let admin: Page;

    test.beforeEach(async ({ browser }) => {
      admin = await browser.newPage();
      await logIn(admin, await createTestUser({ role: "admin" }));
      await expect(admin).toHaveURL(/\/mijn-leren$/);
    });

    test.afterEach(async () => {
      await admin.close();
    });

    for (const kind of ["NUL", "bidi override RLO"]) {
      test(`an organisation name with ${kind} is refused`, async () => {
        const before = await e2eDb().organisation.count();
        await expectRefusedName(
          await postForm(admin, "/beheer/organisaties", {
            intent: "create",
            name: HOSTILE_NAMES[kind]!,
            sector: "bank",
          }),
        );
        expect(await e2eDb().organisation.count()).toBe(before);
      });

      test(`a cohort name with ${kind} is refused`, async () => {
        const organisation = await createOrganisation(`Hostile ${randomUUID().slice(0, 6)}`);
        const form = new URLSearchParams({
          name: HOSTILE_NAMES[kind]!,
          organisationId: organisation.id,
          modules: "sekswerk-en-stigma-de-basis",
        });
        await expectRefusedName(await postForm(admin, "/beheer/cohorten/nieuw", form));
        expect(await e2eDb().cohort.count({ where: { organisationId: organisation.id } })).toBe(0);
      });
    }

    test("a certificate name correction with ESC is refused", async () => {
      const learner = await createTestUser({ name: "Echte Naam" });
      const code = await issueBasicsCertificate(learner.id);
      const before = await e2eDb().certificate.findUniqueOrThrow({ where: { code } });
      await expectRefusedName(
        await postForm(admin, `/beheer/certificaat/${code}`, { intent: "correct-name", name: HOSTILE_NAMES.ESC! }),
      );
      expect(await e2eDb().certificate.findUniqueOrThrow({ where: { code } })).toEqual(before);
    });
  });
});

test.describe("links never come from the Host header", () => {
  // The form is posted from this site (Referer), so only the Host differs: the request reaches the action.
  for (const [label, headers] of [
    ["a forged Host", { Host: "evil.example" }],
    ["a forged X-Forwarded-Host", { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" }],
  ] as const) {
    test(`a reset requested with ${label} mails a link to APP_ORIGIN`, async ({ request }) => {
      const user = await createTestUser();
      const response = await request.post("/wachtwoord-vergeten", {
        headers: {
          ...headers,
          Referer: `${E2E_ORIGIN}/wachtwoord-vergeten`,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        data: new URLSearchParams({ email: user.email }).toString(),
        maxRedirects: 0,
      });
      expect(response.status()).toBe(200);
      expect(await response.text()).toContain("Als er een account bij dit e-mailadres hoort");
      const link = await mailLinkFor(user.email, /wachtwoord-herstellen\?token=/);
      expect(link.startsWith(`${E2E_ORIGIN}/wachtwoord-herstellen?token=`)).toBe(true);
      const mail = (await mailsTo(user.email)).at(-1)!;
      expect(mail.text).not.toContain("evil.example");
      expect(mail.html).not.toContain("evil.example");
    });
  }
});

test("a reset posted from this site with a forged Host is answered, not a server error, and links to APP_ORIGIN", async ({
  request,
}) => {
  const user = await createTestUser();
  const response = await request.post("/wachtwoord-vergeten", {
    headers: { Host: "evil.example", Origin: E2E_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams({ email: user.email }).toString(),
    maxRedirects: 0,
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("Als er een account bij dit e-mailadres hoort");
  const link = await mailLinkFor(user.email, /wachtwoord-herstellen\?token=/);
  expect(link.startsWith(`${E2E_ORIGIN}/wachtwoord-herstellen?token=`)).toBe(true);
});

test("a reset posted from the forged host itself is refused and mails nothing", async ({ request }) => {
  const user = await createTestUser();
  const response = await request.post("/wachtwoord-vergeten", {
    headers: {
      Host: "evil.example",
      Origin: "http://evil.example",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    data: new URLSearchParams({ email: user.email }).toString(),
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("Request refused: it did not come from this website.");
  expect(await mailsTo(user.email)).toHaveLength(0);
  expect(await e2eDb().passwordResetToken.count({ where: { userId: user.id } })).toBe(0);
});

test.describe("sign-up reveals no accounts", () => {
  test("a taken address gets the same answer as a new one, and its owner a note instead of an account", async ({
    browser,
  }) => {
    const owner = await createTestUser({ name: "Bestaande Eigenaar", locale: "en" });
    const ownerBefore = await e2eDb().user.findUniqueOrThrow({ where: { id: owner.id } });
    const fresh = `nieuw-${randomUUID()}@stigmavrij.test`;

    const answers: { status: number; cookies: string[]; page: string }[] = [];
    for (const email of [owner.email, fresh]) {
      const page = await browser.newPage();
      const response = await postForm(page, "/registreren", signupForm(email, "Iemand Anders"));
      const html = await response.text();
      answers.push({
        status: response.status(),
        cookies: response
          .headersArray()
          .filter((h) => h.name.toLowerCase() === "set-cookie")
          .map((h) => h.value),
        // The page without the address that was typed (it is echoed) and the per-request nonce.
        page: html
          .replaceAll(email, "ADDRESS")
          .replace(/nonce="[^"]*"/g, "")
          .replace(/"nonce":"[^"]*"/g, ""),
      });
      await page.close();
    }
    expect(answers[0]!.status).toBe(200);
    expect(answers[0]!.cookies).toEqual([]);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.page).toContain("Kijk in je e-mail");

    const ownerMail = await mailLinkFor(owner.email, /\/wachtwoord-vergeten$/);
    expect(ownerMail).toBe(`${E2E_ORIGIN}/wachtwoord-vergeten`);
    expect((await mailsTo(owner.email)).at(-1)?.subject).toBe(
      "Someone tried to create an account with your email address",
    );
    expect(await e2eDb().user.findUniqueOrThrow({ where: { id: owner.id } })).toEqual(ownerBefore);
    expect(await e2eDb().pendingSignup.count({ where: { email: owner.email } })).toBe(0);
    // The new address has no account until its link is used.
    expect(await e2eDb().user.count({ where: { email: fresh } })).toBe(0);
  });

  test("a used or made-up confirmation link is refused and creates nothing", async ({ page }) => {
    const before = await e2eDb().user.count();
    const response = await postForm(page, "/registreren/bevestigen", { token: "made-up-token" });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("Deze link is ongeldig, al gebruikt of verlopen.");
    expect(await e2eDb().user.count()).toBe(before);
  });
});

test.describe("sessions", () => {
  test("logging in while someone else is signed in replaces their session", async ({ page }) => {
    const first = await createTestUser({ name: "Eerste Gebruiker" });
    const second = await createTestUser({ name: "Tweede Gebruiker" });
    await logIn(page, first);
    await expect(page).toHaveURL(/\/mijn-leren$/);
    expect(await e2eDb().session.count({ where: { userId: first.id } })).toBe(1);
    const firstCookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;

    // A login form from a stale tab, posted with the first user's cookie.
    const response = await postForm(page, "/inloggen", {
      email: second.email,
      password: second.password,
      redirectTo: "",
    });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe("/mijn-leren");
    await page.goto("/account");
    await expect(page.getByText("Tweede Gebruiker", { exact: true })).toBeVisible();
    expect(await e2eDb().session.count({ where: { userId: second.id } })).toBe(1);
    expect(await e2eDb().session.count({ where: { userId: first.id } })).toBe(0);
    expect(await e2eDb().session.count({ where: { id: hashSessionId(firstCookie) } })).toBe(0);
  });

  for (const [label, value] of [
    ["a random value", "0123456789abcdefghijklmnopqrstuvwxyz0123"],
    ["the stored hash of a real session (a leaked database)", "HASH"],
    ["a truncated real session id", "TRUNCATED"],
    ["a real session id with extra characters", "EXTENDED"],
  ] as const) {
    test(`a session cookie holding ${label} signs nobody in`, async ({ page, request }) => {
      const victim = await createTestUser();
      await logIn(page, victim);
      await expect(page).toHaveURL(/\/mijn-leren$/);
      const real = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;
      const cookie =
        value === "HASH"
          ? hashSessionId(real)
          : value === "TRUNCATED"
            ? real.slice(0, -1)
            : value === "EXTENDED"
              ? `${real}x`
              : value;
      const sessionsBefore = await e2eDb().session.findMany({ where: { userId: victim.id }, orderBy: { id: "asc" } });

      const response = await request.get("/mijn-leren", {
        headers: { Cookie: `${SESSION_COOKIE}=${cookie}` },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(302);
      expect(response.headers()["location"]).toBe("/inloggen?redirectTo=%2Fmijn-leren&verlopen=1");
      expect(response.headers()["set-cookie"]).toContain(`${SESSION_COOKIE}=;`);
      expect(await e2eDb().session.findMany({ where: { userId: victim.id }, orderBy: { id: "asc" } })).toEqual(
        sessionsBefore,
      );
    });
  }
});
