import fs from "node:fs";

import Database from "better-sqlite3";
import pg from "pg";

import { databaseFile } from "./database-url";
import { databaseProvider } from "./providers";

/**
 * Copies an SQLite installation's data into a freshly migrated, empty PostgreSQL database
 * (`npm run db:copy-to-postgres`, docs/deployment.md#moving-from-sqlite-to-postgresql).
 *
 * The target's catalog drives everything: which tables exist, their columns and types, and the
 * foreign keys that fix the order parents-before-children. Each value is converted for the
 * target column's type (SQLite keeps booleans as 0/1 and Prisma's dates as ISO text; PostgreSQL
 * has real booleans and timestamps), ids are copied as they are, and serial sequences are moved
 * past the copied ids. The whole copy is one PostgreSQL transaction, checked table by table
 * before it commits, so a failure leaves the target as empty as it was. The source is read in one
 * read transaction, a consistent snapshot even while a server still writes to it.
 */

export interface CopyOptions {
  /** `file:` URL of the SQLite database to read (never written). */
  from: string;
  /** `postgres://` / `postgresql://` URL of the migrated, empty target. */
  to: string;
  /** Rows per INSERT; the default keeps a statement at a few MB even for large snapshot rows. */
  batchRows?: number;
  onProgress?: (event: CopyProgress) => void;
}

export type CopyProgress =
  { kind: "table"; table: string; copied: number; total: number } | { kind: "sequences"; reset: string[] };

export interface CopyResult {
  /** Rows per table, in the order copied; the same in source and target (verified). */
  tables: { table: string; rows: number }[];
  sequences: string[];
}

/** A problem the operator can fix (a wrong URL, a target that is not empty): no stack trace needed. */
export class CopyError extends Error {}

const DEFAULT_BATCH_ROWS = 1_000;
/** Prisma's own bookkeeping, which `prisma migrate deploy` wrote on each side separately. */
const SKIPPED_TABLES = new Set(["_prisma_migrations"]);
/**
 * Tables whose rows a migration itself inserts (the report generation counter starts at a row
 * `(1, 0)`): a freshly migrated target has them, and the source's rows replace them.
 */
const FILLED_BY_MIGRATIONS = new Set(["ReportGeneration"]);

interface TargetColumn {
  name: string;
  /** PostgreSQL's type name as in pg_type (`text`, `int4`, `bool`, `timestamp`, `jsonb`, …). */
  type: string;
}

interface TargetTable {
  name: string;
  columns: TargetColumn[];
}

/** Checks both URLs before anything is opened, with messages that name what to pass instead. */
export function checkCopyUrls(from: string | undefined, to: string | undefined): { from: string; to: string } {
  if (!from) throw new CopyError("no source: pass --from file:./data/stigmavrij.db (the SQLite database to copy)");
  if (!to)
    throw new CopyError(
      "no target: pass --to postgresql://user:password@host:5432/database (or set DATABASE_URL to that URL)",
    );
  if (!from.startsWith("file:"))
    throw new CopyError(`--from must be an SQLite file: URL such as file:./data/stigmavrij.db, got ${redact(from)}`);
  let provider: string;
  try {
    provider = databaseProvider(to);
  } catch {
    provider = "other";
  }
  if (provider !== "postgresql")
    throw new CopyError(`--to must be a postgres:// or postgresql:// URL, got ${redact(to)}`);
  try {
    new URL(to);
  } catch {
    throw new CopyError(`--to is not a valid URL: ${redact(to)}`);
  }
  const file = databaseFile(from);
  if (!fs.existsSync(file)) throw new CopyError(`--from: there is no SQLite database at ${file}`);
  return { from, to };
}

/** A URL for messages: the password replaced, so it never lands in a log. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
  }
}

/**
 * Fails early, before a long preparation (the load seeder builds its SQLite database first), when
 * the target cannot take a copy: unreachable, not migrated or not empty.
 */
export async function checkCopyTarget(to: string): Promise<void> {
  const target = await connectTarget(to);
  try {
    const tables = await readTargetTables(target);
    if (tables.length === 0) throw notMigrated(to);
    await refuseNonEmpty(target, tables);
  } finally {
    await target.end();
  }
}

async function connectTarget(to: string): Promise<pg.Client> {
  const target = new pg.Client({ connectionString: to });
  try {
    await target.connect();
  } catch (error) {
    throw new CopyError(`cannot connect to PostgreSQL at ${redact(to)}: ${(error as Error).message}`);
  }
  return target;
}

const notMigrated = (to: string) =>
  new CopyError(`the target has no tables: migrate it first with DATABASE_URL=${redact(to)} npx prisma migrate deploy`);

export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const { from, to } = checkCopyUrls(options.from, options.to);
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const source = openSource(from);
  let target: pg.Client;
  try {
    target = await connectTarget(to);
  } catch (error) {
    source.close();
    throw error;
  }
  try {
    const tables = await readTargetTables(target);
    if (tables.length === 0) throw notMigrated(to);
    checkSameSchema(source, tables);
    await refuseNonEmpty(target, tables);
    const ordered = await parentsFirst(target, tables);

    // One read transaction: every SELECT below sees the same snapshot of the source.
    source.exec("BEGIN");
    await target.query("BEGIN");
    try {
      const copied: CopyResult["tables"] = [];
      for (const table of ordered) {
        const rows = await copyTable(source, target, table, batchRows, options.onProgress);
        copied.push({ table: table.name, rows });
      }
      await verifyCounts(source, target, copied);
      const sequences = await resetSequences(target, tables);
      options.onProgress?.({ kind: "sequences", reset: sequences });
      await target.query("COMMIT");
      return { tables: copied, sequences };
    } catch (error) {
      await target.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      source.exec("COMMIT");
    }
  } finally {
    source.close();
    await target.end();
  }
}

function openSource(url: string): Database.Database {
  try {
    return new Database(databaseFile(url), { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CopyError(`cannot open the SQLite database ${databaseFile(url)}: ${(error as Error).message}`);
  }
}

async function readTargetTables(target: pg.Client): Promise<TargetTable[]> {
  const { rows } = await target.query<{ table_name: string; column_name: string; udt_name: string }>(
    `SELECT c.table_name, c.column_name, c.udt_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, TargetColumn[]>();
  for (const row of rows) {
    if (SKIPPED_TABLES.has(row.table_name)) continue;
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, type: row.udt_name });
    tables.set(row.table_name, columns);
  }
  return [...tables].map(([name, columns]) => ({ name, columns }));
}

/** Both sides must be at the same migration: the same tables with the same columns. */
function checkSameSchema(source: Database.Database, tables: TargetTable[]) {
  const sourceTables = new Set(
    (
      source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
        name: string;
      }[]
    )
      .map((row) => row.name)
      .filter((name) => !SKIPPED_TABLES.has(name)),
  );
  const problems: string[] = [];
  for (const table of tables) {
    if (!sourceTables.has(table.name)) {
      problems.push(`table ${table.name} is missing in the source`);
      continue;
    }
    sourceTables.delete(table.name);
    const sourceColumns = new Set(
      (source.prepare(`SELECT name FROM pragma_table_info(?)`).all(table.name) as { name: string }[]).map(
        (c) => c.name,
      ),
    );
    for (const column of table.columns) {
      if (!sourceColumns.delete(column.name))
        problems.push(`column ${table.name}.${column.name} is missing in the source`);
    }
    for (const extra of sourceColumns) problems.push(`column ${table.name}.${extra} is missing in the target`);
  }
  for (const extra of sourceTables) problems.push(`table ${extra} is missing in the target`);
  if (problems.length > 0)
    throw new CopyError(
      `source and target are not at the same schema version (apply the same release's migrations to both: npx prisma migrate deploy):\n  ${problems.join("\n  ")}`,
    );
}

async function refuseNonEmpty(target: pg.Client, tables: TargetTable[]) {
  const filled: string[] = [];
  for (const table of tables) {
    if (FILLED_BY_MIGRATIONS.has(table.name)) continue;
    const { rowCount } = await target.query(`SELECT 1 FROM ${pg.escapeIdentifier(table.name)} LIMIT 1`);
    if (rowCount) filled.push(table.name);
  }
  if (filled.length > 0)
    throw new CopyError(
      `the target is not empty (rows in ${filled.join(", ")}): copy only into a freshly migrated database (do not run the seed, npm run setup, on it)`,
    );
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function parentsFirst(target: pg.Client, tables: TargetTable[]): Promise<TargetTable[]> {
  const { rows } = await target.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint c
       JOIN pg_class child ON child.oid = c.conrelid
       JOIN pg_class parent ON parent.oid = c.confrelid
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
  );
  const parents = new Map(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of rows) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: TargetTable[] = [];
  const placed = new Set<string>();
  let remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const ready = remaining.filter((table) => [...parents.get(table.name)!].every((parent) => placed.has(parent)));
    if (ready.length === 0)
      throw new CopyError(`foreign keys form a cycle between ${remaining.map((table) => table.name).join(", ")}`);
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
    remaining = remaining.filter((table) => !placed.has(table.name));
  }
  return ordered;
}

async function copyTable(
  source: Database.Database,
  target: pg.Client,
  table: TargetTable,
  batchRows: number,
  onProgress: CopyOptions["onProgress"],
): Promise<number> {
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const total = (source.prepare(`SELECT count(*) AS n FROM ${quoted(table.name)}`).get() as { n: number }).n;
  onProgress?.({ kind: "table", table: table.name, copied: 0, total });
  if (FILLED_BY_MIGRATIONS.has(table.name)) await target.query(`DELETE FROM ${pg.escapeIdentifier(table.name)}`);
  // Keyset pages over the rowid (Prisma creates no WITHOUT ROWID tables): constant cost per page.
  const page = source.prepare(
    `SELECT rowid AS "__rowid", ${table.columns.map((c) => quoted(c.name)).join(", ")}
       FROM ${quoted(table.name)} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
  );
  // One array parameter per column, unnested into rows: any batch size fits PostgreSQL's
  // parameter limit, and the statement text stays the same for every batch.
  const insert = `INSERT INTO ${pg.escapeIdentifier(table.name)} (${table.columns
    .map((c) => pg.escapeIdentifier(c.name))
    .join(", ")}) SELECT * FROM unnest(${table.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")})`;
  let copied = 0;
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = page.all(after, batchRows) as Record<string, unknown>[];
    if (rows.length === 0) break;
    const values = table.columns.map((column) =>
      rows.map((row, index) => convert(row[column.name], column, table.name, copied + index + 1)),
    );
    await target.query(insert, values);
    copied += rows.length;
    after = rows[rows.length - 1]!.__rowid as number;
    onProgress?.({ kind: "table", table: table.name, copied, total });
  }
  return copied;
}

/** One SQLite value as the target column's type expects it. */
export function convert(value: unknown, column: TargetColumn, table: string, row: number): unknown {
  if (value === null || value === undefined) return null;
  const where = () => `${table}.${column.name} (row ${row})`;
  switch (column.type) {
    case "bool":
      if (value === 0 || value === 1 || value === 0n || value === 1n) return Number(value) === 1;
      if (value === "true" || value === "false") return value === "true";
      throw new CopyError(`${where()}: ${JSON.stringify(value)} is not a boolean (0 or 1)`);
    case "timestamp":
    case "timestamptz":
    case "date":
      return timestampText(value, where);
    case "int2":
    case "int4":
    case "int8":
    case "float4":
    case "float8":
    case "numeric":
      if (typeof value === "number" || typeof value === "bigint") return value;
      if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return value;
      throw new CopyError(`${where()}: ${JSON.stringify(value)} is not a number`);
    case "bytea":
      return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
    default:
      // text, varchar, json and jsonb: the text as stored (PostgreSQL checks JSON on insert).
      return Buffer.isBuffer(value) ? value.toString("utf8") : String(value);
  }
}

/**
 * Prisma's SQLite adapter writes dates as ISO text with an offset; SQLite's CURRENT_TIMESTAMP
 * (the migrations' defaults) writes `YYYY-MM-DD HH:MM:SS` in UTC; Prisma's older engine wrote
 * milliseconds since 1970. All become a UTC ISO string, which a `timestamp` column (Prisma's
 * DateTime on PostgreSQL, UTC without a zone) takes as the UTC wall time.
 */
function timestampText(value: unknown, where: () => string): string {
  let date: Date;
  if (typeof value === "number" || typeof value === "bigint") date = new Date(Number(value));
  else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value))
    date = new Date(`${value.replace(" ", "T")}Z`);
  else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value))
    date = new Date(/T.*(Z|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes("T") ? value : `${value}Z`);
  else throw new CopyError(`${where()}: ${JSON.stringify(value)} is not a date`);
  if (Number.isNaN(date.getTime())) throw new CopyError(`${where()}: ${JSON.stringify(value)} is not a date`);
  return date.toISOString();
}

async function verifyCounts(source: Database.Database, target: pg.Client, copied: CopyResult["tables"]) {
  const mismatches: string[] = [];
  for (const { table } of copied) {
    const inSource = (source.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const { rows } = await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${pg.escapeIdentifier(table)}`);
    const inTarget = Number(rows[0]!.n);
    if (inSource !== inTarget) mismatches.push(`${table}: ${inSource} in the source, ${inTarget} in the target`);
  }
  if (mismatches.length > 0) throw new CopyError(`row counts differ, nothing was kept:\n  ${mismatches.join("\n  ")}`);
}

/** Moves every serial/identity sequence past the largest copied id, so new rows get fresh ids. */
async function resetSequences(target: pg.Client, tables: TargetTable[]): Promise<string[]> {
  const reset: string[] = [];
  for (const table of tables) {
    for (const column of table.columns) {
      const { rows } = await target.query<{ sequence: string | null }>(
        "SELECT pg_get_serial_sequence($1, $2) AS sequence",
        [pg.escapeIdentifier(table.name), column.name],
      );
      const sequence = rows[0]?.sequence;
      if (!sequence) continue;
      // is_called = false: the next value is max + 1 (or 1 for an empty table).
      await target.query(
        `SELECT setval($1, COALESCE((SELECT max(${pg.escapeIdentifier(column.name)}) FROM ${pg.escapeIdentifier(table.name)}), 0) + 1, false)`,
        [sequence],
      );
      reset.push(`${table.name}.${column.name}`);
    }
  }
  return reset;
}
