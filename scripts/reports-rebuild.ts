/**
 * Rebuilds every report table from the learning tables: `npm run reports:rebuild`. Safe to run
 * on a live database: each batch of cohorts is replaced in one transaction, so the dashboard
 * never sees a half-written cohort. Prints progress and the time taken.
 */
import { performance } from "node:perf_hooks";

import { databaseReady, prisma } from "../app/db/client.server";
import { rebuildAllReports } from "../app/reports/refresh.server";

async function main(): Promise<void> {
  await databaseReady();
  const started = performance.now();
  let lastLine = "";
  await rebuildAllReports(prisma, {
    now: new Date(),
    onProgress: (done, total) => {
      const line = `Rebuilding reports: ${done}/${total} cohorts`;
      if (line === lastLine) return;
      lastLine = line;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
      else console.log(line);
    },
  });
  if (process.stdout.isTTY) process.stdout.write("\n");
  const counts = {
    facts: await prisma.reportFact.count(),
    rollups: await prisma.reportRollup.count(),
    items: await prisma.itemRollup.count(),
    attitude: await prisma.attitudeRollup.count(),
  };
  console.log(
    `Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.facts} facts, ${counts.rollups} report rows, ` +
      `${counts.items} item rows, ${counts.attitude} attitude rows`,
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
