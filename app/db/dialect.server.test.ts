import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";

import { testDatabaseProvider } from "../../tests/setup/temp-db";
import { useTestDatabase } from "../../tests/setup/use-test-database";

import { createPrismaClient } from "./client.server";
import { dialectOf, providerOf } from "./dialect.server";

// Runs on the provider the suite runs on: SQLite by default, PostgreSQL under npm run test:pg.
const database = useTestDatabase();

async function matchingNames(where: (d: ReturnType<typeof dialectOf>) => Prisma.Sql): Promise<string[]> {
  const rows = await database.prisma.$queryRaw<{ name: string }[]>`
    SELECT name FROM "Organisation" WHERE ${where(dialectOf(database.prisma))} ORDER BY name`;
  return rows.map((row) => row.name);
}

describe("the SQL dialect", () => {
  it("knows the provider of a client and of an interactive transaction's client", async () => {
    expect(providerOf(database.prisma)).toBe(testDatabaseProvider());
    const inside = await database.prisma.$transaction(async (tx) => providerOf(tx));
    expect(inside).toBe(testDatabaseProvider());
    expect(() => providerOf({} as never)).toThrow(/unsupported database provider/);
  });

  it("finds a substring literally: % and _ are plain characters, and position 0 means absent", async () => {
    await database.prisma.organisation.createMany({
      data: [
        { name: "50% korting", sector: "bank" },
        { name: "500 korting", sector: "bank" },
        { name: "a_b", sector: "care" },
        { name: "axb", sector: "care" },
      ],
    });
    const { textPosition } = dialectOf(database.prisma);
    expect(await matchingNames(() => Prisma.sql`${textPosition(Prisma.sql`name`, "0%")} > 0`)).toEqual(["50% korting"]);
    expect(await matchingNames(() => Prisma.sql`${textPosition(Prisma.sql`name`, "_")} > 0`)).toEqual(["a_b"]);
    const [row] = await database.prisma.$queryRaw<{ at: number | bigint }[]>`
      SELECT ${textPosition(Prisma.sql`'abcabc'`, "ca")} AS at`;
    expect(Number(row?.at)).toBe(3);
  });

  it("compares ASCII case-insensitively on both databases", async () => {
    await database.prisma.organisation.createMany({
      data: [
        { name: "Demo", sector: "bank", joinCode: "VOORBEELD" },
        { name: "Other", sector: "bank", joinCode: "ANDERS" },
      ],
    });
    expect(await matchingNames((d) => d.equalsIgnoringCase(Prisma.sql`"joinCode"`, "voorBEELD"))).toEqual(["Demo"]);
    expect(await matchingNames((d) => d.equalsIgnoringCase(Prisma.sql`"joinCode"`, "voorbeel"))).toEqual([]);
  });
});

/** The Europe/Amsterdam month of an instant as yyyymm, by the platform's time-zone data. */
function amsterdamMonthOf(instant: Date): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit" })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return Number(`${parts.year}${parts.month}`);
}

/** Cohorts (the table with two nullable instants) with the given deadlines and closing times. */
async function cohortsWith(times: Array<{ deadline: Date; closedAt?: Date }>): Promise<string[]> {
  const organisation = await database.prisma.organisation.create({ data: { name: "Org", sector: "bank" } });
  const ids = times.map((_, index) => `c${String(index).padStart(5, "0")}`);
  await database.prisma.cohort.createMany({
    data: times.map((time, index) => ({
      id: ids[index]!,
      organisationId: organisation.id,
      name: `Cohort ${index}`,
      joinCode: `CODE${index}`,
      deadline: time.deadline,
      closedAt: time.closedAt ?? null,
    })),
  });
  return ids;
}

/** SQLite rows written by a bulk loader hold epoch milliseconds instead of Prisma's ISO text. */
async function asEpochMilliseconds(column: "deadline" | "closedAt"): Promise<void> {
  const rows = await database.prisma.cohort.findMany({ select: { id: true, deadline: true, closedAt: true } });
  for (const row of rows) {
    const value = row[column];
    if (value === null) continue;
    await database.prisma
      .$executeRaw`UPDATE "Cohort" SET ${Prisma.raw(`"${column}"`)} = ${value.getTime()} WHERE "id" = ${row.id}`;
  }
}

describe("the SQL dialect's instants", () => {
  const onSqlite = testDatabaseProvider() === "sqlite";
  const instants: Date[] = [];
  for (let year = 2024; year <= 2031; year++) {
    for (let month = 0; month < 12; month++) {
      const start = Date.UTC(year, month, 1);
      for (const hours of [-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 12])
        instants.push(new Date(start + hours * 3_600_000));
    }
  }

  async function monthsFromSql(): Promise<number[]> {
    const { amsterdamMonth } = dialectOf(database.prisma);
    const rows = await database.prisma.$queryRaw<{ month: number | bigint }[]>`
      SELECT ${amsterdamMonth(Prisma.sql`"deadline"`)} AS "month" FROM "Cohort" ORDER BY "id"`;
    return rows.map((row) => Number(row.month));
  }

  it("reads the Europe/Amsterdam month around every month start and clock change", async () => {
    await cohortsWith(instants.map((deadline) => ({ deadline })));
    expect(await monthsFromSql()).toEqual(instants.map(amsterdamMonthOf));
  });

  it.runIf(onSqlite)("reads the month of SQLite instants stored as epoch milliseconds", async () => {
    await cohortsWith(instants.map((deadline) => ({ deadline })));
    await asEpochMilliseconds("deadline");
    expect(await monthsFromSql()).toEqual(instants.map(amsterdamMonthOf));
  });

  async function checkInstantArithmetic() {
    const d = dialectOf(database.prisma);
    // The stored instant copied into another DateTime column reads back as the same Date.
    await database.prisma.$executeRaw`UPDATE "Cohort" SET "createdAt" = ${d.instant(Prisma.sql`"deadline"`)}`;
    const cohorts = await database.prisma.cohort.findMany({ orderBy: { id: "asc" } });
    expect(cohorts.map((cohort) => cohort.createdAt.toISOString())).toEqual(
      cohorts.map((cohort) => cohort.deadline?.toISOString()),
    );
    const at = new Date("2026-03-29T01:30:00.000Z");
    const rows = await database.prisma.$queryRaw<{ id: string; minutes: number | bigint; before: unknown }[]>`
      SELECT "id", ${d.minutesBetween(Prisma.sql`"deadline"`, Prisma.sql`"closedAt"`)} AS "minutes",
        CASE WHEN ${d.instantBefore(Prisma.sql`"deadline"`, at)} THEN 1 ELSE 0 END AS "before"
      FROM "Cohort" ORDER BY "id"`;
    return rows.map((row) => [Number(row.minutes), Number(row.before)]);
  }

  const arithmetic = [
    // 90 minutes across the spring clock change, 29.5 minutes rounded up, a negative span as 0.
    { deadline: new Date("2026-03-29T00:30:00.000Z"), closedAt: new Date("2026-03-29T02:00:00.000Z") },
    { deadline: new Date("2026-03-29T01:30:00.000Z"), closedAt: new Date("2026-03-29T01:59:30.000Z") },
    { deadline: new Date("2026-05-01T10:00:00.000Z"), closedAt: new Date("2026-05-01T09:00:00.000Z") },
  ];
  const expected = [
    [90, 1],
    [30, 0],
    [0, 0],
  ];

  it("copies instants, counts minutes between them and compares them with a Date", async () => {
    await cohortsWith(arithmetic);
    expect(await checkInstantArithmetic()).toEqual(expected);
  });

  it.runIf(onSqlite)("does the same for SQLite instants stored as epoch milliseconds", async () => {
    await cohortsWith(arithmetic);
    await asEpochMilliseconds("deadline");
    await asEpochMilliseconds("closedAt");
    expect(await checkInstantArithmetic()).toEqual(expected);
  });
});

describe("the SQL dialect's aggregates and JSON", () => {
  it("joins text in order, takes the greater number, and reads JSON arrays held as text", async () => {
    await database.prisma.organisation.createMany({
      data: [
        { name: '{"options": [1, 2, 3]}', sector: "b" },
        { name: "[3, 0, 12]", sector: "a" },
        { name: "[]", sector: "c" },
      ],
    });
    const d = dialectOf(database.prisma);
    const [joined] = await database.prisma.$queryRaw<{ sorted: string; any: string; greater: number | bigint }[]>`
      SELECT ${d.joinText(Prisma.sql`"sector"`, ";", Prisma.sql`"sector"`)} AS "sorted",
        ${d.joinText(Prisma.sql`nullif("sector", 'c')`, ",")} AS "any",
        ${d.greatest(Prisma.sql`count(*)`, Prisma.sql`2`)} AS "greater"
      FROM "Organisation"`;
    expect(joined?.sorted).toBe("a;b;c");
    expect(joined?.any.split(",").sort()).toEqual(["a", "b"]);
    expect(Number(joined?.greater)).toBe(3);

    const elements = await database.prisma.$queryRaw<{ value: string }[]>`
      SELECT j."value" AS "value" FROM "Organisation" o ${d.orderedJoin} ${d.jsonArrayElements(Prisma.sql`o."name"`, "j")} ON TRUE
      WHERE o."sector" = 'a'`;
    expect(elements.map((row) => Number(row.value)).sort((a, b) => a - b)).toEqual([0, 3, 12]);

    const [read] = await database.prisma.$queryRaw<
      { length: number | bigint; second: number; missing: number | null }[]
    >`
      SELECT (SELECT ${d.jsonArrayLength(Prisma.sql`"name"`, "options")} FROM "Organisation" WHERE "sector" = 'b') AS "length",
        (SELECT ${d.jsonArrayNumber(Prisma.sql`"name"`, 2)} FROM "Organisation" WHERE "sector" = 'a') AS "second",
        (SELECT ${d.jsonArrayNumber(Prisma.sql`"name"`, 1)} FROM "Organisation" WHERE "sector" = 'c') AS "missing"`;
    expect(Number(read?.length)).toBe(3);
    expect(Number(read?.second)).toBe(12);
    expect(read?.missing).toBeNull();
  });
});

describe("the SQL dialect's transaction locks", () => {
  it("holds a key until the transaction ends: another connection cannot take it meanwhile", async () => {
    const other = createPrismaClient(database.url);
    try {
      const keys = ["reports:b", "reports:a", "reports:a"];
      const heldElsewhere = async () => {
        if (testDatabaseProvider() === "sqlite") return false; // writers take turns on the whole file
        const [row] = await other.$queryRaw<{ free: boolean }[]>`
          SELECT pg_try_advisory_xact_lock(hashtextextended(${"reports:a"}::text, 0)) AS "free"`;
        return row?.free === false;
      };
      const during = await database.prisma.$transaction(async (tx) => {
        await dialectOf(tx).lockForTransaction(tx, keys);
        return heldElsewhere();
      });
      expect(during).toBe(testDatabaseProvider() === "postgresql");
      expect(await heldElsewhere()).toBe(false);
    } finally {
      await other.$disconnect();
    }
  });
});
