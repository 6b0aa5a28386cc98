import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../../../tests/setup/temp-db";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const run = promisify(execFile);

// The CLI syncs courses/ into DATABASE_URL first, like the server: give it a database of its own.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const env = { ...process.env, DATABASE_URL: database.url };
    const { stdout, stderr } = await run(TSX, ["scripts/scorm-export.ts", ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

// Each run starts tsx and syncs the shipped courses into an empty database: tens of seconds on a busy machine.
describe("npm run scorm:export", () => {
  it("writes one package per language with progress per file", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "scorm-export-"));
    temporary.push(out);
    const result = await cli("politie", "--version", "1.2", "--out", out);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("politie · SCORM 1.2 · nl");
    expect(result.stdout).toContain("+ imsmanifest.xml");
    expect(result.stdout).toContain("+ assets/runtime.js");
    expect((await readdir(out)).sort()).toEqual([
      "stigmavrij-politie-scorm12-en.zip",
      "stigmavrij-politie-scorm12-nl.zip",
    ]);
  }, 60_000);

  it("lists the available modules for an unknown one", async () => {
    const result = await cli("bestaat-niet", "--version", "2004", "--lang", "nl");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown module "bestaat-niet". Available: sekswerk-en-stigma-de-basis,');
  }, 60_000);

  it("explains its usage for a bad version", async () => {
    const result = await cli("politie", "--version", "3");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--version must be 1.2 or 2004 (got "3")');
    expect(result.stderr).toContain("usage: npm run scorm:export -- <module> --version 1.2|2004");
  }, 60_000);
});
