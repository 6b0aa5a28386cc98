import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";

import { createTestUser, e2eDb, type TestUser } from "../e2e/support/db";

import {
  INSTANCES,
  accessLog,
  instancePid,
  signedInClient,
  upstreamOf,
  upstreamsServing,
  type InstanceName,
} from "./support/instances";

const CLIENTS = 6;
/** The lessons of the first modules: enough writes for a run of about a minute on a shared machine. */
const MODULES = ["sekswerk-en-stigma-de-basis", "bank-en-financiele-dienstverlening", "politie"];
const VICTIM: InstanceName = "a";
const SURVIVOR: InstanceName = "b";

interface Acknowledged {
  kind: "completion" | "heartbeat";
  userId: string;
  lessonId: string;
  sentAt: number;
}

test("kill -9 of one instance under load: every acknowledged write is kept, the other instance serves, the restarted one rejoins", async () => {
  test.setTimeout(300_000);
  const lessons = await e2eDb().lesson.findMany({
    where: { moduleId: { in: MODULES }, archived: false },
    orderBy: [{ moduleId: "asc" }, { position: "asc" }],
    select: { id: true, moduleId: true, slug: true },
  });
  expect(lessons.length).toBeGreaterThan(10);
  const learners: TestUser[] = [];
  for (let i = 0; i < CLIENTS; i++) learners.push(await createTestUser({ name: `Lading ${i + 1}` }));
  const clients: APIRequestContext[] = [];
  for (const learner of learners) clients.push(await signedInClient(learner));

  const victimPid = await instancePid(VICTIM);
  const logBeforeRun = (await accessLog()).length;
  const acknowledged: Acknowledged[] = [];
  const failedReads: string[] = [];
  let resent = 0;
  let interruptedReads = 0;
  let killedAt: number | undefined;
  let logAtKill = 0;
  const killAfter = Math.floor((CLIENTS * lessons.length * 2) / 4);

  async function killVictimOnce() {
    if (killedAt !== undefined || acknowledged.length < killAfter) return;
    killedAt = Date.now();
    logAtKill = (await accessLog()).length;
    process.kill(victimPid, "SIGKILL");
  }

  /**
   * Sends a write until it is acknowledged, as a browser's user would press again: a request
   * that was in flight on the killed instance gets a 502 from nginx (a POST is not retried
   * behind the client's back) or a dropped connection.
   */
  async function write(
    send: () => Promise<APIResponse>,
    isAcknowledged: (response: APIResponse) => boolean,
    what: string,
  ): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      let response: APIResponse;
      try {
        response = await send();
      } catch {
        resent++;
        continue;
      }
      if (isAcknowledged(response)) return;
      expect(response.status(), `${what}: ${await response.text()}`).toBeGreaterThanOrEqual(500);
      resent++;
    }
    throw new Error(`${what} was never acknowledged`);
  }

  /**
   * A read is sent again when its connection broke: an answer the killed instance had already
   * started to stream cannot be moved to the other one (nginx retries only before the first
   * byte). Any other failure, or a broken read not in flight at the kill, is recorded.
   */
  async function read(client: APIRequestContext, path: string): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const sentAt = Date.now();
      try {
        const response = await client.get(path);
        if (response.status() !== 200) failedReads.push(`${path}: ${response.status()}`);
        return;
      } catch (error) {
        if (killedAt === undefined || sentAt > killedAt) failedReads.push(`${path}: ${String(error)}`);
        else interruptedReads++;
      }
    }
    failedReads.push(`${path}: never answered`);
  }

  async function run(client: APIRequestContext, userId: string) {
    for (const lesson of lessons) {
      const path = `/modules/${lesson.moduleId}/${lesson.slug}`;
      await read(client, path);

      const completionSent = Date.now();
      await write(
        () => client.post(path, { form: { intent: "complete" }, maxRedirects: 0 }),
        (response) => response.status() === 302 || response.status() === 303,
        `completion of ${path}`,
      );
      acknowledged.push({ kind: "completion", userId, lessonId: lesson.id, sentAt: completionSent });
      await killVictimOnce();

      const heartbeatSent = Date.now();
      await write(
        () =>
          client.post("/activiteit", {
            form: { module: lesson.moduleId, lesson: lesson.slug, opened: String(heartbeatSent) },
          }),
        (response) => response.status() === 204,
        `heartbeat on ${path}`,
      );
      acknowledged.push({ kind: "heartbeat", userId, lessonId: lesson.id, sentAt: heartbeatSent });
      await killVictimOnce();
    }
  }

  await Promise.all(clients.map((client, i) => run(client, learners[i]!.id)));

  // The kill happened during the run, and the survivor kept taking writes after it.
  expect(killedAt).toBeDefined();
  const afterKill = acknowledged.filter((write) => write.sentAt > killedAt!);
  expect(afterKill.length).toBeGreaterThan(0);
  // Reads never failed: nginx sent every GET that met the dead instance on to the other one;
  // only an answer in the middle of streaming at the kill (at most one per client) was cut.
  expect(failedReads).toEqual([]);
  expect(interruptedReads).toBeLessThanOrEqual(CLIENTS);
  const servedAfterKill = (await accessLog()).slice(logAtKill);
  expect(servedAfterKill.some((entry) => entry.upstreams.includes(upstreamOf(SURVIVOR)) && entry.status < 400)).toBe(
    true,
  );

  // Every acknowledged write is in PostgreSQL.
  const progress = await e2eDb().lessonProgress.findMany({
    where: { userId: { in: learners.map((learner) => learner.id) } },
    select: { userId: true, lessonId: true, completedAt: true, lastSeenAt: true },
  });
  const stored = new Map(progress.map((row) => [`${row.userId} ${row.lessonId}`, row]));
  const missing = acknowledged.filter((write) => {
    const row = stored.get(`${write.userId} ${write.lessonId}`);
    if (!row) return true;
    // The server stamps lastSeenAt when it handles the heartbeat, after the client sent it.
    return write.kind === "completion" ? row.completedAt === null : row.lastSeenAt.getTime() < write.sentAt - 1_000;
  });
  expect(missing).toEqual([]);
  expect(acknowledged).toHaveLength(CLIENTS * lessons.length * 2);

  // The killed instance was started again (as systemd's Restart=on-failure does) and nginx
  // sends it requests again once its fail_timeout has passed.
  await expect.poll(() => instancePid(VICTIM), { timeout: 60_000 }).not.toBe(victimPid);
  await expect
    .poll(async () => (await fetch(`${INSTANCES[VICTIM]}/readyz`).catch(() => null))?.status, { timeout: 60_000 })
    .toBe(200);
  const logBeforeRejoin = (await accessLog()).length;
  await expect
    .poll(
      async () => {
        expect((await clients[0]!.get("/mijn-leren")).status()).toBe(200);
        return (await upstreamsServing(logBeforeRejoin)).has(upstreamOf(VICTIM));
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(true);

  test.info().annotations.push({
    type: "load run",
    description:
      `${acknowledged.length} acknowledged writes from ${CLIENTS} clients, ${afterKill.length} after the kill, ` +
      `${resent} resent after a 502 or dropped connection, ${interruptedReads} reads cut off mid-answer, ` +
      `${(await accessLog()).length - logBeforeRun} requests through nginx`,
  });
  console.log(test.info().annotations.at(-1)!.description);
  await Promise.all(clients.map((client) => client.dispose()));
});
