import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";

import { testDatabaseProvider } from "../../tests/setup/temp-db";
import { useTestDatabase } from "../../tests/setup/use-test-database";

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
