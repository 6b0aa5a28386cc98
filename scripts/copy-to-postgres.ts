// `npm run db:copy-to-postgres -- --from file:./data/stigmavrij.db --to postgresql://…`: copies an
// SQLite installation's data into a freshly migrated, empty PostgreSQL database
// (prisma/copy-to-postgres.ts; docs/deployment.md#moving-from-sqlite-to-postgresql).
// --to defaults to DATABASE_URL when that is a PostgreSQL URL.
import { parseArgs } from "node:util";

import { CopyError, copySqliteToPostgres, redact, type CopyProgress } from "../prisma/copy-to-postgres";

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        from: { type: "string" },
        to: { type: "string" },
        batch: { type: "string" },
      },
    });
    const envTarget = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : undefined;
    const batch = values.batch === undefined ? undefined : Number(values.batch);
    if (batch !== undefined && (!Number.isInteger(batch) || batch < 1))
      throw new CopyError("--batch must be a whole number of rows, at least 1");
    return { from: values.from, to: values.to ?? envTarget, batch };
  } catch (error) {
    if (error instanceof CopyError) throw error;
    throw new CopyError(
      `${(error as Error).message}\nusage: npm run db:copy-to-postgres -- --from file:… --to postgresql://…`,
    );
  }
}

const format = (n: number) => n.toLocaleString("en-GB");

function reporter() {
  let lastLine = 0;
  return (event: CopyProgress) => {
    if (event.kind === "sequences") {
      console.log(`  sequences moved past the copied ids: ${event.reset.join(", ") || "none"}`);
      return;
    }
    const finished = event.copied === event.total;
    // A line per table when it is done, and every few seconds for large ones.
    if (!finished && Date.now() - lastLine < 3_000) return;
    if (event.copied === 0 && event.total > 0) return;
    lastLine = Date.now();
    console.log(`  ${event.table}: ${format(event.copied)}/${format(event.total)}${finished ? "" : " …"}`);
  };
}

async function main() {
  const options = parseOptions();
  const started = Date.now();
  console.log(`db:copy-to-postgres — ${options.from ?? "?"} → ${options.to ? redact(options.to) : "?"}`);
  const result = await copySqliteToPostgres({
    from: options.from!,
    to: options.to!,
    batchRows: options.batch,
    onProgress: reporter(),
  });
  console.log("\nrow counts checked, source = target:\n| table | rows |\n|---|---:|");
  for (const { table, rows } of result.tables) console.log(`| ${table} | ${format(rows)} |`);
  const total = result.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(`\ncopied ${format(total)} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof CopyError) console.error(`db:copy-to-postgres: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
