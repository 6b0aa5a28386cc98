import { describe, expect, it } from "vitest";

import { ChangeRoleSchema, UserListQuerySchema } from "./schemas";

describe("UserListQuerySchema", () => {
  it("falls back to the first page and no search for values that make no sense", () => {
    expect(UserListQuerySchema.parse({ page: "3", q: " jansen " })).toEqual({ page: 3, q: "jansen" });
    expect(UserListQuerySchema.parse({ page: "0", q: "x".repeat(101) })).toEqual({ page: 1, q: undefined });
    expect(UserListQuerySchema.parse({ page: "abc" })).toEqual({ page: 1 });
  });
});

describe("ChangeRoleSchema", () => {
  it("accepts a known role for a user id and refuses anything else", () => {
    expect(ChangeRoleSchema.safeParse({ userId: "u1", role: "admin" }).success).toBe(true);
    expect(ChangeRoleSchema.safeParse({ userId: "u1", role: "god" }).success).toBe(false);
    expect(ChangeRoleSchema.safeParse({ userId: "", role: "admin" }).success).toBe(false);
    expect(ChangeRoleSchema.safeParse({ userId: "u".repeat(65), role: "admin" }).success).toBe(false);
  });
});
