// `npm run bench:http -- --dashboard`: every dashboard view and filter over HTTP on the load
// database of `npm run seed:load`, as an administrator and as a trainer, with concurrent clients.
// Per view: the first (cold) request's status, time and HTML size, then p50/p95 over a fixed
// number of requests and the server's CPU ms per answer (from /proc), against the targets
// (p95 < 300 ms, ≤ 100 KB). The query timings without HTTP are tests/perf/dashboard.ts.
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";

import { databaseFile } from "../../../prisma/database-url";
import { formatMonthInput, monthOf } from "../../../app/reports/month";
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
  trainerOrganisations: number;
  cohortId: string;
  cohortMembers: number;
  moduleId: string;
  /** The organisation with the most attempts at that module. */
  organisationId: string;
  sector: string;
}

/**
 * What the views are filtered on: the biggest cohort, the most-attempted module, a trainer of three
 * organisations (of fewer in a scaled-down database).
 */
function pickSubjects(file: string): Subjects {
  const db = new Database(file, { readonly: true });
  try {
    const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined;
    const trainer = one<{ email: string; organisations: number }>(
      `SELECT u.email AS email, count(*) AS organisations FROM OrganisationTrainer t JOIN User u ON u.id = t.userId
       GROUP BY t.userId HAVING count(*) <= 3 ORDER BY count(*) DESC, t.userId LIMIT 1`,
    );
    const cohort = one<{ cohortId: string; members: number }>(
      "SELECT cohortId, count(*) AS members FROM CohortMember GROUP BY cohortId ORDER BY count(*) DESC LIMIT 1",
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
      trainerOrganisations: trainer.organisations,
      cohortId: cohort.cohortId,
      cohortMembers: cohort.members,
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

/** The filter form's value for the month `offset` months from now (yyyy-mm). */
function monthInput(now: Date, offset: number): string {
  return formatMonthInput(monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 15))));
}

interface View {
  name: string;
  path: string;
  trainer?: boolean;
}

/** Every dashboard view and filter, as the administrator unless `trainer` is set. */
function dashboardViews(subjects: Subjects, now: Date): View[] {
  const months = `van=${monthInput(now, -2)}&tot=${monthInput(now, 0)}`;
  const base = "/beheer/dashboard";
  const module = encodeURIComponent(subjects.moduleId);
  const organisation = encodeURIComponent(subjects.organisationId);
  const cohort = encodeURIComponent(subjects.cohortId);
  return [
    { name: "overview, per organisation", path: base },
    { name: "overview, per cohort", path: `${base}?per=cohort` },
    { name: "overview, per cohort, page 3", path: `${base}?per=cohort&pagina=3` },
    { name: "overview, per sector", path: `${base}?per=sector` },
    { name: "overview, per module", path: `${base}?per=module` },
    { name: "overview, last three months", path: `${base}?${months}` },
    { name: `overview, sector ${subjects.sector}`, path: `${base}?sector=${subjects.sector}` },
    { name: "overview, one organisation, per cohort", path: `${base}?organisatie=${organisation}&per=cohort` },
    {
      name: `overview, one cohort (${subjects.cohortMembers}), per module`,
      path: `${base}?cohort=${cohort}&per=module`,
    },
    { name: "overview, module filter", path: `${base}?module=${module}` },
    { name: "item analysis, no module chosen", path: `${base}/vragen` },
    { name: "item analysis, admin", path: `${base}/vragen?module=${module}` },
    { name: "item analysis, one organisation", path: `${base}/vragen?module=${module}&organisatie=${organisation}` },
    { name: "item analysis, last three months", path: `${base}/vragen?module=${module}&${months}` },
    { name: "attitude change", path: `${base}/houding` },
    { name: "attitude change, module and sector", path: `${base}/houding?module=${module}&sector=${subjects.sector}` },
    { name: "study load", path: `${base}/studielast` },
    { name: "study load, last three months", path: `${base}/studielast?${months}` },
    { name: "module evaluations", path: `${base}/evaluatie` },
    {
      name: `trainer (${subjects.trainerOrganisations} organisations), per cohort`,
      path: `${base}?per=cohort`,
      trainer: true,
    },
    { name: "trainer, item analysis", path: `${base}/vragen?module=${module}`, trainer: true },
    { name: "trainer, study load", path: `${base}/studielast`, trainer: true },
  ];
}

export async function runDashboard(options: {
  port: number;
  databaseUrl: string;
  clients: number;
  requests: number;
  /** Only the views whose name contains one of these (case-insensitive). */
  only?: string[];
  /** Write the server's V8 CPU profile into this directory (node --cpu-prof). */
  profileDir?: string;
}) {
  const file = databaseFile(options.databaseUrl);
  if (!fs.existsSync(file)) {
    console.error(
      `No load database at ${file}. Create it first: npm run seed:load (or npm run seed:load -- --learners 2000 for a small one)`,
    );
    process.exitCode = 1;
    return;
  }
  const subjects = pickSubjects(file);
  const now = new Date();
  const only = options.only?.map((name) => name.toLowerCase());
  const views = dashboardViews(subjects, now).filter(
    (view) => !only || only.some((name) => view.name.toLowerCase().includes(name)),
  );
  // No SQL counting here: the dashboard's figures are latency, size and CPU.
  const server = await startProduct(
    options.port,
    { STIGMAVRIJ_SQL_COUNT: "0" },
    options.databaseUrl,
    options.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] : [],
  );
  const lines = [
    "| view | status | cold ms | p50 ms | p95 ms | HTML KB | CPU ms/answer | errors | targets |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const over: string[] = [];
  try {
    const client = new HttpClient(server.origin);
    const admin = await logIn(client, ADMIN_EMAIL, 1);
    const trainer = await logIn(client, subjects.trainerEmail, 2);
    console.log(
      `dashboard over HTTP on ${file}: ${views.length} views, ${options.requests} requests each from ${options.clients} clients; ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    for (const view of views) {
      const person = view.trainer ? trainer : admin;
      // The first request computes the view (a cold cache); the timed run then measures what
      // every later visitor with the same filter gets.
      const started = performance.now();
      const page = await client.request(view.path, { person });
      const coldMs = performance.now() - started;
      const kb = Buffer.byteLength(page.text) / 1024;
      const figures = await runLoad(
        server.origin,
        server.pid,
        {
          next: () => ({
            method: "GET",
            path: view.path,
            headers: { Cookie: person.cookie, "X-Forwarded-For": person.ip },
          }),
          expect: [200],
        },
        { connections: options.clients, amount: options.requests },
      );
      const met = figures.p95 < TARGET_P95_MS && kb <= TARGET_KB && page.status === 200 && figures.errors === 0;
      if (!met) over.push(view.name);
      const targets = `p95 <${TARGET_P95_MS} ms ${figures.p95 < TARGET_P95_MS ? "met" : "NOT met"}, ≤${TARGET_KB} KB ${kb <= TARGET_KB ? "met" : "NOT met"}`;
      const line =
        `| ${view.name} | ${page.status} | ${coldMs.toFixed(0)} | ${figures.p50.toFixed(0)} | ${figures.p95.toFixed(0)} | ` +
        `${kb.toFixed(1)} | ${figures.cpuMsPerRequest.toFixed(1)} | ${figures.errors} | ${targets} |`;
      console.log(line);
      lines.push(line);
    }
  } finally {
    await server.stop();
  }
  console.log(`\n${lines.join("\n")}\n`);
  console.log(
    over.length === 0
      ? `every view within p95 < ${TARGET_P95_MS} ms and ≤ ${TARGET_KB} KB of HTML`
      : `over the target (p95 < ${TARGET_P95_MS} ms, ≤ ${TARGET_KB} KB, no errors): ${over.join("; ")}`,
  );
  console.log(
    `${new Date().toISOString()}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, load average at the end ${os.loadavg()[0]!.toFixed(1)}`,
  );
  if (options.profileDir) console.log(`CPU profile of the server in ${options.profileDir}`);
}
