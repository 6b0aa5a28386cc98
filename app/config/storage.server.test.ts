import path from "node:path";

import { describe, expect, it } from "vitest";

import { checkEnv } from "./env.server";
import { storagePath } from "./storage.server";

describe("storagePath", () => {
  it("puts each folder in STORAGE_DIR unless its own variable moves it", () => {
    expect(storagePath(undefined, "scorm", { STORAGE_DIR: "/srv/data" })).toBe("/srv/data/scorm");
    expect(storagePath("/mnt/pdf", "certificates", { STORAGE_DIR: "/srv/data" })).toBe("/mnt/pdf");
    expect(storagePath(undefined, "bundles", {})).toBe(path.resolve("data/bundles"));
  });

  it("refuses a relative STORAGE_DIR at start-up", () => {
    expect(() => checkEnv({ STORAGE_DIR: "data" })).toThrow(/STORAGE_DIR: must be an absolute path/);
    expect(() => checkEnv({ STORAGE_DIR: "/srv/data" })).not.toThrow();
  });
});
