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
}

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
          title: true,
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
    result.set(
      pkg.moduleId,
      pkg.scos.map((sco) => {
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
        };
      }),
    );
  }
  return result;
}

/** Where "continue" leads: the SCO last worked in if not done, else the first one not done, else the first. */
export function resumeScoId(scos: readonly ScoState[]): string | null {
  const last = scos
    .filter((sco) => sco.lastActivityAt !== null)
    .sort((a, b) => b.lastActivityAt!.getTime() - a.lastActivityAt!.getTime())[0];
  if (last && !last.satisfied) return last.id;
  return (scos.find((sco) => !sco.satisfied) ?? scos[0])?.id ?? null;
}

export function fractionDone(scos: readonly ScoState[]): number {
  return scos.length === 0 ? 0 : scos.filter((sco) => sco.satisfied).length / scos.length;
}
