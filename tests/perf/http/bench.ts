// `npm run bench:http`: the learner hot paths of the production server against a bare Remix app
// served by the same server.js, interleaved (bare, product, bare, product, …), median of the
// repetitions; one table with req/s, ratio, latency, server CPU per request (from /proc) and SQL
// statements per request. A load script, not a test: it asserts nothing. See docs/performance.md.
//
//   npm run bench:http [-- --no-build] [--duration 4] [--repetitions 3] [--connections 8]
//     [--pool 8] [--submits 10] [--only "lesson page,heartbeat"] [--json file] [--port 3201]
//   npm run bench:http -- --dashboard [--database file:./data/load.db] [--clients 10] [--requests 50]
//     [--only "study load,item analysis"] [--profile DIR]
//   npm run bench:http -- --learners 200 [--minutes 2]
//   npm run bench:http -- --workers 1,2
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";

import { HttpClient, type Person } from "./client";
import {
  BASICS,
  certificateCode,
  correctAnswerFields,
  finishLessons,
  importScormModule,
  knowledgeCheckForm,
  launchScorm,
  lessonSlugs,
  makeAdministrator,
  signUp,
  skipSurvey,
  startAttempt,
} from "./arrange";
import { runDashboard } from "./dashboard";
import { runLoad, settledTicks, type LoadSpec, type RequestShape } from "./load";
import { runReadingPace } from "./reading-pace";
import { buildServers, sqlStatements, startBare, startProduct } from "./servers";
import { formatTable, medianRun, type PathKind, type PathResult, type RunFigures } from "./stats";
import { clientAddress } from "./client";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    duration: { type: "string", default: "4" },
    repetitions: { type: "string", default: "3" },
    connections: { type: "string", default: "8" },
    pool: { type: "string", default: "8" },
    submits: { type: "string", default: "10" },
    only: { type: "string" },
    json: { type: "string" },
    port: { type: "string", default: "3201" },
    dashboard: { type: "boolean", default: false },
    database: { type: "string", default: "file:./data/load.db" },
    clients: { type: "string", default: "10" },
    requests: { type: "string", default: "50" },
    learners: { type: "string" },
    minutes: { type: "string", default: "2" },
    workers: { type: "string" },
    profile: { type: "string" },
  },
});

const DURATION = Number(args.duration);
const REPETITIONS = Number(args.repetitions);
const CONNECTIONS = Number(args.connections);
const POOL = Number(args.pool);
const SUBMITS = Number(args.submits);
const PORT = Number(args.port);
/** The second module's lessons are completed for the first time during the "complete lesson" runs. */
const SECOND = "stigmavrij-communiceren";
const SCORM_FIXTURE = "scorm12-single";

interface PathSpec {
  name: string;
  kind: PathKind;
  product: LoadSpec;
  /** The bare app's page or form action. */
  bare: LoadSpec;
  /** For writes that use up what they act on: a fixed number of requests per run. */
  amount?: number;
}

function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function withPerson(person: Person, shape: RequestShape, origin: string): RequestShape {
  const headers: Record<string, string> = { Cookie: person.cookie, "X-Forwarded-For": person.ip, ...shape.headers };
  if (shape.method === "POST") headers.Origin = origin;
  return { ...shape, headers };
}

function form(fields: Record<string, string> | [string, string][]): { body: string; headers: Record<string, string> } {
  return {
    body: new URLSearchParams(fields).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
}

const BARE_PAGE: LoadSpec = { next: () => ({ method: "GET", path: "/" }), expect: [200] };

/** The bare form action as the browser's JavaScript posts it (single fetch: 202 with the redirect). */
function barePostData(origin: string): LoadSpec {
  return {
    next: () => ({
      method: "POST",
      path: "/opslaan.data",
      ...form({ intent: "save" }),
      headers: { ...form({}).headers, Origin: origin },
    }),
    expect: [202],
  };
}

/** The bare form action posted as a plain request (what fetch/sendBeacon endpoints compare with). */
function barePostPlain(origin: string): LoadSpec {
  return {
    next: () => ({
      method: "POST",
      path: "/opslaan",
      ...form({ intent: "save" }),
      headers: { ...form({}).headers, Origin: origin },
    }),
    expect: [302],
  };
}

async function arrange(client: HttpClient, outboxDir: string, databaseUrl: string, repetitions: number) {
  const started = Date.now();
  const lessons = lessonSlugs(BASICS);
  const admin = await signUp(client, outboxDir, "beheer");
  makeAdministrator(databaseUrl, admin.email);
  const scormModule = await importScormModule(client, admin, SCORM_FIXTURE);

  // The pool reads pages and posts the repeatable writes; each has an attempt in progress.
  const pool: { person: Person; attemptId: string; answers: [string, string][]; commitUrl: string }[] = [];
  for (let i = 0; i < POOL; i++) {
    const person = await signUp(client, outboxDir, "lezer");
    await skipSurvey(client, person, BASICS);
    await finishLessons(client, person, BASICS);
    const attemptId = await startAttempt(client, person, BASICS);
    await skipSurvey(client, person, SECOND);
    const commitUrl = await launchScorm(client, person, scormModule);
    pool.push({ person, attemptId, answers: correctAnswerFields(databaseUrl, attemptId), commitUrl });
  }
  const checkForm = knowledgeCheckForm(
    (await client.expect([200], `/modules/${BASICS}/${lessons[0]}`, { person: pool[0]!.person })).text,
  );

  // Learners with a fresh attempt each, for the submit runs (an attempt is submitted once).
  const submitters: { person: Person; attemptId: string; answers: [string, string][] }[] = [];
  const finishers = 4;
  const readyToSubmit = async () => {
    const person = await signUp(client, outboxDir, "toets");
    await skipSurvey(client, person, BASICS);
    for (const lesson of lessons)
      await client.expect([302], `/modules/${BASICS}/${lesson}`, { person, form: { intent: "complete" } });
    const attemptId = await startAttempt(client, person, BASICS);
    submitters.push({ person, attemptId, answers: correctAnswerFields(databaseUrl, attemptId) });
  };
  // Two at a time: sign-up hashes a password, and there are two cores.
  const wanted = SUBMITS * repetitions + finishers;
  for (let i = 0; i < wanted; i += 2)
    await Promise.all([readyToSubmit(), ...(i + 1 < wanted ? [readyToSubmit()] : [])]);
  // A few pass now, for the result page and the certificate check.
  const finished = submitters.splice(0, finishers);
  for (const { person, attemptId, answers } of finished) {
    await client.expect([302], `/modules/${BASICS}/toets/${attemptId}`, {
      person,
      form: Object.fromEntries([...answers, ["intent", "submit"], ["reportedMinutes", "30"]]),
    });
  }
  const code = await certificateCode(client, finished[0]!.person);
  // The certificate's PDF once, so the runs measure a warm download (the first one renders it);
  // its validator, when the server sends one, is what a browser revalidates with.
  const pdf = await client.expect([200], `/mijn-certificaten/${code}/pdf`, { person: finished[0]!.person });
  const pdfEtag = pdf.etag;
  console.log(
    `arranged in ${((Date.now() - started) / 1000).toFixed(0)} s: ${POOL} reading learners, ${submitters.length} with an attempt to submit, ${finished.length} finished, SCORM module ${scormModule}`,
  );
  return { lessons, pool, checkForm, submitters, finished, code, pdfEtag };
}

function pathSpecs(origin: string, bareOrigin: string, arranged: Awaited<ReturnType<typeof arrange>>): PathSpec[] {
  const { lessons, pool, checkForm, submitters, finished, code, pdfEtag } = arranged;
  const learner = cycle(pool);
  const get = (path: (p: (typeof pool)[number]) => string): LoadSpec => ({
    next: () => {
      const p = learner();
      return withPerson(p.person, { method: "GET", path: path(p) }, origin);
    },
    expect: [200],
  });
  const lesson = cycle(lessons);
  const finisher = cycle(finished);
  let address = 100_000;
  const secondLessons = lessonSlugs(SECOND);
  const completions = pool.flatMap((p) => secondLessons.map((l) => ({ p, l })));
  const completion = cycle(completions);
  const submitter = cycle(submitters);
  const dataPost = barePostData(bareOrigin);
  const plainPost = barePostPlain(bareOrigin);
  return [
    { name: "lesson page", kind: "page", product: get(() => `/modules/${BASICS}/${lesson()}`), bare: BARE_PAGE },
    { name: "module page", kind: "page", product: get(() => `/modules/${BASICS}`), bare: BARE_PAGE },
    { name: "catalogue /modules", kind: "page", product: get(() => "/modules"), bare: BARE_PAGE },
    { name: "/mijn-leren", kind: "page", product: get(() => "/mijn-leren"), bare: BARE_PAGE },
    {
      name: "assessment attempt page",
      kind: "page",
      product: get((p) => `/modules/${BASICS}/toets/${p.attemptId}`),
      bare: BARE_PAGE,
    },
    {
      name: "result page",
      kind: "page",
      product: {
        next: () => {
          const f = finisher();
          return withPerson(f.person, { method: "GET", path: `/modules/${BASICS}/toets/${f.attemptId}` }, origin);
        },
        expect: [200],
      },
      bare: BARE_PAGE,
    },
    {
      name: "certificate check",
      kind: "page",
      // Anonymous, as an employer checks; a fresh client address each time, past the per-client throttle.
      product: {
        next: () => ({
          method: "GET",
          path: `/certificaat/${code}`,
          headers: { "X-Forwarded-For": clientAddress(address++) },
        }),
        expect: [200],
      },
      bare: BARE_PAGE,
    },
    {
      name: "certificate PDF",
      kind: "page",
      // The learner downloads their certificate again: the PDF exists, nothing about it changed.
      product: {
        next: () => withPerson(finished[0]!.person, { method: "GET", path: `/mijn-certificaten/${code}/pdf` }, origin),
        expect: [200],
      },
      bare: BARE_PAGE,
    },
    {
      name: "certificate PDF revalidation",
      kind: "page",
      // The same download with the validator of the copy the browser has (a 304 when unchanged).
      product: {
        next: () =>
          withPerson(
            finished[0]!.person,
            {
              method: "GET",
              path: `/mijn-certificaten/${code}/pdf`,
              headers: pdfEtag ? { "If-None-Match": pdfEtag } : {},
            },
            origin,
          ),
        expect: pdfEtag ? [304] : [200],
      },
      bare: BARE_PAGE,
    },
    {
      name: "complete lesson POST",
      kind: "write",
      product: {
        next: () => {
          const { p, l } = completion();
          return withPerson(
            p.person,
            { method: "POST", path: `/modules/${SECOND}/${l}.data`, ...form({ intent: "complete" }) },
            origin,
          );
        },
        expect: [202],
      },
      bare: dataPost,
    },
    {
      name: "autosave answers",
      kind: "write",
      product: {
        next: () => {
          const p = learner();
          return withPerson(
            p.person,
            {
              method: "POST",
              path: `/modules/${BASICS}/toets/${p.attemptId}.data`,
              ...form([...p.answers, ["intent", "autosave"]]),
            },
            origin,
          );
        },
        expect: [200],
      },
      bare: dataPost,
    },
    {
      name: "submit assessment",
      kind: "write",
      amount: SUBMITS,
      product: {
        next: () => {
          const s = submitter();
          return withPerson(
            s.person,
            {
              method: "POST",
              path: `/modules/${BASICS}/toets/${s.attemptId}.data`,
              ...form([...s.answers, ["intent", "submit"], ["reportedMinutes", "30"]]),
            },
            origin,
          );
        },
        expect: [202],
      },
      bare: dataPost,
    },
    {
      name: "check answer (knowledge check)",
      kind: "write",
      product: {
        next: () =>
          withPerson(
            learner().person,
            { method: "POST", path: `/modules/${BASICS}/${lessons[0]}.data`, ...form(checkForm) },
            origin,
          ),
        expect: [202],
      },
      bare: dataPost,
    },
    {
      name: "heartbeat /activiteit",
      kind: "write",
      product: {
        next: () =>
          withPerson(
            learner().person,
            { method: "POST", path: "/activiteit", ...form({ module: BASICS, lesson: lesson() }) },
            origin,
          ),
        expect: [204],
      },
      bare: plainPost,
    },
    {
      name: "SCORM commit",
      kind: "write",
      product: (() => {
        let n = 0;
        return {
          next: () => {
            const p = learner();
            n += 1;
            return withPerson(
              p.person,
              {
                method: "POST",
                path: p.commitUrl,
                body: JSON.stringify({
                  "cmi.core.lesson_status": "incomplete",
                  "cmi.core.lesson_location": `pagina-${n % 20}`,
                  "cmi.suspend_data": `bladwijzer-${n}`,
                }),
                headers: { "Content-Type": "application/json" },
              },
              origin,
            );
          },
          expect: [200],
        };
      })(),
      bare: plainPost,
    },
  ];
}

async function measurePaths() {
  buildServers({ product: !args["no-build"] });
  const product = await startProduct(PORT);
  const bare = await startBare(PORT + 1);
  try {
    const client = new HttpClient(product.origin);
    const arranged = await arrange(client, product.outboxDir, product.databaseUrl, REPETITIONS);
    const only = args.only?.split(",").map((name) => name.trim());
    await settledTicks(product.pid);
    const specs = pathSpecs(product.origin, bare.origin, arranged).filter((s) => !only || only.includes(s.name));
    console.log(
      `${specs.length} paths × ${REPETITIONS} repetitions × (bare, product), about ${DURATION} s per run, ${CONNECTIONS} connections; ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const results: PathResult[] = [];
    for (const spec of specs) {
      // Every run sends a fixed number of requests and waits for all answers: a run cut off by
      // time would leave requests in flight whose CPU and SQL land on no answered request. The
      // number is what the warm-up's rate does in --duration seconds (at least two per connection).
      const warmUp = { connections: CONNECTIONS, amount: CONNECTIONS };
      const sized = (rate: number) => ({
        connections: CONNECTIONS,
        amount: Math.min(5_000, Math.max(2 * CONNECTIONS, Math.round(rate * DURATION))),
      });
      const bareOptions = sized((await runLoad(bare.origin, bare.pid, spec.bare, warmUp)).requestsPerSecond);
      // A write that uses up what it acts on (an attempt is submitted once) has its own fixed number.
      const options = spec.amount
        ? { connections: CONNECTIONS, amount: spec.amount }
        : sized((await runLoad(product.origin, product.pid, spec.product, warmUp)).requestsPerSecond);
      const bareRuns: RunFigures[] = [];
      const productRuns: RunFigures[] = [];
      let statements = 0;
      for (let rep = 0; rep < REPETITIONS; rep++) {
        bareRuns.push(await runLoad(bare.origin, bare.pid, spec.bare, bareOptions));
        const before = await sqlStatements(product.origin);
        productRuns.push(await runLoad(product.origin, product.pid, spec.product, options));
        // The difference includes the first /healthz's own SELECT 1.
        statements += (await sqlStatements(product.origin)) - before - 1;
      }
      const requests = productRuns.reduce((sum, run) => sum + run.requests, 0);
      const result: PathResult = {
        name: spec.name,
        kind: spec.kind,
        product: medianRun(productRuns),
        bare: medianRun(bareRuns),
        sqlPerRequest: requests > 0 ? statements / requests : null,
      };
      results.push(result);
      console.log(
        `  ${spec.name}: ${result.product.requestsPerSecond.toFixed(0)} vs ${result.bare.requestsPerSecond.toFixed(0)} req/s, ` +
          `${result.product.cpuMsPerRequest.toFixed(2)} / ${result.bare.cpuMsPerRequest.toFixed(2)} CPU ms, ${result.sqlPerRequest?.toFixed(1)} SQL/req`,
      );
    }
    console.log(`\n${formatTable(results)}\n`);
    console.log(
      `${new Date().toISOString()}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, load average at the end ${os.loadavg()[0]!.toFixed(1)}`,
    );
    if (args.json) {
      fs.writeFileSync(
        args.json,
        `${JSON.stringify({ date: new Date().toISOString(), cores: os.cpus().length, duration: DURATION, repetitions: REPETITIONS, connections: CONNECTIONS, results }, null, 2)}\n`,
      );
    }
  } finally {
    await product.stop();
    await bare.stop();
  }
}

/**
 * `--workers 1,2`: the same database served by one server per worker count (WEB_CONCURRENCY, the
 * cluster of server/cluster.js), all started at once on neighbouring ports; per learner path, runs
 * against each in turn (1, 2, 1, 2, …), the median of each, and the ratio of req/s. The paths that
 * use up what they act on (submitting an attempt) are left out. CPU per request sums the primary
 * and its workers. The load generator runs on the same machine and takes its share of the cores.
 */
async function measureWorkers() {
  const counts = args.workers!.split(",").map((n) => Number(n.trim()));
  if (counts.length < 2 || counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--workers takes two or more worker counts, e.g. 1,2 (got ${args.workers})`);
  buildServers({ product: !args["no-build"] });
  const first = await startProduct(PORT, { WEB_CONCURRENCY: String(counts[0]) });
  const servers = [first];
  try {
    for (const [i, n] of counts.slice(1).entries())
      servers.push(await startProduct(PORT + 1 + i, { WEB_CONCURRENCY: String(n) }, first.databaseUrl));
    const arranged = await arrange(new HttpClient(first.origin), first.outboxDir, first.databaseUrl, REPETITIONS);
    const only = args.only?.split(",").map((name) => name.trim());
    const specs = servers.map((server) =>
      pathSpecs(server.origin, server.origin, arranged).filter(
        (s) => s.amount === undefined && (!only || only.includes(s.name)),
      ),
    );
    for (const server of servers) await settledTicks(server.pid);
    console.log(
      `${specs[0]!.length} paths × ${REPETITIONS} repetitions × workers ${counts.join(", ")}, about ${DURATION} s per run, ` +
        `${CONNECTIONS} connections; ${os.cpus().length} cores, load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
    );
    const rows: string[] = [];
    const ratios: number[] = [];
    for (const [index, spec] of specs[0]!.entries()) {
      const warmUp = { connections: CONNECTIONS, amount: CONNECTIONS };
      // The same number of requests for every worker count: what the single process does in --duration seconds.
      const rate = (await runLoad(first.origin, first.pid, spec.product, warmUp)).requestsPerSecond;
      const options = {
        connections: CONNECTIONS,
        amount: Math.min(5_000, Math.max(2 * CONNECTIONS, Math.round(rate * DURATION * 1.5))),
      };
      const runs: RunFigures[][] = servers.map(() => []);
      const loads: number[] = [];
      for (let rep = 0; rep < REPETITIONS; rep++)
        for (const [i, server] of servers.entries()) {
          loads.push(os.loadavg()[0]!);
          runs[i]!.push(await runLoad(server.origin, server.pid, specs[i]![index]!.product, options));
        }
      const medians = runs.map((r) => medianRun(r));
      const ratio = medians.at(-1)!.requestsPerSecond / medians[0]!.requestsPerSecond;
      ratios.push(ratio);
      const row =
        `| ${spec.name} | ${medians.map((m) => m.requestsPerSecond.toFixed(0)).join(" | ")} | ${ratio.toFixed(2)}× | ` +
        `${medians.map((m) => m.cpuMsPerRequest.toFixed(2)).join(" / ")} | ${medians.map((m) => m.p95.toFixed(0)).join(" / ")} | ` +
        `${medians.reduce((sum, m) => sum + m.errors, 0)} | ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} |`;
      rows.push(row);
      console.log(`  ${row}`);
    }
    const geometric = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
    console.log(
      `\n| path | ${counts.map((n) => `req/s ${n} worker${n > 1 ? "s" : ""}`).join(" | ")} | ratio ${counts.at(-1)}/${counts[0]} | ` +
        `CPU ms/req | p95 ms | errors | load average |\n|---|${counts.map(() => "---:|").join("")}---:|---:|---:|---:|---|\n${rows.join("\n")}\n`,
    );
    console.log(
      `geometric mean of the ratios ${geometric.toFixed(2)}× (target ≥ 1.8× from 1 to 2 workers); ` +
        `${new Date().toISOString()}, load average at the end ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
    );
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}

async function main() {
  if (args.dashboard) {
    buildServers({ product: !args["no-build"] });
    await runDashboard({
      port: PORT,
      databaseUrl: args.database!,
      clients: Number(args.clients),
      requests: Number(args.requests),
      only: args.only?.split(",").map((name) => name.trim()),
      profileDir: args.profile,
    });
  } else if (args.learners) {
    buildServers({ product: !args["no-build"] });
    await runReadingPace({ port: PORT, learners: Number(args.learners), minutes: Number(args.minutes) });
  } else if (args.workers) {
    await measureWorkers();
  } else {
    await measurePaths();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
