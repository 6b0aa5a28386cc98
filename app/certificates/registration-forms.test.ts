import { parseWithZod } from "@conform-to/zod";
import { describe, expect, it } from "vitest";

import { AddNumberSchema, numberErrorKey } from "./registration-forms";

function form(entries: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
}

describe("AddNumberSchema", () => {
  it("accepts a BIG number the way the register writes it and ties each problem to the number field", () => {
    expect(
      parseWithZod(form({ intent: "add", register: "vvn", number: "1234 5678 901" }), { schema: AddNumberSchema })
        .status,
    ).toBe("success");
    expect(
      parseWithZod(form({ intent: "add", register: "vvn", number: "12ab" }), { schema: AddNumberSchema }).reply().error,
    ).toEqual({
      number: ["registrations.error.notDigits"],
    });
    expect(
      parseWithZod(form({ intent: "add", register: "vvn", number: "0000" }), { schema: AddNumberSchema }).reply().error,
    ).toEqual({
      number: ["registrations.error.zero"],
    });
  });

  it("refuses a register that does not exist", () => {
    expect(
      parseWithZod(form({ intent: "add", register: "nergens", number: "123" }), { schema: AddNumberSchema }).reply()
        .error,
    ).toMatchObject({
      register: ["registrations.error.register"],
    });
  });
});

describe("numberErrorKey", () => {
  it("explains a too long number with the register's own rule", () => {
    expect(numberErrorKey("vvn", "too_long")).toBe("registrations.error.bigTooLong");
    expect(numberErrorKey("skj", "too_long")).toBe("registrations.error.ownLength");
  });
});
