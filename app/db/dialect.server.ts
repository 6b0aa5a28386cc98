import { Prisma, type PrismaClient } from "@prisma/client";

import type { DatabaseProvider } from "../../prisma/providers";

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The provider behind a client or an interactive transaction's client. Prisma keeps the generated
 * client's datasource provider on both (an internal field, checked on each provider by
 * app/db/dialect.server.test.ts).
 */
export function providerOf(db: Db): DatabaseProvider {
  const provider = (db as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite" || provider === "postgresql") return provider;
  throw new Error(`unsupported database provider: ${String(provider)}`);
}

/**
 * The few SQL fragments that differ between SQLite and PostgreSQL, for the queries Prisma's query
 * API cannot express. Everything else in raw SQL is written to run on both: identifiers in double
 * quotes (PostgreSQL folds unquoted ones to lower case), dates passed as Date parameters (each
 * adapter writes them the way its database stores them), counts read through Number(), booleans
 * compared with TRUE/FALSE, sums of conditions written as CASE (PostgreSQL sums no booleans),
 * COALESCE(SUM(x), 0) for SQLite's total(), every selected column either grouped or aggregated,
 * and upserts as INSERT ... ON CONFLICT ... DO UPDATE.
 */
export interface SqlDialect {
  /**
   * 1-based position of `needle` in `haystack`, 0 when absent: a literal substring test, where
   * LIKE (Prisma's `contains` on SQLite) would treat "%" and "_" as wildcards.
   */
  textPosition(haystack: Prisma.Sql, needle: string): Prisma.Sql;
  /** `column = value`, ASCII letters compared case-insensitively. */
  equalsIgnoringCase(column: Prisma.Sql, value: string): Prisma.Sql;
  /**
   * An inner join that keeps the order the query is written in: SQLite's CROSS JOIN, which its
   * planner never reorders (it takes no ON clause on PostgreSQL, whose planner needs no hint).
   */
  readonly orderedJoin: Prisma.Sql;
  /**
   * A stored instant as a value to write to another DateTime column. SQLite rows hold Prisma's
   * ISO text, or epoch milliseconds when a bulk loader wrote them: both come out as the ISO text.
   */
  instant(column: Prisma.Sql): Prisma.Sql;
  /** `column < at` for a stored instant (either SQLite form) and a Date. */
  instantBefore(column: Prisma.Sql, at: Date): Prisma.Sql;
  /** Whole minutes from one stored instant to a later one, rounded, never below 0. */
  minutesBetween(start: Prisma.Sql, end: Prisma.Sql): Prisma.Sql;
  /** The Europe/Amsterdam calendar month of a stored instant as an integer yyyymm (month.ts monthOf). */
  amsterdamMonth(column: Prisma.Sql): Prisma.Sql;
  /** The larger of two numbers. */
  greatest(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql;
  /** Aggregate: the non-null values as text joined by `separator`, in `orderBy` order when given. */
  joinText(value: Prisma.Sql, separator: string, orderBy?: Prisma.Sql): Prisma.Sql;
  /** A table (for FROM / JOIN) of the elements of a JSON array held as text, in text column `value`. */
  jsonArrayElements(json: Prisma.Sql, alias: string): Prisma.Sql;
  /** Length of the JSON array under `key` of a JSON object held as text; null when absent. */
  jsonArrayLength(json: Prisma.Sql, key: string): Prisma.Sql;
  /** Element `index` of a JSON array of numbers held as text, as a number; null when absent. */
  jsonArrayNumber(json: Prisma.Sql, index: number): Prisma.Sql;
  /**
   * Takes exclusive locks on `keys` until the transaction `tx` ends, in sorted order so two
   * callers never deadlock. PostgreSQL: transaction-level advisory locks. SQLite: nothing to do,
   * since its writers already take turns on the whole database.
   */
  lockForTransaction(tx: Db, keys: string[]): Promise<void>;
}

/**
 * SQLite instants: Prisma writes DateTime columns as ISO text ("2026-03-01T09:00:00.000+00:00");
 * bulk loaders written against better-sqlite3 may write epoch milliseconds. Both are read as a
 * Julian day number, so every query agrees on time.
 */
function sqliteJulianDay(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN typeof(${column}) IN ('integer', 'real') THEN ${column} / 86400000.0 + 2440587.5 ELSE julianday(${column}) END)`;
}

/**
 * True when the column holds Prisma's ISO text in UTC. SQLite's date functions cost microseconds
 * per call, which adds up over hundreds of thousands of rows, so that common case is handled with
 * plain string operations.
 */
function sqlitePrismaUtcText(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(typeof(${column}) = 'text' AND length(${column}) = 29 AND substr(${column}, 24) = '+00:00')`;
}

/**
 * A month starts at Amsterdam midnight, which is 22:00 UTC the day before for April to October
 * (summer time) and 23:00 UTC otherwise: the EU clock changes fall on the last Sundays of March
 * and October, never within hours of a month's start. So an instant whose UTC+1 and UTC+2
 * readings fall in different months belongs to the later month exactly when that month starts in
 * summer time. SQLite has no time zones, hence this arithmetic.
 */
function sqliteAmsterdamMonth(column: Prisma.Sql): Prisma.Sql {
  const day = sqliteJulianDay(column);
  const plusOne = Prisma.sql`strftime('%Y%m', ${day} + 1 / 24.0)`;
  const plusTwo = Prisma.sql`strftime('%Y%m', ${day} + 2 / 24.0)`;
  const exact = Prisma.sql`CAST(CASE WHEN ${plusOne} = ${plusTwo} OR CAST(substr(${plusTwo}, 5, 2) AS INTEGER) BETWEEN 4 AND 10 THEN ${plusTwo} ELSE ${plusOne} END AS INTEGER)`;
  // Before 22:00 UTC the Amsterdam date is the UTC date, so the month can be read off the text.
  const fast = Prisma.sql`CAST(substr(${column}, 1, 4) || substr(${column}, 6, 2) AS INTEGER)`;
  return Prisma.sql`(CASE WHEN ${sqlitePrismaUtcText(column)} AND substr(${column}, 12, 2) < '22' THEN ${fast} ELSE ${exact} END)`;
}

const SQLITE: SqlDialect = {
  textPosition: (haystack, needle) => Prisma.sql`instr(${haystack}, ${needle})`,
  equalsIgnoringCase: (column, value) => Prisma.sql`${column} = ${value} COLLATE NOCASE`,
  orderedJoin: Prisma.sql`CROSS JOIN`,
  instant: (column) =>
    Prisma.sql`(CASE WHEN ${sqlitePrismaUtcText(column)} THEN ${column} ELSE strftime('%Y-%m-%dT%H:%M:%f+00:00', ${sqliteJulianDay(column)}) END)`,
  instantBefore: (column, at) => Prisma.sql`${sqliteJulianDay(column)} < julianday(${at.toISOString()})`,
  minutesBetween: (start, end) =>
    Prisma.sql`max(0, CAST(round((${sqliteJulianDay(end)} - ${sqliteJulianDay(start)}) * 1440) AS INTEGER))`,
  amsterdamMonth: sqliteAmsterdamMonth,
  greatest: (a, b) => Prisma.sql`max(${a}, ${b})`,
  joinText: (value, separator, orderBy) =>
    orderBy === undefined
      ? Prisma.sql`group_concat(${value}, ${Prisma.raw(sqlString(separator))})`
      : Prisma.sql`group_concat(${value}, ${Prisma.raw(sqlString(separator))} ORDER BY ${orderBy})`,
  jsonArrayElements: (json, alias) => Prisma.sql`json_each(${json}) ${Prisma.raw(quoteIdentifier(alias))}`,
  jsonArrayLength: (json, key) => Prisma.sql`json_array_length(${json}, ${Prisma.raw(sqlString(`$.${key}`))})`,
  jsonArrayNumber: (json, index) =>
    Prisma.sql`json_extract(${json}, ${Prisma.raw(sqlString(`$[${arrayIndex(index)}]`))})`,
  lockForTransaction: async () => {},
};

const POSTGRESQL: SqlDialect = {
  // strpos takes text; the parameter's type is otherwise unknown to PostgreSQL.
  textPosition: (haystack, needle) => Prisma.sql`strpos(${haystack}, ${needle}::text)`,
  equalsIgnoringCase: (column, value) => Prisma.sql`lower(${column}) = lower(${value}::text)`,
  orderedJoin: Prisma.sql`JOIN`,
  instant: (column) => column,
  // Prisma stores instants as UTC in timestamp columns, and sends a Date as such a timestamp.
  instantBefore: (column, at) => Prisma.sql`${column} < ${at}::timestamp`,
  minutesBetween: (start, end) =>
    Prisma.sql`GREATEST(0, CAST(round(EXTRACT(EPOCH FROM (${end} - ${start})) / 60) AS INTEGER))`,
  amsterdamMonth: (column) =>
    Prisma.sql`CAST(to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Amsterdam', 'YYYYMM') AS INTEGER)`,
  greatest: (a, b) => Prisma.sql`GREATEST(${a}, ${b})`,
  joinText: (value, separator, orderBy) =>
    orderBy === undefined
      ? Prisma.sql`string_agg(CAST(${value} AS TEXT), ${Prisma.raw(sqlString(separator))})`
      : Prisma.sql`string_agg(CAST(${value} AS TEXT), ${Prisma.raw(sqlString(separator))} ORDER BY ${orderBy})`,
  jsonArrayElements: (json, alias) =>
    Prisma.sql`jsonb_array_elements_text(CAST(${json} AS jsonb)) AS ${Prisma.raw(quoteIdentifier(alias))}("value")`,
  jsonArrayLength: (json, key) =>
    Prisma.sql`jsonb_array_length(CAST(${json} AS jsonb) -> ${Prisma.raw(sqlString(key))})`,
  jsonArrayNumber: (json, index) =>
    Prisma.sql`CAST(CAST(${json} AS jsonb) ->> ${Prisma.raw(String(arrayIndex(index)))} AS DOUBLE PRECISION)`,
  lockForTransaction: async (tx, keys) => {
    // Taken one by one: the sorted order is what keeps two transactions from deadlocking.
    for (const key of [...new Set(keys)].sort()) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}::text, 0))`;
    }
  },
};

/** A constant as an SQL string literal (for the few places a constant, not a parameter, is needed). */
function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an SQL identifier: ${name}`);
  return `"${name}"`;
}

function arrayIndex(index: number): number {
  if (!Number.isInteger(index) || index < 0) throw new Error(`not an array index: ${index}`);
  return index;
}

export function dialectOf(db: Db): SqlDialect {
  return providerOf(db) === "sqlite" ? SQLITE : POSTGRESQL;
}
