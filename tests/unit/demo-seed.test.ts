import { spawn } from "node:child_process";

import { afterEach, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../setup/temp-db";

let database: TestDatabase | undefined;

afterEach(async () => {
  await database?.cleanup();
  database = undefined;
});

function runSeed(
  databaseUrl: string,
  nodeEnv: "production" | "development",
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: nodeEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("the demo seed", () => {
  it("creates no account with a published password on a production database", async () => {
    database = await createTestDatabase();
    const { code, output } = await runSeed(database.url, "production");
    expect(code).toBe(0);
    expect(output).toContain("skipped (NODE_ENV=production)");
    expect(await database.prisma.user.count()).toBe(0);
    expect(await database.prisma.organisation.count()).toBe(0);
  }, 60_000);
});
