import { expect, type Page } from "@playwright/test";

import { readOutbox } from "~/mail/mailer.server";

import type { TestUser } from "./db";
import { E2E_OUTBOX } from "./env";

/** Logs in through the real form (Dutch UI labels). */
export async function logIn(page: Page, user: Pick<TestUser, "email" | "password">, path = "/inloggen") {
  await page.goto(path);
  await page.getByLabel("E-mailadres").fill(user.email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Inloggen" }).click();
}

export async function logOut(page: Page) {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await expect(page.getByRole("link", { name: "Inloggen" })).toBeVisible();
}

/** The newest mail's link to `pathPattern` (e.g. /registreren\/bevestigen/) for `email`, once it arrived. */
export async function mailLinkFor(email: string, pathPattern: RegExp): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const mail = (await readOutbox(E2E_OUTBOX)).filter((m) => m.to === email).at(-1);
        link = mail?.text.split(/\s+/).find((word) => /^https?:\/\//.test(word) && pathPattern.test(word));
        return link;
      },
      { message: `mail with ${pathPattern} for ${email}` },
    )
    .toBeTruthy();
  return link!;
}

/** After the sign-up form: the "check your mail" page, then the link from the mail confirms the account. */
export async function confirmSignupFromMail(page: Page, email: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Kijk in je e-mail" })).toBeVisible();
  await page.goto(await mailLinkFor(email, /\/registreren\/bevestigen\?token=/));
  await page.getByRole("button", { name: "Account bevestigen" }).click();
}
