import { z } from "zod";

import { jsonColumn } from "~/db/json-column";
import type { Db } from "~/db/types";

import {
  parseRuntimeSettings,
  passRuleFor,
  requiresPass,
  runtimeVersion,
  scoProgress,
  scoSatisfied,
  type ScoProgress,
} from "./rules";
import { parsePrerequisites, prerequisitesMet, referencedItems, type LessonStatus } from "./prerequisites";
import { sequencedModuleResult } from "./sequencing/learner.server";

export interface ScormModuleResult {
  /** Every SCO of the table of contents is done (see scoSatisfied). */
  done: boolean;
  /** Mean score (0–100) over the SCOs that had to be passed; null when none had to be. */
  percent: number | null;
}

/** The SCORM half of the completion rule (app/learning/completion.server.ts). */
export async function scormModuleResult(
  db: Db,
  { userId, moduleId }: { userId: string; moduleId: string },
): Promise<ScormModuleResult> {
  // A sequenced SCORM 2004 package is done when its root activity's rollup says so, never
  // merely because every visible SCO was opened (SN 4.6).
  const sequenced = await sequencedModuleResult(db, { userId, moduleId });
  if (sequenced) return { done: sequenced.done, percent: sequenced.percent };
  const scos = await scormScoStates(db, { userId, moduleIds: [moduleId] });
  const own = scos.get(moduleId) ?? [];
  if (own.length === 0) return { done: false, percent: null };
  const done = own.every((sco) => sco.satisfied);
  const scored = own.filter((sco) => sco.passRequired && sco.scoreScaled !== null).map((sco) => sco.scoreScaled!);
  const percent = scored.length > 0 ? Math.round((scored.reduce((sum, s) => sum + s, 0) / scored.length) * 100) : null;
  return { done, percent };
}

export interface ScoState {
  id: string;
  title: string;
  kind: string;
  status: ScoProgress;
  satisfied: boolean;
  passRequired: boolean;
  scoreScaled: number | null;
  /** When the learner last worked in it; null when never opened. */
  lastActivityAt: Date | null;
  /**
   * SCORM 1.2 prerequisites (adlcp:prerequisites) that do not hold yet: the titles of the parts
   * the expression names that are not done, for "opens after …". Null when it may be opened.
   */
  waitsFor: string[] | null;
  /** Titles of the chapters (enclosing manifest items) it sits in, outermost first. */
  parents: string[];
}

const parentsColumn = jsonColumn(z.array(z.string()), []);

/** The learner's state of every SCO (table-of-contents order) of the given SCORM modules. */
export async function scormScoStates(
  db: Db,
  { userId, moduleIds }: { userId: string | null; moduleIds: string[] },
): Promise<Map<string, ScoState[]>> {
  const packages = await db.scormPackage.findMany({
    where: { moduleId: { in: moduleIds } },
    select: {
      moduleId: true,
      version: true,
      module: { select: { passMark: true } },
      scos: {
        // Hidden items (isvisible="false") are not in the table of contents.
        where: { visible: true },
        orderBy: { position: "asc" },
        select: {
          id: true,
          itemId: true,
          title: true,
          parents: true,
          scormType: true,
          runtime: true,
          attempts: {
            where: { userId: userId ?? undefined },
            take: userId ? 1 : 0,
            select: { completion: true, success: true, sessions: true, scoreScaled: true, updatedAt: true },
          },
        },
      },
    },
  });
  const result = new Map<string, ScoState[]>();
  for (const pkg of packages) {
    const version = runtimeVersion(pkg.version);
    const states: ScoState[] = pkg.scos.map((sco) => {
      const rule = passRuleFor(version, parseRuntimeSettings(sco.runtime), pkg.module.passMark);
      const attempt = sco.attempts[0] ?? null;
      return {
        id: sco.id,
        title: sco.title,
        kind: sco.scormType,
        status: scoProgress(attempt, rule, sco.scormType),
        satisfied: scoSatisfied(attempt, rule, sco.scormType),
        passRequired: requiresPass(rule) && sco.scormType !== "asset",
        scoreScaled: attempt?.scoreScaled ?? null,
        lastActivityAt: attempt && attempt.sessions > 0 ? attempt.updatedAt : null,
        waitsFor: null,
        parents: parentsColumn.parse(sco.parents),
      };
    });
    if (version === "1.2" && userId) applyPrerequisites(pkg.scos, states);
    result.set(pkg.moduleId, states);
  }
  return result;
}

/**
 * SCORM 1.2 prerequisites (CAM 1.2 2.3.2.5.1) over the learner's lesson statuses. An expression
 * that cannot be evaluated — not valid aicc_script (the import warns about it), or naming an item
 * that is not a SCO or asset of the package, such as a block — never locks a part: a learner must
 * never be left with a module they cannot finish.
 */
function applyPrerequisites(
  scos: readonly {
    itemId: string;
    runtime: string;
    attempts: readonly { completion: string; success: string; sessions: number }[];
  }[],
  states: ScoState[],
): void {
  const statusByItem = new Map<string, LessonStatus>();
  const titleByItem = new Map<string, string>();
  scos.forEach((sco, index) => {
    statusByItem.set(sco.itemId, lessonStatus(sco.attempts[0] ?? null));
    titleByItem.set(sco.itemId, states[index]!.title);
  });
  scos.forEach((sco, index) => {
    const expression = parsePrerequisites(parseRuntimeSettings(sco.runtime).prerequisites);
    if (!expression) return;
    const items = referencedItems(expression);
    if (!items.every((item) => statusByItem.has(item))) return;
    if (prerequisitesMet(expression, (item) => statusByItem.get(item)!)) return;
    const notDone = items.filter((item) => !["passed", "completed"].includes(statusByItem.get(item)!));
    states[index]!.waitsFor = (notDone.length > 0 ? notDone : items).map((item) => titleByItem.get(item)!);
  });
}

/**
 * The 1.2 lesson status a stored attempt stands for. "browsed" is stored as incomplete (the
 * platform does not offer browse mode), so a prerequisite on "browsed" reads it as incomplete.
 */
function lessonStatus(attempt: { completion: string; success: string; sessions: number } | null): LessonStatus {
  if (!attempt) return "not attempted";
  if (attempt.success === "passed") return "passed";
  if (attempt.success === "failed") return "failed";
  if (attempt.completion === "completed") return "completed";
  return attempt.sessions > 0 || attempt.completion === "incomplete" ? "incomplete" : "not attempted";
}

/**
 * Where "continue" leads: the SCO last worked in if not done, else the first one not done that
 * may be opened, else the first.
 */
export function resumeScoId(scos: readonly ScoState[]): string | null {
  const last = scos
    .filter((sco) => sco.lastActivityAt !== null)
    .sort((a, b) => b.lastActivityAt!.getTime() - a.lastActivityAt!.getTime())[0];
  if (last && !last.satisfied && last.waitsFor === null) return last.id;
  return (scos.find((sco) => !sco.satisfied && sco.waitsFor === null) ?? scos[0])?.id ?? null;
}

export function fractionDone(scos: readonly ScoState[]): number {
  return scos.length === 0 ? 0 : scos.filter((sco) => sco.satisfied).length / scos.length;
}
