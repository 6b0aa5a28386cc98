// `npm run bench`: timings of the learner path's server functions on a filled database, content
// sync, password hashing and the server's cold start. Figures go to stdout; nothing here asserts
// a time (targets are judged from these numbers, not by the test suite).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

import Database from "better-sqlite3";

import { hashPassword, verifyPassword } from "../../app/auth/password.server";
import { loadCourses } from "../../app/content/load.server";
import { syncCourses } from "../../app/content/sync.server";
import { listCatalogue } from "../../app/learning/catalogue.server";
import { completeLesson, getModuleOverview, listMyLearning, openLesson } from "../../app/learning/progress.server";
import { getAttemptPage, saveAnswers, startAttempt, submitAttempt } from "../../app/assessment/attempts.server";
import { applyMigrationFiles } from "../../prisma/apply-migrations";
import { createTestDatabase } from "../setup/temp-db";
import { learningEvents } from "../../app/learning-events.server";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 20_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);

interface Row {
  name: string;
  p50: number;
  p95: number;
  max: number;
  n: number;
}

const rows: Row[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(name: string, iterations: number, run: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const row = { name, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? 0, n: iterations };
  rows.push(row);
  console.log(`  ${name}: p50 ${row.p50.toFixed(2)} ms, p95 ${row.p95.toFixed(2)} ms`);
}

/** Learners with progress, written straight through better-sqlite3 (Prisma would take minutes). */
function fillLearners(
  file: string,
  lessonIds: string[],
  moduleId: string,
  contentHash: string,
  surveyItemIds: string[],
) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const insertUser = db.prepare(
    "INSERT INTO User (id, email, name, passwordHash, role, locale, sector, createdAt, updatedAt) VALUES (?, ?, ?, 'x', 'learner', 'nl', 'bank', ?, ?)",
  );
  const insertEnrollment = db.prepare(
    "INSERT INTO Enrollment (id, userId, moduleId, status, contentHash, startedAt, lastLessonId, lastActivityAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertProgress = db.prepare(
    "INSERT INTO LessonProgress (id, userId, lessonId, firstSeenAt, lastSeenAt, completedAt, contentHash) VALUES (?, ?, ?, ?, ?, ?, 'h')",
  );
  const insertAttitude = db.prepare(
    "INSERT INTO AttitudeAnswer (userId, moduleId, itemId, before, beforeAt, after, afterAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const now = Date.now();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const userId = `bench-user-${i}`;
      insertUser.run(userId, `bench-${i}@example.test`, `Learner ${i}`, now, now);
      surveyItemIds.forEach((itemId, item) => {
        const before = 1 + ((i + item) % 5);
        insertAttitude.run(userId, moduleId, itemId, before, now, i % 4 === 0 ? null : Math.min(5, before + 1), now);
      });
      const done = i % (lessonIds.length + 1);
      if (done === 0 && i % 3 === 0) continue;
      insertEnrollment.run(
        randomUUID(),
        userId,
        moduleId,
        done === lessonIds.length ? "completed" : "in_progress",
        contentHash,
        now,
        lessonIds[Math.max(0, done - 1)],
        now - i * 1000,
      );
      for (let l = 0; l < done; l += 1) insertProgress.run(randomUUID(), userId, lessonIds[l], now, now, now);
    }
  });
  const step = 5_000;
  for (let from = 0; from < LEARNERS; from += step) {
    batch(from, Math.min(LEARNERS, from + step));
    process.stdout.write(`\r  filling learners: ${Math.min(LEARNERS, from + step)}/${LEARNERS}`);
  }
  process.stdout.write("\n");
  db.close();
}

async function coldStart(): Promise<number | null> {
  if (!fs.existsSync("build/index.js")) {
    console.log("  (no build/ — run npm run build to measure the cold start)");
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stigmavrij-bench-"));
  const file = path.join(dir, "cold.db");
  applyMigrationFiles(file);
  const port = 3900 + Math.floor(Math.random() * 50);
  const start = performance.now();
  const child = spawn("node", ["server.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      APP_ORIGIN: `http://localhost:${port}`,
      DATABASE_URL: `file:${file}`,
      NODE_ENV: "production",
      MAIL_OUTBOX_DIR: dir,
    },
    stdio: "ignore",
  });
  try {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      try {
        const response = await fetch(`http://localhost:${port}/healthz`);
        if (response.ok) return performance.now() - start;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return null;
  } finally {
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(
    `Stigmavrij benchmark — ${LEARNERS} learners, ${ITERATIONS} iterations per query, ${os.cpus().length} cores`,
  );
  const test = await createTestDatabase();
  const db = test.prisma;
  try {
    const loadStart = performance.now();
    const { modules, problems, sharedSurvey } = await loadCourses(path.resolve("courses"));
    const loadMs = performance.now() - loadStart;
    if (problems.length) throw new Error(`courses/ has ${problems.length} problem(s); run npm run courses:check`);
    const syncStart = performance.now();
    await syncCourses(db, modules, undefined, { sharedSurvey });
    const syncMs = performance.now() - syncStart;
    const resyncStart = performance.now();
    await syncCourses(db, modules);
    const resyncMs = performance.now() - resyncStart;
    console.log(
      `  courses: load+render ${loadMs.toFixed(0)} ms, first sync ${syncMs.toFixed(0)} ms, unchanged re-sync ${resyncMs.toFixed(0)} ms`,
    );

    const module = modules[0]!;
    const lessonIds = module.lessons.map((l) => `${module.slug}/${l.slug}`);
    const surveyItemIds = (sharedSurvey?.items ?? []).map((item) => `${sharedSurvey?.key}/${item.id}`);
    fillLearners(test.url.replace(/^file:/, ""), lessonIds, module.slug, module.contentHash, surveyItemIds);

    const learner = (i: number) => `bench-user-${(i * 7919) % LEARNERS}`;
    const lessonSlug = (i: number) => module.lessons[i % module.lessons.length]!.slug;
    await measure("listCatalogue", ITERATIONS, () => listCatalogue(db, { locale: "nl", sector: "bank" }));
    await measure("getModuleOverview", ITERATIONS, (i) =>
      getModuleOverview(db, { moduleSlug: module.slug, locale: "nl", userId: learner(i) }),
    );
    await measure("openLesson (writes)", ITERATIONS, (i) =>
      openLesson(db, {
        moduleSlug: module.slug,
        lessonSlug: lessonSlug(i),
        locale: "en",
        userId: learner(i),
        events: learningEvents,
      }),
    );
    await measure("completeLesson (writes)", ITERATIONS, (i) =>
      completeLesson(db, {
        moduleSlug: module.slug,
        lessonSlug: lessonSlug(i),
        userId: learner(i),
        events: learningEvents,
      }),
    );
    await measure("listMyLearning", ITERATIONS, (i) => listMyLearning(db, { userId: learner(i), locale: "nl" }));

    // Learners who finished every lesson (see fillLearners) take the assessment.
    const finished = (i: number) => `bench-user-${i * (lessonIds.length + 1) + lessonIds.length}`;
    const attemptIds: string[] = [];
    await measure("startAttempt (draw, writes)", ITERATIONS, async (i) => {
      const started = await startAttempt(db, { moduleSlug: module.slug, userId: finished(i) });
      if (!started.ok) throw new Error(`startAttempt refused: ${JSON.stringify(started)}`);
      attemptIds.push(started.attemptId);
    });
    await measure("getAttemptPage (in progress)", ITERATIONS, (i) =>
      getAttemptPage(db, { moduleSlug: module.slug, attemptId: attemptIds[i]!, userId: finished(i), locale: "nl" }),
    );
    await measure("saveAnswers (writes)", ITERATIONS, (i) =>
      saveAnswers(db, { attemptId: attemptIds[i]!, userId: finished(i), answers: new Map() }),
    );
    await measure("submitAttempt (scores, writes)", ITERATIONS, (i) =>
      submitAttempt(db, {
        attemptId: attemptIds[i]!,
        userId: finished(i),
        answers: new Map(),
        reportedMinutes: 30,
        events: learningEvents,
      }),
    );

    const hash = await hashPassword("benchmark wachtwoord");
    await measure("argon2id hash", 20, () => hashPassword("benchmark wachtwoord"));
    await measure("argon2id verify", 20, () => verifyPassword(hash, "benchmark wachtwoord"));
  } finally {
    await test.cleanup();
  }

  const cold = await coldStart();
  if (cold !== null) console.log(`  cold start (spawn → /healthz 200, incl. content sync): ${cold.toFixed(0)} ms`);

  console.log("\n| operation | p50 ms | p95 ms | max ms | n |\n|---|---:|---:|---:|---:|");
  for (const r of rows)
    console.log(`| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(2)} | ${r.n} |`);
  console.log(`\nresident memory at the end: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
