// `npm run bench:http -- --learners 200`: that many learners, signed up through the real form,
// each walking a module at reading pace (open a lesson, a heartbeat while reading, complete it,
// open the next, …) with think time between requests, for a few minutes. Prints p50/p95/max
// latency and every answer that was not the expected one.
import os from "node:os";
import { performance } from "node:perf_hooks";

import { BASICS, lessonSlugs, signUp, skipSurvey } from "./arrange";
import { HttpClient, type Person } from "./client";
import { startProduct } from "./servers";
import { percentile } from "./stats";

const TARGET_P95_MS = 500;

export async function runReadingPace(options: {
  port: number;
  learners: number;
  minutes: number;
  thinkSeconds?: number;
}) {
  const thinkMs = (options.thinkSeconds ?? 10) * 1000;
  // Production's load shedding stays on: a 503 is an error a learner would see.
  const server = await startProduct(options.port, {
    STIGMAVRIJ_SQL_COUNT: "0",
    OVERLOAD_MAX_DELAY_MS: process.env.OVERLOAD_MAX_DELAY_MS ?? "100",
    MAX_CONCURRENT_REQUESTS: process.env.MAX_CONCURRENT_REQUESTS ?? "16",
  });
  try {
    const client = new HttpClient(server.origin);
    const started = performance.now();
    const learners: Person[] = [];
    // Two sign-ups at a time: argon2id hashing is the cost, and it has two cores.
    for (let i = 0; i < options.learners; i += 2) {
      const batch = await Promise.all(
        [i, i + 1].filter((n) => n < options.learners).map(() => signUp(client, server.outboxDir, "lezer")),
      );
      learners.push(...batch);
    }
    for (const person of learners) await skipSurvey(client, person, BASICS);
    console.log(
      `${learners.length} learners signed up in ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
        `reading for ${options.minutes} min, think time ${thinkMs / 2000}–${(thinkMs * 1.5) / 1000} s; ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    const lessons = lessonSlugs(BASICS);
    const latencies: number[] = [];
    const unexpected = new Map<string, number>();
    const deadline = performance.now() + options.minutes * 60_000;
    const think = () => new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
    // Every answer counts as the learner got it: a shed request (503) is an error, not retried.
    const timed = async (
      expected: number,
      path: string,
      form?: Record<string, string>,
      person?: Person,
    ): Promise<boolean> => {
      const start = performance.now();
      const what = `${form ? "POST" : "GET"} ${path.startsWith("/activiteit") ? "heartbeat" : form ? "complete" : "lesson"}`;
      try {
        const answer = await client.request(path, { person, form, retryBusy: false });
        latencies.push(performance.now() - start);
        if (answer.status === expected) return true;
        const key = `${what} ${answer.status}`;
        unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
        if (answer.status >= 500 && answer.status !== 503) console.log(`${key}: ${answer.text.slice(0, 300)}`);
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
        const key = `${what} ${error instanceof Error ? error.message : "error"}${cause}`;
        unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
      }
      return false;
    };
    await Promise.all(
      learners.map(async (person) => {
        // Spread the arrivals over the first think time.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * thinkMs));
        for (let i = 0; performance.now() < deadline; i++) {
          const lesson = lessons[i % lessons.length]!;
          const path = `/modules/${BASICS}/${lesson}`;
          // A page that did not load sends no heartbeat and has no button to press: read it again.
          const loaded = await timed(200, path, undefined, person);
          await think();
          if (!loaded) continue;
          await timed(204, "/activiteit", { module: BASICS, lesson }, person);
          await think();
          await timed(302, path, { intent: "complete" }, person);
        }
      }),
    );
    const p95 = percentile(latencies, 95);
    const errors = [...unexpected.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `\n| learners | requests | p50 ms | p95 ms | max ms | errors | target p95 < ${TARGET_P95_MS} ms, 0 errors |\n|---:|---:|---:|---:|---:|---:|---|\n` +
        `| ${learners.length} | ${latencies.length} | ${percentile(latencies, 50).toFixed(0)} | ${p95.toFixed(0)} | ${Math.max(...latencies).toFixed(0)} | ${errors} | ${p95 < TARGET_P95_MS && errors === 0 ? "met" : "NOT met"} |`,
    );
    if (errors > 0) console.log(`unexpected answers: ${[...unexpected].map(([k, n]) => `${k} × ${n}`).join(", ")}`);
  } finally {
    await server.stop();
  }
}
