/**
 * The platform's rules for SCORM content, pure: which run-time version a package plays with, the
 * pass rule a SCO is held to (the package's own or the admin's mastery override), what the SCO is
 * told at launch, and when a SCO counts as done for module completion.
 */
import { z } from "zod";

import { jsonColumn } from "~/db/json-column";

import { TIME_LIMIT_ACTIONS } from "./runtime/datamodel-12";
import type { LaunchContext, TimeLimitAction } from "./runtime/state";
import { centisToSeconds, parseDuration } from "./runtime/time";
import type { ScormVersion as RuntimeVersion } from "./runtime/types";
import type { ScormRuntimeSettings } from "./package/manifest.server";

/** "1.2" | "2004-2nd" | "2004-3rd" | "2004-4th" (ScormPackage.version) → the run-time's version. */
export function runtimeVersion(packageVersion: string): RuntimeVersion {
  return packageVersion === "1.2" ? "1.2" : "2004";
}

/** ScormSco.runtime, read defensively: a missing or odd field means "not set". */
// Each reader of a field checks its type, so any JSON object passes here.
const runtimeSettingsColumn = jsonColumn(z.record(z.unknown()), {});

export function parseRuntimeSettings(json: string): Partial<ScormRuntimeSettings> {
  return runtimeSettingsColumn.parse(json) as Partial<ScormRuntimeSettings>;
}

export interface PassRule {
  /** SCORM 1.2 cmi.student_data.mastery_score, 0..100. */
  masteryScore: number | null;
  /** SCORM 2004 cmi.scaled_passing_score, -1..1. */
  scaledPassingScore: number | null;
}

/**
 * The pass rule a SCO is held to. `masteryPercent` is the admin's override (Module.passMark; 0 =
 * none): it replaces the manifest's mastery score (1.2) or passing score (2004). Without an
 * override the package's own values apply.
 */
export function passRuleFor(
  version: RuntimeVersion,
  runtime: Partial<ScormRuntimeSettings>,
  masteryPercent: number,
): PassRule {
  if (masteryPercent > 0) {
    return version === "1.2"
      ? { masteryScore: masteryPercent, scaledPassingScore: null }
      : { masteryScore: null, scaledPassingScore: masteryPercent / 100 };
  }
  return version === "1.2"
    ? { masteryScore: numberIn(runtime.masteryScore, 0, 100), scaledPassingScore: null }
    : { masteryScore: null, scaledPassingScore: numberIn(runtime.scaledPassingScore, -1, 1) };
}

export function requiresPass(rule: PassRule): boolean {
  return rule.masteryScore !== null || rule.scaledPassingScore !== null;
}

/** What the SCO is told at launch besides its stored data (see runtime/state.ts launchState). */
export function launchContextFor(
  version: RuntimeVersion,
  runtime: Partial<ScormRuntimeSettings>,
  rule: PassRule,
  learner: { id: string; name: string; language: string },
): LaunchContext {
  const maxTime = typeof runtime.maxTimeAllowed === "string" ? parseDuration(version, runtime.maxTimeAllowed) : null;
  const timeLimitAction = (TIME_LIMIT_ACTIONS as readonly string[]).includes(runtime.timeLimitAction ?? "")
    ? (runtime.timeLimitAction as TimeLimitAction)
    : null;
  return {
    learnerId: learner.id,
    learnerName: learner.name,
    credit: "credit",
    mode: "normal",
    launchData: typeof runtime.dataFromLms === "string" ? runtime.dataFromLms : "",
    masteryScore: rule.masteryScore,
    scaledPassingScore: rule.scaledPassingScore,
    completionThreshold: version === "2004" ? numberIn(runtime.completionThreshold, 0, 1) : null,
    maxTimeAllowedSeconds: maxTime === null ? null : centisToSeconds(maxTime),
    timeLimitAction,
    language: learner.language,
    objectiveIds:
      version === "2004"
        ? (runtime.objectives ?? [])
            .map((objective) => objective.id)
            .filter((id) => typeof id === "string" && id !== "")
        : [],
  };
}

export interface AttemptReading {
  completion: string;
  success: string;
}

/**
 * A SCO counts as done when it is completed and not failed, and — when a pass rule applies to it —
 * passed. An asset has no run-time: opening it is doing it.
 */
export function scoSatisfied(attempt: AttemptReading | null, rule: PassRule, kind: string): boolean {
  if (!attempt) return false;
  if (kind === "asset") return attempt.completion === "completed";
  if (attempt.completion !== "completed" || attempt.success === "failed") return false;
  return !requiresPass(rule) || attempt.success === "passed";
}

export type ScoProgress = "notStarted" | "inProgress" | "completed" | "passed" | "failed";

/** The status the table of contents shows for a SCO. */
export function scoProgress(
  attempt: (AttemptReading & { sessions: number }) | null,
  rule: PassRule,
  kind: string,
): ScoProgress {
  if (!attempt || attempt.sessions === 0) return "notStarted";
  if (attempt.success === "failed") return "failed";
  if (scoSatisfied(attempt, rule, kind)) return attempt.success === "passed" ? "passed" : "completed";
  return "inProgress";
}

function numberIn(value: unknown, min: number, max: number): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max ? value : null;
}
