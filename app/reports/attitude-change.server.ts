import type { PrismaClient } from "@prisma/client";

import { localText } from "~/assessment/view";
import type { Locale } from "~/domain/constants";
import type { OrganisationScope } from "~/auth/scope.server";

import type { ReportFilter } from "./filter";
import { MIN_GROUP_SIZE, num, rollupWhere } from "./report-query.server";

/**
 * Attitude change per survey item: the mean before and after answer over learners who gave
 * both (from AttitudeRollup). Items with fewer than MIN_GROUP_SIZE pairs are suppressed.
 */

export interface AttitudeRow {
  itemId: string;
  text: string;
  /** Agreeing is the stigmatising answer; the means are on the scale as answered, not flipped. */
  reverse: boolean;
  pairs: number;
  suppressed: boolean;
  before: number | null;
  after: number | null;
  change: number | null;
}

export async function getAttitudeChange(
  db: PrismaClient,
  scope: OrganisationScope,
  filter: ReportFilter,
  opts: { locale: Locale },
): Promise<AttitudeRow[]> {
  const where = rollupWhere(scope, filter, { period: true });
  const sums = await db.$queryRaw<
    Array<{ itemId: string; pairs: number | bigint; beforeSum: number | bigint; afterSum: number | bigint }>
  >`
    SELECT r."itemId" AS "itemId", sum(r."pairs") AS "pairs", sum(r."beforeSum") AS "beforeSum", sum(r."afterSum") AS "afterSum"
     FROM "AttitudeRollup" r WHERE ${where} GROUP BY r."itemId"`;
  const sumsByItem = new Map(sums.map((row) => [row.itemId, row]));
  const surveyKey =
    filter.moduleId === null
      ? null
      : ((await db.module.findUnique({ where: { id: filter.moduleId }, select: { surveyKey: true } }))?.surveyKey ??
        null);
  const items = await db.surveyItem.findMany({
    where: {
      OR: [{ id: { in: [...sumsByItem.keys()] } }, ...(surveyKey === null ? [] : [{ surveyKey, archived: false }])],
    },
    orderBy: [{ surveyKey: "asc" }, { position: "asc" }, { id: "asc" }],
    select: { id: true, reverse: true, text: true },
  });
  return items.map((item): AttitudeRow => {
    const sum = sumsByItem.get(item.id);
    const pairs = num(sum?.pairs ?? 0);
    const suppressed = pairs < MIN_GROUP_SIZE;
    const before = suppressed || !sum ? null : num(sum.beforeSum) / pairs;
    const after = suppressed || !sum ? null : num(sum.afterSum) / pairs;
    return {
      itemId: item.id,
      text: localText(JSON.parse(item.text) as Record<string, string>, opts.locale),
      reverse: item.reverse,
      pairs,
      suppressed,
      before,
      after,
      change: before === null || after === null ? null : after - before,
    };
  });
}
