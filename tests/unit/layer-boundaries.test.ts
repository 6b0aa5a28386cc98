import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The capability layering (docs/architecture.md) is enforced by eslint-plugin-boundaries in
 * eslint.config.js. These cases lint source text as if it lived at a path in app/, with the
 * project's own configuration, so a change that switches the rule off or loosens a layer fails here.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId?.startsWith("boundaries/"))
    .map((message) => `${message.ruleId}: ${message.message}`);
}

describe("capability layers", { timeout: 120_000 }, () => {
  it("refuses an upward import: a learner action importing a consequence", async () => {
    const errors = await boundaryErrors(
      "app/learning/probe.server.ts",
      'import { issueCertificate } from "~/certificates/issue.server";\nexport const probe = issueCertificate;\n',
    );
    expect(errors).toEqual([
      expect.stringMatching(/^boundaries\/dependencies: .*"learner-actions" to elements of type "consequences"/),
    ]);
  });

  it("refuses a capability importing UI components", async () => {
    const errors = await boundaryErrors(
      "app/organisations/probe.tsx",
      'import { FormErrors } from "~/components/forms";\nexport const probe = FormErrors;\n',
    );
    expect(errors).toEqual([expect.stringMatching(/"management" to elements of type "ui"/)]);
  });

  it("refuses a capability importing the app shell's wiring", async () => {
    const errors = await boundaryErrors(
      "app/certificates/probe.server.ts",
      'import { learningEvents } from "~/learning-events.server";\nexport const probe = learningEvents;\n',
    );
    expect(errors).toEqual([expect.stringMatching(/"consequences" to elements of type "app"/)]);
  });

  it("refuses a file outside every layer", async () => {
    const errors = await boundaryErrors("app/stray/probe.server.ts", "export const probe = 1;\n");
    expect(errors).toEqual([expect.stringMatching(/^boundaries\/no-unknown-files:/)]);
  });

  it("accepts imports from the same and lower layers", async () => {
    const errors = await boundaryErrors(
      "app/certificates/probe.server.ts",
      [
        'import { recertificationOpen } from "~/assessment/recertification.server";',
        'import { renewalOpensAt } from "~/domain/renewal";',
        'import { expiryDate } from "./validity";',
        'import { refreshLearnerReports } from "~/reports/refresh.server";',
        "export const probe = [recertificationOpen, renewalOpensAt, expiryDate, refreshLearnerReports];",
        "",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
  });

  it("lets routes import every layer", async () => {
    const errors = await boundaryErrors(
      "app/routes/probe.tsx",
      [
        'import { learningEvents } from "~/learning-events.server";',
        'import { FormErrors } from "~/components/forms";',
        'import { deleteAccount } from "~/account/privacy.server";',
        "export const probe = [learningEvents, FormErrors, deleteAccount];",
        "",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
  });
});
