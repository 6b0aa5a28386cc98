import { expect, test } from "@playwright/test";

import { expectAccessible } from "./support/a11y";
import { logIn } from "./support/auth";
import { createTestUser } from "./support/db";

test("repeated wrong passwords lock the account for a while, without revealing whether it exists", async ({ page }) => {
  const user = await createTestUser();
  const unknown = { email: "bestaat-niet@stigmavrij.test", password: "verkeerd wachtwoord" };

  await logIn(page, unknown);
  const unknownMessage = await page.getByRole("alert").innerText();
  await logIn(page, { email: user.email, password: "verkeerd wachtwoord" });
  const wrongPasswordMessage = await page.getByRole("alert").innerText();
  expect(wrongPasswordMessage).toEqual(unknownMessage);

  for (let attempt = 2; attempt <= 5; attempt += 1) {
    await logIn(page, { email: user.email, password: `verkeerd-${attempt}` });
    await expect(page.getByRole("alert")).toContainText("horen niet bij elkaar");
  }

  // Even the right password is refused now.
  await logIn(page, user);
  await expect(page.getByRole("alert")).toContainText("Te veel pogingen");
  await expect(page).toHaveURL(/\/inloggen/);
  await expectAccessible(page);
});
