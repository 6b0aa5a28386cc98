import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";

import { isUniqueViolation } from "./errors";

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: "test", meta });

describe("isUniqueViolation", () => {
  it("is true for P2002 and false for other errors", () => {
    expect(isUniqueViolation(known("P2002"))).toBe(true);
    expect(isUniqueViolation(known("P2025"))).toBe(false);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });

  it("with a field, counts the index on that field and an unnamed one, not another", () => {
    expect(isUniqueViolation(known("P2002", { target: ["joinCode"] }), "joinCode")).toBe(true);
    expect(isUniqueViolation(known("P2002"), "joinCode")).toBe(true);
    expect(isUniqueViolation(known("P2002", { target: ["email"] }), "joinCode")).toBe(false);
    expect(isUniqueViolation(known("P2025", { target: ["joinCode"] }), "joinCode")).toBe(false);
  });
});
