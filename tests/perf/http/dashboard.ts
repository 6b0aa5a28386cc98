// `npm run bench:http -- --dashboard`: every dashboard view and filter over HTTP on the load
// database of `npm run seed:load`, as an administrator and as a trainer, with concurrent clients:
// p50/p95 latency and HTML bytes against the targets (p95 < 300 ms, ≤ 100 KB). The query-level
// figures without HTTP stay in tests/perf/dashboard.ts.
import fs from "node:fs";
import os from "node:os";

import Database from "better-sqlite3";

import { databaseFile } from "../../../prisma/database-url";
import { HttpClient, clientAddress, type Person } from "./client";
import { runLoad } from "./load";
import { startProduct } from "./servers";

/** The password seed:load gives every account (scripts/seed-load.ts). */
const LOAD_PASSWORD = "belastingtest-2026";
const ADMIN_EMAIL = "beheer@load.example";
const TARGET_P95_MS = 300;
const TARGET_KB = 100;

interface Subjects {
  trainerEmail: string;
  cohortId: string;
  moduleId: string;
  organisationId: string;
  sector: string;
}

/** What the views are filtered on: the biggest cohort, the most-attempted module, a trainer of three organisations. */
function pickSubjects(file: string): Subjects {
  const db = new Database(file, { readonly: true });
  try {
    const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined;
    const trainer = one<{ email: string }>(
      `SELECT u.email FROM OrganisationTrainer t JOIN User u ON u.id = t.userId
       GROUP BY t.userId HAVING count(*) = 3 ORDER BY t.userId LIMIT 1`,
    );
    const cohort = one<{ cohortId: string }>(
      "SELECT cohortId FROM CohortMember GROUP BY cohortId ORDER BY count(*) DESC LIMIT 1",
    );
    const module = one<{ moduleId: string }>(
      "SELECT moduleId FROM AssessmentAttempt WHERE status = 'submitted' GROUP BY moduleId ORDER BY count(*) DESC LIMIT 1",
    );
    const organisation = one<{ organisationId: string }>(
      `SELECT u.organisationId FROM AssessmentAttempt a JOIN User u ON u.id = a.userId
       WHERE a.moduleId = ? AND a.status = 'submitted' GROUP BY u.organisationId ORDER BY count(*) DESC LIMIT 1`,
      module?.moduleId,
    );
    const sector = one<{ sector: string }>(
      "SELECT sector FROM Organisation GROUP BY sector ORDER BY count(*) DESC LIMIT 1",
    );
    if (!trainer || !cohort || !module || !organisation || !sector)
      throw new Error("the load database lacks the data this benchmark needs; create it with npm run seed:load");
    return {
      trainerEmail: trainer.email,
      cohortId: cohort.cohortId,
      moduleId: module.moduleId,
      organisationId: organisation.organisationId,
      sector: sector.sector,
    };
  } finally {
    db.close();
  }
}

async function logIn(client: HttpClient, email: string, index: number): Promise<Person> {
  const person: Person = { email, cookie: "", ip: clientAddress(index) };
  await client.expect([302], "/inloggen", { person, form: { email, password: LOAD_PASSWORD, redirectTo: "" } });
  return person;
}

function month(offset: number): string {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 15));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

export async function runDashboard(options: { port: number; databaseUrl: string; clients: number; requests: number }) {
  const file = databaseFile(options.databaseUrl);
  if (!fs.existsSync(file)) {
    console.error(`No load database at ${file}. Create it first: npm run seed:load`);
    process.exitCode = 1;
    return;
  }
  const subjects = pickSubjects(file);
  const server = await startProductionServerOn(options.port, options.databaseUrl);
  try {
    const client = new HttpClient(server.origin);
    const admin = await logIn(client, ADMIN_EMAIL, 1);
    const trainer = await logIn(client, subjects.trainerEmail, 2);
    const m = encodeURIComponent(subjects.moduleId);
    const views: { name: string; person: Person; path: string }[] = [
      ...["sector", "organisatie", "cohort", "module"].map((per) => ({
        name: `admin dashboard per ${per}`,
        person: admin,
        path: `/beheer/dashboard?per=${per}`,
      })),
      {
        name: "admin dashboard, last 3 months",
        person: admin,
        path: `/beheer/dashboard?van=${month(-2)}&tot=${month(0)}`,
      },
      {
        name: `admin dashboard, sector ${subjects.sector}`,
        person: admin,
        path: `/beheer/dashboard?sector=${subjects.sector}`,
      },
      {
        name: "admin dashboard, biggest cohort per module",
        person: admin,
        path: `/beheer/dashboard?cohort=${encodeURIComponent(subjects.cohortId)}&per=module`,
      },
      { name: "trainer dashboard (3 organisations) per cohort", person: trainer, path: "/beheer/dashboard?per=cohort" },
      { name: "item analysis, admin", person: admin, path: `/beheer/dashboard/vragen?module=${m}` },
      {
        name: "item analysis, one organisation",
        person: admin,
        path: `/beheer/dashboard/vragen?module=${m}&organisatie=${encodeURIComponent(subjects.organisationId)}`,
      },
      { name: "attitude change, admin", person: admin, path: "/beheer/dashboard/houding" },
      { name: "module evaluations, admin", person: admin, path: "/beheer/dashboard/evaluatie" },
      { name: "study load, admin", person: admin, path: "/beheer/dashboard/studielast" },
    ];
    console.log(
      `dashboard over HTTP on ${file}: ${views.length} views, ${options.requests} requests each from ${options.clients} clients; ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const lines = [
      "| view | p50 ms | p95 ms | HTML KB | errors | CPU ms/req | targets |",
      "|---|---:|---:|---:|---:|---:|---|",
    ];
    for (const view of views) {
      const page = await client.expect([200], view.path, { person: view.person });
      const kb = Buffer.byteLength(page.text) / 1024;
      const figures = await runLoad(
        server.origin,
        server.pid,
        {
          next: () => ({
            method: "GET",
            path: view.path,
            headers: { Cookie: view.person.cookie, "X-Forwarded-For": view.person.ip },
          }),
          expect: [200],
        },
        { connections: options.clients, amount: options.requests },
      );
      const targets = `p95 <${TARGET_P95_MS} ms ${figures.p95 < TARGET_P95_MS ? "met" : "NOT met"}, ≤${TARGET_KB} KB ${kb <= TARGET_KB ? "met" : "NOT met"}`;
      const line = `| ${view.name} | ${figures.p50.toFixed(0)} | ${figures.p95.toFixed(0)} | ${kb.toFixed(0)} | ${figures.errors} | ${figures.cpuMsPerRequest.toFixed(0)} | ${targets} |`;
      console.log(line);
      lines.push(line);
    }
    console.log(`\n${lines.join("\n")}\n`);
  } finally {
    await server.stop();
  }
}

function startProductionServerOn(port: number, databaseUrl: string) {
  // No SQL counting here: the dashboard's figures are latency and size.
  return startProduct(port, { STIGMAVRIJ_SQL_COUNT: "0" }, databaseUrl);
}
