import type { PrismaClient } from "@prisma/client";
import { describe, expect, it } from "vitest";

import { useTestDatabase } from "../../tests/setup/use-test-database";
import { monthOf } from "./month";
import { sqlAmsterdamMonth } from "./sql.server";

const database = useTestDatabase();
const db = () => database.prisma;

describe("sqlAmsterdamMonth", () => {
  it("agrees with monthOf around every month start, in ISO text and epoch milliseconds", async () => {
    const instants: Date[] = [];
    for (let year = 2024; year <= 2031; year++) {
      for (let month = 0; month < 12; month++) {
        const start = Date.UTC(year, month, 1);
        for (const hours of [-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 12])
          instants.push(new Date(start + hours * 3_600_000));
      }
    }
    const rows = await monthsFromSql(db(), instants);
    expect(rows.text).toEqual(instants.map(monthOf));
    expect(rows.epoch).toEqual(instants.map(monthOf));
  });
});

async function monthsFromSql(prisma: PrismaClient, instants: Date[]) {
  const text: number[] = [];
  const epoch: number[] = [];
  for (const instant of instants) {
    const [row] = await prisma.$queryRawUnsafe<Array<{ a: number | bigint; b: number | bigint }>>(
      `SELECT ${sqlAmsterdamMonth("x.iso")} AS a, ${sqlAmsterdamMonth("x.ms")} AS b FROM (SELECT ? AS iso, ? AS ms) x`,
      instant.toISOString().replace("Z", "+00:00"),
      instant.getTime(),
    );
    text.push(Number(row!.a));
    epoch.push(Number(row!.b));
  }
  return { text, epoch };
}
