/**
 * The run-time state of one learner attempt on one SCO, stored as a flat map element → value. At every
 * launch the server builds the launch state (handed to scorm-again with loadFromFlattenedJSON, and the
 * state commits are validated against); validated commit changes are merged into it.
 */

import type { TIME_LIMIT_ACTIONS } from "./datamodel-12";
import { addSessionTime, formatDuration, secondsToCentis } from "./time";
import type { CmiState, ScormVersion } from "./types";

export type Credit = "credit" | "no-credit";
export type LessonMode = "normal" | "browse" | "review";
export type TimeLimitAction = (typeof TIME_LIMIT_ACTIONS)[number];

/** What the platform and the manifest tell the SCO at launch. */
export interface LaunchContext {
  readonly learnerId: string;
  /** As the SCO should show it; SCORM 1.2 recommends "Last, First". */
  readonly learnerName: string;
  readonly credit?: Credit;
  readonly mode?: LessonMode;
  /** The item's adlcp:dataFromLMS (cmi.launch_data). */
  readonly launchData?: string;
  /** SCORM 1.2 adlcp:masteryscore, 0..100 (cmi.student_data.mastery_score). */
  readonly masteryScore?: number | null;
  /** SCORM 2004 adlcp:completionThreshold, 0..1 (cmi.completion_threshold). */
  readonly completionThreshold?: number | null;
  /** SCORM 2004 imsss:minNormalizedMeasure when satisfiedByMeasure, -1..1 (cmi.scaled_passing_score). */
  readonly scaledPassingScore?: number | null;
  /** 1.2 adlcp:maxtimeallowed / 2004 imsss:attemptAbsoluteDurationLimit, in seconds. */
  readonly maxTimeAllowedSeconds?: number | null;
  /** adlcp:timelimitaction. */
  readonly timeLimitAction?: TimeLimitAction | null;
  /** SCORM 2004: the learner's language, the initial cmi.learner_preference.language of a new attempt. */
  readonly language?: string;
  /**
   * SCORM 2004: the objective ids the manifest declares for the SCO (imsss:primaryObjective and
   * imsss:objective with an objectiveID). RTE 4.2.17: the LMS initialises cmi.objectives with them,
   * so content can set their status without creating them first.
   */
  readonly objectiveIds?: readonly string[];
  /**
   * SCORM 2004 4th edition shared data the SCO maps (adlcp:data): target id and the store as last
   * written by any SCO of the learner, or null when none has written it yet.
   */
  readonly sharedData?: readonly { readonly targetId: string; readonly store: string | null }[];
}

const EXIT: Record<ScormVersion, string> = { "1.2": "cmi.core.exit", "2004": "cmi.exit" };
const SESSION_TIME: Record<ScormVersion, string> = { "1.2": "cmi.core.session_time", "2004": "cmi.session_time" };
const TOTAL_TIME: Record<ScormVersion, string> = { "1.2": "cmi.core.total_time", "2004": "cmi.total_time" };

/**
 * cmi.core.entry / cmi.entry for a launch: "ab-initio" the first time in an attempt, "resume" when the
 * previous session ended with exit "suspend", otherwise "".
 */
export function entryFor(version: ScormVersion, previous: CmiState | null): "ab-initio" | "resume" | "" {
  if (previous === null) return "ab-initio";
  return previous[EXIT[version]] === "suspend" ? "resume" : "";
}

/**
 * The state for a launch of the SCO: a new attempt (previous null) or the stored state of the current
 * attempt. The previous session's session_time is added into total_time, the session's write-only
 * values (exit, session_time) and navigation request are cleared, and every read-only element is
 * (re)set from the context. Pass the result to scorm-again's loadFromFlattenedJSON and store it: it is
 * the state the session's commits are validated against.
 */
export function launchState(version: ScormVersion, context: LaunchContext, previous: CmiState | null): CmiState {
  const state: Record<string, string> = previous ? { ...previous } : {};
  const entry = entryFor(version, previous);

  state[TOTAL_TIME[version]] = addSessionTime(
    version,
    state[TOTAL_TIME[version]] ?? "",
    state[SESSION_TIME[version]] ?? "",
  );
  delete state[SESSION_TIME[version]];
  delete state[EXIT[version]];

  const maxTime =
    context.maxTimeAllowedSeconds === undefined || context.maxTimeAllowedSeconds === null
      ? ""
      : formatDuration(
          version,
          secondsToCentis(checkedNumber("maxTimeAllowedSeconds", context.maxTimeAllowedSeconds, 0)),
        );

  if (version === "1.2") {
    Object.assign(state, {
      "cmi.core.student_id": context.learnerId,
      "cmi.core.student_name": context.learnerName,
      "cmi.core.credit": context.credit ?? "credit",
      "cmi.core.lesson_mode": context.mode ?? "normal",
      "cmi.core.entry": entry,
      "cmi.launch_data": context.launchData ?? "",
      "cmi.comments_from_lms": state["cmi.comments_from_lms"] ?? "",
      "cmi.student_data.mastery_score": optionalDecimal("masteryScore", context.masteryScore, 0, 100),
      "cmi.student_data.max_time_allowed": maxTime,
      "cmi.student_data.time_limit_action": context.timeLimitAction ?? "",
    });
    state["cmi.core.lesson_status"] ??= "not attempted";
  } else {
    Object.assign(state, {
      "cmi.learner_id": context.learnerId,
      "cmi.learner_name": context.learnerName,
      "cmi.credit": context.credit ?? "credit",
      "cmi.mode": context.mode ?? "normal",
      "cmi.entry": entry,
      "cmi.launch_data": context.launchData ?? "",
      "cmi.completion_threshold": optionalDecimal("completionThreshold", context.completionThreshold, 0, 1),
      "cmi.scaled_passing_score": optionalDecimal("scaledPassingScore", context.scaledPassingScore, -1, 1),
      "cmi.max_time_allowed": maxTime,
      "cmi.time_limit_action": context.timeLimitAction ?? "continue,no message",
      "adl.nav.request": "_none_",
    });
    state["cmi.completion_status"] ??= "unknown";
    state["cmi.success_status"] ??= "unknown";
    state["cmi.learner_preference.audio_level"] ??= "1";
    state["cmi.learner_preference.language"] ??= context.language ?? "";
    state["cmi.learner_preference.delivery_speed"] ??= "1";
    state["cmi.learner_preference.audio_captioning"] ??= "0";
    addDeclaredObjectives(state, context.objectiveIds ?? []);
    setSharedData(state, context.sharedData ?? []);
  }
  return state;
}

/** Appends every declared objective id the attempt does not hold yet, in manifest order. */
function addDeclaredObjectives(state: Record<string, string>, objectiveIds: readonly string[]) {
  const present = new Set<string>();
  let count = 0;
  while (state[`cmi.objectives.${count}.id`] !== undefined) present.add(state[`cmi.objectives.${count++}.id`]!);
  for (const id of objectiveIds) {
    if (id === "" || present.has(id)) continue;
    present.add(id);
    state[`cmi.objectives.${count++}.id`] = id;
  }
}

/**
 * adl.data is the SCO's view of stores that live outside the attempt: it is rebuilt from the
 * current stores at every launch rather than kept from the previous session.
 */
function setSharedData(state: Record<string, string>, sharedData: NonNullable<LaunchContext["sharedData"]>) {
  for (const name of Object.keys(state)) if (name.startsWith("adl.data.")) delete state[name];
  sharedData.forEach(({ targetId, store }, index) => {
    state[`adl.data.${index}.id`] = targetId;
    if (store !== null) state[`adl.data.${index}.store`] = store;
  });
}

/** The stored state after a validated commit: its changes overlaid on the state. */
export function mergeCommit(state: CmiState, changes: Readonly<Record<string, string>>): CmiState {
  return { ...state, ...changes };
}

function optionalDecimal(name: string, value: number | null | undefined, min: number, max: number): string {
  if (value === undefined || value === null) return "";
  return formatDecimal(checkedNumber(name, value, min, max));
}

function checkedNumber(name: string, value: number, min: number, max = Number.POSITIVE_INFINITY): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** A decimal without exponent notation (String(1e-7) would give "1e-7", which is no CMIDecimal). */
export function formatDecimal(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(7).replace(/\.?0+$/, "");
}
