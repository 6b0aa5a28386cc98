import { describe, expect, it } from "vitest";

import { hashPassword, passwordNeedsRehash, passwordSchema, verifyPassword } from "./password.server";

describe("password hashing", () => {
  it("hashes with argon2id at the OWASP parameters", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).toContain("$m=19456,t=2,p=1$");
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("verifies the right password only", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "whatever123")).toBe(false);
    expect(passwordNeedsRehash("not-a-hash")).toBe(true);
  });

  it("asks for a rehash of weaker parameters", async () => {
    const { hash } = await import("@node-rs/argon2");
    const weak = await hash("correct horse battery", { memoryCost: 8192, timeCost: 1, algorithm: 2 });
    expect(passwordNeedsRehash(weak)).toBe(true);
  });
});

describe("passwordSchema", () => {
  it("accepts 10 to 128 characters", () => {
    expect(passwordSchema.safeParse("a".repeat(10)).success).toBe(true);
    expect(passwordSchema.safeParse("a".repeat(128)).success).toBe(true);
  });

  it("rejects shorter and longer passwords with i18n keys", () => {
    const short = passwordSchema.safeParse("a".repeat(9));
    const long = passwordSchema.safeParse("a".repeat(129));
    expect(short.success ? null : short.error.issues[0]?.message).toBe("validation.passwordTooShort");
    expect(long.success ? null : long.error.issues[0]?.message).toBe("validation.passwordTooLong");
  });
});
