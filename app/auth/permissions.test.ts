import { describe, expect, it } from "vitest";

import { ROLES, type Role } from "~/domain/constants";

import { PERMISSIONS, ROLE_PERMISSIONS, userHasPermission, userHasRole, type Permission } from "./permissions";

const EXPECTED: Record<Permission, readonly Role[]> = {
  "read:module:any": ["learner", "trainer", "admin"],
  "read:own-progress:own": ["learner", "trainer", "admin"],
  "read:report:own": ["trainer", "admin"],
  "read:report:any": ["admin"],
  "manage:users:any": ["admin"],
  "manage:content:any": ["admin"],
  "export:certificates:own": ["trainer", "admin"],
  "export:certificates:any": ["admin"],
  "manage:certificates:any": ["admin"],
  "manage:accreditation:any": ["admin"],
  "export:attendance:any": ["admin"],
  "manage:organisations:any": ["admin"],
  "manage:cohorts:own": ["trainer", "admin"],
  "manage:cohorts:any": ["admin"],
};

describe("permission matrix", () => {
  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(role);
      it(`${role} ${allowed ? "has" : "lacks"} ${permission}`, () => {
        expect(userHasPermission({ role }, permission)).toBe(allowed);
      });
    }
  }

  it("grants the own form of a permission through its any form", () => {
    expect(ROLE_PERMISSIONS.admin).toContain("read:report:any");
    expect(userHasPermission({ role: "admin" }, "read:report:own")).toBe(true);
  });

  it("grants nothing without a user or with an unknown role", () => {
    expect(userHasPermission(null, "read:module:any")).toBe(false);
    expect(userHasPermission({ role: "root" as Role }, "read:module:any")).toBe(false);
  });

  it("matches roles exactly or from a list", () => {
    expect(userHasRole({ role: "trainer" }, "trainer")).toBe(true);
    expect(userHasRole({ role: "admin" }, "trainer")).toBe(false);
    expect(userHasRole({ role: "admin" }, ["trainer", "admin"])).toBe(true);
    expect(userHasRole(undefined, "learner")).toBe(false);
  });
});
