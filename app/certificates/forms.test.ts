import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";

import { DeleteAccountSchema } from "~/auth/schemas";

import { RemoveAccreditationSchema } from "./accreditation-forms";
import { RevokeSchema } from "./forms";
import { RemoveNumberSchema } from "./registration-forms";

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

/** Every destructive form, with a valid body apart from the confirmation. */
const DESTRUCTIVE = [
  ["revoking a certificate", RevokeSchema, { intent: "revoke", reason: "Toets door een ander gemaakt" }],
  ["deleting an account", DeleteAccountSchema, { intent: "delete", password: "mijn wachtwoord" }],
  ["removing a registration number", RemoveNumberSchema, { intent: "remove", id: "n1" }],
  ["removing an accreditation", RemoveAccreditationSchema, { intent: "remove", register: "vvn" }],
] as const;

describe("destructive forms", () => {
  it.each(DESTRUCTIVE)("%s is refused without the confirm step's yes, on the confirm field", (_, schema, body) => {
    const submission = parseWithZod(form(body), { schema });
    expect(submission.status).toBe("error");
    expect(submission.reply().error).toEqual({ confirm: ["validation.confirmRequired"] });
  });

  it.each(DESTRUCTIVE)("%s goes ahead with it", (_, schema, body) => {
    expect(parseWithZod(form({ ...body, confirm: "ja" }), { schema }).status).toBe("success");
  });

  it("still checks the other fields when the confirmation is there", () => {
    const submission = parseWithZod(form({ intent: "revoke", reason: "ab", confirm: "ja" }), { schema: RevokeSchema });
    expect(submission.reply().error).toEqual({ reason: ["certAdmin.revoke.reasonRequired"] });
  });
});
