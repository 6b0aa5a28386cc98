import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { readPdf } from "../../tests/e2e/support/pdf";
import { useTestDatabase } from "../../tests/setup/use-test-database";
import { readZipEntries } from "../../tests/setup/zip";
import type { Role } from "~/domain/constants";
import { claimJob, completeJob } from "~/jobs/queue.server";

import {
  BUNDLE_AUDIT_ACTIONS,
  BUNDLE_INTERRUPTED,
  BUNDLE_MAX_AGE_MS,
  BUNDLE_QUEUE,
  bundleDownload,
  getCertificateBundle,
  listRecentBundles,
  requestCertificateBundle,
  runCertificateBundleJob,
} from "./bundle.server";
import { buildCertificateBundle } from "./bundle-build.server";
import type { CertificateViewer } from "./list.server";

// Each test renders real PDFs and zips them: seconds of CPU, more on a busy machine.
vi.setConfig({ testTimeout: 180_000 });

const database = useTestDatabase();
const db = () => database.prisma;

const ORIGIN = "https://stigmavrij.test";
const NOW = new Date("2025-06-15T12:00:00.000Z");

let counter = 0;

async function person(
  prisma: PrismaClient,
  {
    name,
    role = "learner",
    organisationId = null,
    locale = "nl",
  }: { name: string; role?: Role; organisationId?: string | null; locale?: string },
): Promise<CertificateViewer> {
  counter++;
  const user = await prisma.user.create({
    data: {
      email: `bundle-${counter}@example.nl`,
      name,
      role,
      locale,
      sector: "bank",
      passwordHash: "x",
      organisationId,
    },
  });
  // Trainers see the organisations they are appointed to (organisationScopeFor).
  if (role === "trainer" && organisationId)
    await prisma.organisationTrainer.create({ data: { organisationId, userId: user.id } });
  return { id: user.id, role };
}

async function certificate(
  prisma: PrismaClient,
  { userId, learnerName, revoked = false }: { userId: string; learnerName: string; revoked?: boolean },
) {
  counter++;
  const completedAt = new Date(Date.UTC(2025, 2, 1 + (counter % 28), 9));
  return prisma.certificate.create({
    data: {
      code: `BNDK-0000-0000-${String(counter).padStart(4, "0")}`,
      userId,
      moduleId: "basis",
      learnerName,
      moduleTitles: JSON.stringify({ nl: "Stigma: de basis", en: "Stigma: the basics" }),
      contentHash: "hash-basis",
      completedAt,
      issuedAt: completedAt,
      studyMinutes: 30,
      revokedAt: revoked ? new Date("2025-05-01T00:00:00Z") : null,
    },
    select: { code: true },
  });
}

let dir: string;
let cacheDir: string;
let w: Awaited<ReturnType<typeof world>>;

async function world() {
  const prisma = db();
  await prisma.module.create({
    data: { id: "basis", position: 1, sectors: "[]", minutes: 30, contentHash: "hash-basis" },
  });
  const bankA = (await prisma.organisation.create({ data: { name: "Bank A", sector: "bank" } })).id;
  const bankB = (await prisma.organisation.create({ data: { name: "Bank B", sector: "bank" } })).id;
  const admin = await person(prisma, { name: "Beheerder", role: "admin" });
  const trainerA = await person(prisma, { name: "Trainer A", role: "trainer", organisationId: bankA });
  const trainerB = await person(prisma, { name: "Trainer B", role: "trainer", organisationId: bankB });
  const codesA: string[] = [];
  for (const name of ["Anna Jansen", "Bram Bakker", "Cem Yılmaz", "Dewi/Slash: Test"]) {
    const learner = await person(prisma, {
      name,
      organisationId: bankA,
      locale: name.startsWith("Bram") ? "en" : "nl",
    });
    codesA.push((await certificate(prisma, { userId: learner.id, learnerName: name })).code);
  }
  const revokedLearner = await person(prisma, { name: "Eva Ingetrokken", organisationId: bankA });
  const revoked = (
    await certificate(prisma, { userId: revokedLearner.id, learnerName: "Eva Ingetrokken", revoked: true })
  ).code;
  const other = await person(prisma, { name: "Fenna Anders", organisationId: bankB });
  const codeB = (await certificate(prisma, { userId: other.id, learnerName: "Fenna Anders" })).code;
  return { bankA, bankB, admin, trainerA, trainerB, codesA, revoked, codeB };
}

beforeEach(async () => {
  // Bundles belong to no user row (no cascade), so resetDatabase leaves them.
  await db().certificateBundle.deleteMany();
  await db().job.deleteMany();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "stigmavrij-bundles-"));
  cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), "stigmavrij-bundle-cache-"));
  w = await world();
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(cacheDir, { recursive: true, force: true });
});

/** What a server process's job worker does: claims each queued bundle job and runs it. */
async function runBundleJobs() {
  for (;;) {
    const job = await claimJob(db(), { queues: [BUNDLE_QUEUE], owner: "test", now: new Date() });
    if (!job) return;
    await runCertificateBundleJob(db(), job.payload, { dir, cacheDir });
    await completeJob(db(), job, new Date());
  }
}

async function built(viewer: CertificateViewer, filter = {}) {
  const result = await requestCertificateBundle(db(), { viewer, filter, now: NOW, origin: ORIGIN, dir });
  if (!result.ok) throw new Error(result.error);
  await runBundleJobs();
  return result;
}

describe("requestCertificateBundle", () => {
  it("builds a ZIP with one PDF per certificate of the trainer's organisation, revoked ones left out, and an overview", async () => {
    const result = await built(w.trainerA);
    expect(result.total).toBe(4);

    const bundle = await getCertificateBundle(db(), { viewer: w.trainerA, bundleId: result.bundleId, now: NOW, dir });
    expect(bundle).toMatchObject({ status: "done", total: 4, done: 4, error: null, downloadable: true });

    const download = await bundleDownload(db(), { viewer: w.trainerA, bundleId: result.bundleId, dir });
    if (!download) throw new Error("expected a download");
    const files = await readZipEntries(await fs.readFile(download.file));
    const pdfs = [...files.keys()].filter((name) => name.endsWith(".pdf")).sort();
    expect(pdfs).toHaveLength(4);
    for (const code of w.codesA)
      expect(pdfs.some((name) => name.startsWith("basis/") && name.endsWith(` - ${code}.pdf`))).toBe(true);
    expect(pdfs.some((name) => name.includes(w.revoked) || name.includes(w.codeB))).toBe(false);
    // Characters that file systems refuse are replaced.
    expect(pdfs.some((name) => name.includes("Dewi_Slash_ Test"))).toBe(true);
    expect(pdfs.some((name) => name.includes("Cem Yılmaz"))).toBe(true);

    const anna = [...files].find(([name]) => name.includes("Anna Jansen"))![1];
    const pdf = await readPdf(anna);
    expect(pdf.text).toContain("Anna Jansen");
    expect(pdf.qrCodes[0]).toMatch(new RegExp(`^${ORIGIN}/certificaat/BNDK-`));
    // Each PDF is in its learner's language.
    const bram = [...files].find(([name]) => name.includes("Bram Bakker"))![1];
    expect((await readPdf(bram)).text).toContain("Stigma: the basics");

    const overview = files.get("overzicht.csv")!.toString("utf8");
    expect(overview.split("\n")[0]).toBe("\uFEFFCode;Naam;Module;Afgerond op;Geldig tot;Status;Bestand");
    expect(overview).toContain(`${w.codesA[0]};Anna Jansen;Stigma: de basis;2025-03-`);
    expect(overview.trim().split("\n")).toHaveLength(5);
  });

  it("keeps a name that a spreadsheet would run as a formula as text in the overview", async () => {
    await db().certificate.update({
      where: { code: w.codesA[0] },
      data: { learnerName: '=HYPERLINK("http://x";"y")' },
    });
    await db().certificate.update({ where: { code: w.codesA[1] }, data: { learnerName: "@SUM(A1)" } });
    const result = await built(w.trainerA);
    const download = await bundleDownload(db(), { viewer: w.trainerA, bundleId: result.bundleId, dir });
    if (!download) throw new Error("expected a download");
    const overview = (await readZipEntries(await fs.readFile(download.file))).get("overzicht.csv")!.toString("utf8");
    expect(overview).toContain(`${w.codesA[0]};"'=HYPERLINK(""http://x"";""y"")";`);
    expect(overview).toContain(`${w.codesA[1]};'@SUM(A1);`);
  });

  it("lets an administrator bundle any organisation and narrows by filter", async () => {
    const everything = await built(w.admin);
    expect(everything.total).toBe(5);
    const bankB = await built(w.admin, { organisation: w.bankB });
    expect(bankB.total).toBe(1);
    const searched = await built(w.admin, { q: "anna" });
    expect(searched.total).toBe(1);
  });

  it("refuses an empty selection, a bad period and a viewer without a scope", async () => {
    expect(
      await requestCertificateBundle(db(), {
        viewer: w.trainerA,
        filter: { q: "niemand" },
        now: NOW,
        origin: ORIGIN,
        dir,
      }),
    ).toEqual({ ok: false, error: "empty" });
    expect(
      await requestCertificateBundle(db(), {
        viewer: w.trainerA,
        filter: { from: "2025-04-01", to: "2025-03-01" },
        now: NOW,
        origin: ORIGIN,
        dir,
      }),
    ).toEqual({
      ok: false,
      error: "bad_period",
    });
    const learner = await person(db(), { name: "Leerling", organisationId: w.bankA });
    expect(
      await requestCertificateBundle(db(), { viewer: learner, filter: {}, now: NOW, origin: ORIGIN, dir }),
    ).toEqual({ ok: false, error: "no_scope" });
    expect(await db().certificateBundle.count()).toBe(0);
  });

  it("reports progress up to the total and records the request in the audit log", async () => {
    const result = await requestCertificateBundle(db(), {
      viewer: w.trainerA,
      filter: {},
      now: NOW,
      origin: ORIGIN,
      dir,
    });
    if (!result.ok) throw new Error(result.error);
    const seen: number[] = [];
    let row = await db().certificateBundle.findUniqueOrThrow({ where: { id: result.bundleId } });
    expect(row.status === "queued" || row.status === "running").toBe(true);
    const watching = (async () => {
      for (;;) {
        row = await db().certificateBundle.findUniqueOrThrow({ where: { id: result.bundleId } });
        seen.push(row.done);
        if (row.status === "done" || row.status === "failed") return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await runBundleJobs();
    await watching;
    expect(row).toMatchObject({ status: "done", done: 4, total: 4, fileName: `${result.bundleId}.zip` });
    expect(seen.every((done) => done <= 4)).toBe(true);
    const audit = await db().auditLog.findMany({ where: { userId: w.trainerA.id } });
    expect(audit.map((entry) => entry.action)).toEqual([BUNDLE_AUDIT_ACTIONS.requested]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ bundleId: result.bundleId, total: 4 });
  });

  it("keeps the event loop turning while it builds", async () => {
    const result = await requestCertificateBundle(db(), {
      viewer: w.admin,
      filter: {},
      now: NOW,
      origin: ORIGIN,
      dir,
    });
    if (!result.ok) throw new Error(result.error);
    let turns = 0;
    let building = true;
    const ticker = (async () => {
      while (building) {
        await new Promise((resolve) => setImmediate(resolve));
        turns++;
      }
    })();
    await runBundleJobs();
    building = false;
    await ticker;
    // At least one turn per certificate: other requests get served in between.
    expect(turns).toBeGreaterThanOrEqual(5);
  });
});

describe("who may see and download a bundle", () => {
  it("is the requester or an administrator; others get nothing, as for an unknown id", async () => {
    const result = await built(w.trainerA);
    expect(
      await getCertificateBundle(db(), { viewer: w.trainerB, bundleId: result.bundleId, now: NOW, dir }),
    ).toBeNull();
    expect(await bundleDownload(db(), { viewer: w.trainerB, bundleId: result.bundleId, dir })).toBeNull();
    expect(
      await getCertificateBundle(db(), { viewer: w.admin, bundleId: result.bundleId, now: NOW, dir }),
    ).not.toBeNull();
    expect(await bundleDownload(db(), { viewer: w.admin, bundleId: result.bundleId, dir })).not.toBeNull();
    expect(await getCertificateBundle(db(), { viewer: w.admin, bundleId: "onbekend", now: NOW, dir })).toBeNull();
    const downloads = await db().auditLog.findMany({ where: { action: BUNDLE_AUDIT_ACTIONS.downloaded } });
    expect(downloads.map((entry) => entry.userId)).toEqual([w.admin.id]);
  });
});

describe("bundle housekeeping", () => {
  it("marks a bundle whose job is gone as interrupted", async () => {
    const orphan = await db().certificateBundle.create({
      data: { requestedById: w.trainerA.id, filter: "{}", status: "running", total: 4, done: 2 },
    });
    const bundle = await getCertificateBundle(db(), { viewer: w.trainerA, bundleId: orphan.id, now: NOW, dir });
    expect(bundle).toMatchObject({ status: "failed", error: BUNDLE_INTERRUPTED, downloadable: false });
  });

  it("records a failure with its error instead of throwing", async () => {
    const bundle = await db().certificateBundle.create({
      data: { requestedById: w.trainerA.id, filter: "not json", status: "queued", total: 4 },
    });
    await buildCertificateBundle(db(), bundle.id, { origin: ORIGIN, dir, cacheDir });
    const row = await db().certificateBundle.findUniqueOrThrow({ where: { id: bundle.id } });
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/JSON/);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("removes bundles older than a day, with their files, when a new one is requested", async () => {
    const old = await built(w.trainerA);
    expect(await fs.readdir(dir)).toEqual([`${old.bundleId}.zip`]);
    const later = new Date(NOW.getTime() + BUNDLE_MAX_AGE_MS + 1000);
    expect(await listRecentBundles(db(), { viewer: w.trainerA, now: NOW })).toHaveLength(1);

    const fresh = await requestCertificateBundle(db(), {
      viewer: w.trainerB,
      filter: {},
      now: later,
      origin: ORIGIN,
      dir,
    });
    if (!fresh.ok) throw new Error(fresh.error);
    await runBundleJobs();
    expect(await db().certificateBundle.findUnique({ where: { id: old.bundleId } })).toBeNull();
    expect(await fs.readdir(dir)).toEqual([`${fresh.bundleId}.zip`]);
    expect(await listRecentBundles(db(), { viewer: w.trainerA, now: later })).toEqual([]);
  });
});
