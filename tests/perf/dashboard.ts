// Report dashboard benchmark on the load database of `npm run seed:load` (data/load.db): p50, p95
// and max of each dashboard query for an administrator, a trainer and a cohort, plus the write
// path (refreshLearnerReports). Prints a table and the slowest view against the 300 ms target;
// asserts nothing. Run: npx tsx tests/perf/dashboard.ts [--database file:…] [--iterations 50]
// [--rebuild] (also times rebuildAllReports on its own). See docs/load-testing.md. The pages over
// HTTP (rendering, HTML size, concurrent clients) are `npm run bench:http -- --dashboard`.
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

import type { PrismaClient } from "@prisma/client";

import { applyPragmas, createPrismaClient } from "../../app/db/client.server";
import { databaseFile } from "../../prisma/database-url";
import type { OrganisationScope } from "../../app/auth/scope.server";
import { organisationScopeFor } from "../../app/auth/scope.server";
import { getAttitudeChange } from "../../app/reports/attitude-change.server";
import { getDashboard } from "../../app/reports/dashboard.server";
import { getFilterChoices } from "../../app/reports/filter-scope.server";
import { getItemAnalysis } from "../../app/reports/item-analysis.server";
import { getStudyLoad } from "../../app/reports/study-load.server";
import { GROUP_BYS, type ReportFilter } from "../../app/reports/filter";
import { monthOf } from "../../app/reports/month";
import { rebuildAllReports, refreshLearnerReports } from "../../app/reports/refresh.server";

const TARGET_MS = 300;
const WARM_UP = 3;

interface Row {
  name: string;
  p50: number;
  p95: number;
  max: number;
  /** Median CPU time of this process per call: stable when other work competes for the cores. */
  cpu: number;
  n: number;
  /** Page views are judged against the target; the write path and the rebuild are not. */
  view: boolean;
}

const rows: Row[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(name: string, iterations: number, run: (i: number) => Promise<unknown>, view = true) {
  for (let i = 0; i < WARM_UP; i++) await run(i);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const row = {
    name,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? 0,
    cpu: percentile(cpu, 50),
    n: iterations,
    view,
  };
  rows.push(row);
  console.log(
    `  ${name}: p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, max ${row.max.toFixed(1)} ms, cpu ${row.cpu.toFixed(1)} ms`,
  );
}

const unfiltered: ReportFilter = {
  from: null,
  to: null,
  sector: null,
  organisationId: null,
  cohortId: null,
  moduleId: null,
  groupBy: "organisation",
};

/** The months from two months before `now`'s month up to and including it. */
function lastThreeMonths(now: Date): { from: number; to: number } {
  const to = monthOf(now);
  const back = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 15));
  return { from: monthOf(back), to };
}

async function pickSubjects(db: PrismaClient) {
  // A trainer appointed to three organisations (seed:load makes a few regional trainers).
  const trainer = await db.organisationTrainer.groupBy({
    by: ["userId"],
    _count: { organisationId: true },
    // Fewer in a scaled-down database (--learners).
    having: { organisationId: { _count: { lte: 3 } } },
    orderBy: [{ _count: { organisationId: "desc" } }, { userId: "asc" }],
    take: 1,
  });
  const trainerId = trainer[0]?.userId;
  const trainerScope = trainerId ? await organisationScopeFor(db, { id: trainerId, role: "trainer" }) : null;

  const bigCohort = (await db.$queryRawUnsafe(
    `SELECT m.cohortId AS cohortId, count(*) AS members FROM CohortMember m GROUP BY m.cohortId ORDER BY members DESC LIMIT 1`,
  )) as { cohortId: string; members: bigint }[];
  const cohortId = bigCohort[0]?.cohortId;
  const cohort = cohortId
    ? await db.cohort.findUnique({ where: { id: cohortId }, select: { organisationId: true, name: true } })
    : null;
  const learners = cohortId
    ? await db.cohortMember.findMany({
        where: { cohortId },
        select: { userId: true },
        orderBy: { userId: "asc" },
        take: 200,
      })
    : [];

  const bigModule = (await db.$queryRawUnsafe(
    `SELECT a.moduleId AS moduleId, count(*) AS attempts FROM AssessmentAttempt a WHERE a.status = 'submitted'
     GROUP BY a.moduleId ORDER BY attempts DESC LIMIT 1`,
  )) as { moduleId: string; attempts: bigint }[];
  const moduleId = bigModule[0]?.moduleId;
  // The organisation with the most attempts at that module, for a trainer's view of the item analysis.
  const moduleOrganisation = moduleId
    ? (
        (await db.$queryRawUnsafe(
          `SELECT u.organisationId AS organisationId, count(*) AS attempts FROM AssessmentAttempt a JOIN User u ON u.id = a.userId
         WHERE a.moduleId = ? AND a.status = 'submitted' GROUP BY u.organisationId ORDER BY attempts DESC LIMIT 1`,
          moduleId,
        )) as { organisationId: string }[]
      )[0]?.organisationId
    : undefined;
  const sector = (
    await db.organisation.groupBy({
      by: ["sector"],
      _count: { id: true },
      orderBy: { _count: { id: "desc" } },
      take: 1,
    })
  )[0]?.sector;

  if (
    !trainerScope ||
    trainerScope.kind !== "organisations" ||
    !cohortId ||
    !cohort ||
    !moduleId ||
    !moduleOrganisation ||
    !sector
  ) {
    throw new Error("The database lacks the data this benchmark needs; create it with npm run seed:load");
  }
  return {
    trainerScope,
    cohort: {
      id: cohortId,
      organisationId: cohort.organisationId,
      name: cohort.name,
      members: Number(bigCohort[0]!.members),
    },
    learners: learners.map((l) => l.userId),
    moduleId,
    moduleOrganisation,
    sector,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      database: { type: "string", default: "file:./data/load.db" },
      iterations: { type: "string", default: "50" },
      rebuild: { type: "boolean", default: false },
    },
  });
  const url = values.database!;
  const iterations = Number(values.iterations);
  if (!fs.existsSync(databaseFile(url))) {
    console.error(
      `No load database at ${databaseFile(url)}. Create it first:\n\n  npm run seed:load\n\n(or npm run seed:load -- --learners 2000 for a small one)`,
    );
    process.exitCode = 1;
    return;
  }

  const db = createPrismaClient(url);
  try {
    await applyPragmas(db);
    const now = new Date();
    const [learnerCount, enrolments] = await Promise.all([
      db.user.count({ where: { role: "learner" } }),
      db.reportFact.count(),
    ]);
    console.log(
      `Stigmavrij dashboard benchmark — ${databaseFile(url)}: ${learnerCount.toLocaleString("en-GB")} learners, ` +
        `${enrolments.toLocaleString("en-GB")} cohort enrolments; ${iterations} iterations after ${WARM_UP} warm-up; ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const subjects = await pickSubjects(db);
    const admin: OrganisationScope = { kind: "all" };
    const opts = { now, locale: "nl" as const };
    const period = lastThreeMonths(now);

    for (const groupBy of GROUP_BYS) {
      await measure(`admin dashboard, per ${groupBy}`, iterations, () =>
        getDashboard(db, admin, { ...unfiltered, groupBy }, opts),
      );
    }
    await measure(`admin dashboard, ${period.from}–${period.to}`, iterations, () =>
      getDashboard(db, admin, { ...unfiltered, ...period }, opts),
    );
    await measure(`admin dashboard, sector ${subjects.sector}`, iterations, () =>
      getDashboard(db, admin, { ...unfiltered, sector: subjects.sector as ReportFilter["sector"] }, opts),
    );
    await measure(
      `trainer dashboard (${subjects.trainerScope.organisationIds.length} organisations), per cohort`,
      iterations,
      () => getDashboard(db, subjects.trainerScope, { ...unfiltered, groupBy: "cohort" }, opts),
    );
    await measure(`cohort dashboard (${subjects.cohort.members} members), per module`, iterations, () =>
      getDashboard(db, admin, { ...unfiltered, cohortId: subjects.cohort.id, groupBy: "module" }, opts),
    );
    await measure(`item analysis ${subjects.moduleId}, admin`, iterations, () =>
      getItemAnalysis(db, admin, { ...unfiltered, moduleId: subjects.moduleId }, { locale: "nl" }),
    );
    await measure(`item analysis ${subjects.moduleId}, one organisation`, iterations, () =>
      getItemAnalysis(
        db,
        admin,
        { ...unfiltered, moduleId: subjects.moduleId, organisationId: subjects.moduleOrganisation },
        { locale: "nl" },
      ),
    );
    await measure("attitude change, admin", iterations, () =>
      getAttitudeChange(db, admin, unfiltered, { locale: "nl" }),
    );
    await measure("study load, admin", iterations, () => getStudyLoad(db, admin, unfiltered, { locale: "nl" }));
    await measure("filter choices, admin", iterations, () => getFilterChoices(db, admin, "nl"));
    await measure("filter choices, trainer", iterations, () => getFilterChoices(db, subjects.trainerScope, "nl"));
    await measure(
      `refreshLearnerReports (learner in the ${subjects.cohort.members}-member cohort, writes)`,
      iterations,
      (i) => refreshLearnerReports(db, { userId: subjects.learners[i % subjects.learners.length]!, now }),
      false,
    );

    if (values.rebuild) {
      const start = performance.now();
      await rebuildAllReports(db, { now });
      const ms = performance.now() - start;
      rows.push({
        name: "rebuildAllReports (everything, once)",
        p50: ms,
        p95: ms,
        max: ms,
        cpu: NaN,
        n: 1,
        view: false,
      });
      console.log(`  rebuildAllReports: ${(ms / 1000).toFixed(1)} s`);
    }
  } finally {
    await db.$disconnect();
  }

  console.log("\n| operation | p50 ms | p95 ms | max ms | CPU ms (p50) | n |\n|---|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    const cpu = Number.isNaN(r.cpu) ? "–" : r.cpu.toFixed(1);
    console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${cpu} | ${r.n} |`);
  }
  const slowest = rows.filter((r) => r.view).sort((a, b) => b.p95 - a.p95)[0];
  if (slowest) {
    const verdict = slowest.p95 <= TARGET_MS ? "within" : "OVER";
    console.log(
      `\nslowest view: ${slowest.name}, p95 ${slowest.p95.toFixed(1)} ms — ${verdict} the ${TARGET_MS} ms target for a dashboard view`,
    );
  }
  console.log(`load average (1 min) at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`resident memory at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
