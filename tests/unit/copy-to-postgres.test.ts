// `npm run db:copy-to-postgres` (prisma/copy-to-postgres.ts): an SQLite installation filled by the
// product's own seed and modules, copied into a migrated PostgreSQL database, reads back the same
// through both Prisma clients, table by table and value by value.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { Prisma, type PrismaClient } from "@prisma/client";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { recordThrottleEvent } from "~/auth/throttle.server";
import { acquireLease } from "~/jobs/lease.server";
import { enqueueJob } from "~/jobs/queue.server";

import { checkCopyUrls, convert, copySqliteToPostgres, CopyError } from "../../prisma/copy-to-postgres";
import {
  createPostgresDatabaseForTest,
  createSqliteTestDatabase,
  postgresAvailable,
  type TestDatabase,
} from "../setup/temp-db";

// Integration budget: the seed hashes passwords, syncs every course and records demo progress.
const BUDGET_MS = 240_000;

describe("checking the URLs", () => {
  it("names what to pass for a missing or wrong source or target", () => {
    expect(() => checkCopyUrls(undefined, "postgresql://h/db")).toThrow(/no source: pass --from file:/);
    expect(() => checkCopyUrls("file:x.db", undefined)).toThrow(/no target: pass --to postgresql:/);
    expect(() => checkCopyUrls("postgresql://h/db", "postgresql://h/db")).toThrow(/--from must be an SQLite file: URL/);
    expect(() => checkCopyUrls("file:x.db", "mysql://u:secret@h/db")).toThrow(
      /--to must be a postgres:\/\/ or postgresql:\/\/ URL, got mysql:\/\/u:\*\*\*@h\/db/,
    );
    expect(() => checkCopyUrls("file:/nonexistent/x.db", "postgresql://h/db")).toThrow(
      /there is no SQLite database at \/nonexistent\/x.db/,
    );
  });

  it("never prints the password of a URL", () => {
    try {
      checkCopyUrls("file:x.db", "mysql://ada:hunter2@h/db");
    } catch (error) {
      expect(error).toBeInstanceOf(CopyError);
      expect((error as Error).message).not.toContain("hunter2");
    }
  });
});

describe("converting SQLite values for PostgreSQL columns", () => {
  const at = (type: string, value: unknown) => convert(value, { name: "c", type }, "T", 1);

  it("reads every date format SQLite databases hold as the same UTC instant", () => {
    const instant = "2026-01-02T03:04:05.123Z";
    expect(at("timestamp", "2026-01-02T03:04:05.123+00:00")).toBe(instant);
    expect(at("timestamp", "2026-01-02T04:04:05.123+01:00")).toBe(instant);
    expect(at("timestamp", Date.parse(instant))).toBe(instant);
    expect(at("timestamp", "2026-01-02 03:04:05")).toBe("2026-01-02T03:04:05.000Z");
    expect(() => at("timestamp", "gisteren")).toThrow(/T.c \(row 1\): "gisteren" is not a date/);
  });

  it("turns 0/1 into booleans and keeps text, JSON and numbers as they are", () => {
    expect([at("bool", 1), at("bool", 0), at("bool", null)]).toEqual([true, false, null]);
    expect(() => at("bool", 2)).toThrow(/not a boolean/);
    expect(at("jsonb", '{"naam":"Zoë"}')).toBe('{"naam":"Zoë"}');
    expect(at("int4", 7)).toBe(7);
    expect(at("float8", 0.5)).toBe(0.5);
  });
});

describe.skipIf(!postgresAvailable)("copying an installation to PostgreSQL", () => {
  let storage: string;
  let sqlite: TestDatabase;
  let postgres: TestDatabase;

  beforeAll(async () => {
    storage = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-copy-"));
    [sqlite, postgres] = await Promise.all([createSqliteTestDatabase(), createPostgresDatabaseForTest()]);
    await runSeed(sqlite.url, storage);
    // Rows the seed does not make: serial ids, a boolean true, JSON with non-ASCII text, a date
    // written by SQLite's CURRENT_TIMESTAMP and one as milliseconds (older Prisma engines).
    await recordThrottleEvent(["login:email:ada@example.org", "login:ip:192.0.2.1"], { db: sqlite.prisma });
    await sqlite.prisma.user.updateMany({ where: { role: "trainer" }, data: { allOrganisations: true } });
    await enqueueJob(sqlite.prisma, { queue: "certificate-bundle", payload: { naam: "Zoë — “test” ✓", n: [1, 2] } });
    await acquireLease(sqlite.prisma, { name: "course-sync", holder: "a", now: new Date(), ttlMs: 60_000 });
    const raw = new Database(sqlite.url.replace(/^file:/, ""));
    raw
      .prepare(`INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES ('legacy-text', 'b', '2026-01-02 03:04:05')`)
      .run();
    raw.prepare(`INSERT INTO "Lease" ("name", "holder", "expiresAt") VALUES ('legacy-ms', 'c', 1767323045123)`).run();
    raw.close();
  }, BUDGET_MS);

  afterAll(async () => {
    await Promise.all([sqlite?.cleanup(), postgres?.cleanup()]);
    await rm(storage, { recursive: true, force: true });
  });

  it(
    "copies every table so that both clients read the same rows, then refuses to copy again",
    async () => {
      const progress: string[] = [];
      const result = await copySqliteToPostgres({
        from: sqlite.url,
        to: postgres.url,
        batchRows: 7,
        onProgress: (event) => {
          if (event.kind === "table" && event.copied === event.total) progress.push(event.table);
        },
      });

      // Parents before children.
      const order = result.tables.map((t) => t.table);
      expect(order.indexOf("User")).toBeLessThan(order.indexOf("Enrollment"));
      expect(order.indexOf("AssessmentAttempt")).toBeLessThan(order.indexOf("AttemptItem"));
      expect(order.indexOf("Certificate")).toBeLessThan(order.indexOf("CertificateEvent"));
      expect(progress).toEqual(order);
      expect(result.sequences).toEqual(
        expect.arrayContaining(["AuditLog.id", "ThrottleEvent.id", "CertificateEvent.id"]),
      );

      let compared = 0;
      for (const model of Prisma.dmmf.datamodel.models) {
        const [inSqlite, inPostgres] = await Promise.all([
          rowsOf(sqlite.prisma, model.name),
          rowsOf(postgres.prisma, model.name),
        ]);
        expect(inPostgres, model.name).toEqual(inSqlite);
        expect(result.tables.find((t) => t.table === model.name)?.rows, model.name).toBe(inSqlite.length);
        compared += inSqlite.length;
      }
      // The seed's learning data made it across (not an empty comparison).
      for (const table of [
        "User",
        "Enrollment",
        "LessonProgress",
        "AttemptItem",
        "Certificate",
        "ReportFact",
        "AuditLog",
      ])
        expect(result.tables.find((t) => t.table === table)?.rows, table).toBeGreaterThan(0);
      expect(compared).toBeGreaterThan(300);
      expect(await postgres.prisma.lease.findUnique({ where: { name: "legacy-text" } })).toMatchObject({
        expiresAt: new Date("2026-01-02T03:04:05Z"),
      });

      // Sequences continue after the copied ids.
      const maxId = (await sqlite.prisma.throttleEvent.aggregate({ _max: { id: true } }))._max.id!;
      const fresh = await postgres.prisma.throttleEvent.create({ data: { key: "after-copy" } });
      expect(fresh.id).toBe(maxId + 1);

      const users = await postgres.prisma.user.count();
      await expect(copySqliteToPostgres({ from: sqlite.url, to: postgres.url })).rejects.toThrow(
        /the target is not empty \(rows in .*User/,
      );
      expect(await postgres.prisma.user.count()).toBe(users);
    },
    BUDGET_MS,
  );
});

/** Every row of a model, in one order on both engines. */
async function rowsOf(client: PrismaClient, model: string): Promise<unknown[]> {
  const delegate = (client as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[
    model.charAt(0).toLowerCase() + model.slice(1)
  ]!;
  const rows = await delegate.findMany();
  return rows
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

function runSeed(databaseUrl: string, storageDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        STORAGE_DIR: storageDir,
        MAIL_OUTBOX_DIR: path.join(storageDir, "outbox"),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the seed failed (${code}): ${errors}`))));
  });
}
