import os from "node:os";

import { describe, expect, it } from "vitest";

import { workerCount } from "./cluster.js";

describe("workerCount (WEB_CONCURRENCY)", () => {
  it("is one process unless set, and always one in development", () => {
    expect(workerCount(undefined, "production")).toBe(1);
    expect(workerCount("", "production")).toBe(1);
    expect(workerCount("4", "development")).toBe(1);
  });

  it("takes a whole number, or one per core for auto", () => {
    expect(workerCount("2", "production")).toBe(2);
    expect(workerCount("auto", "production")).toBe(os.availableParallelism());
  });

  it("refuses anything else with the variable's name", () => {
    for (const bad of ["0", "-1", "1.5", "two", "1000"])
      expect(() => workerCount(bad, "production")).toThrow(/WEB_CONCURRENCY/);
  });
});
