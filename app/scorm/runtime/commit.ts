/**
 * Validating a commit from the player (scorm-again, dataCommitFormat "flattened") against the SCORM data
 * model and the attempt's stored state, and deriving the platform's view of the attempt from it.
 */

import { arrayMemberships, collectionCount, isCollection, keywordValue, resolveElement } from "./datamodel";
import { SINGLE_CORRECT_RESPONSE_TYPES } from "./datamodel-2004";
import { centisToSeconds, parseDuration } from "./time";
import type { CheckContext, CmiState, ScormVersion, Tolerance } from "./types";
import { isDecimal } from "./values";

export interface CommitError {
  /** The element the error is about ("" for the payload as a whole). */
  readonly element: string;
  /** The SCORM error code LMSSetValue / SetValue would have set for it. */
  readonly code: number;
  readonly message: string;
}

export type Completion = "completed" | "incomplete" | "not attempted" | "unknown";
export type Success = "passed" | "failed" | "unknown";

/** The platform's reading of an attempt's state. */
export interface AttemptStatus {
  readonly completion: Completion;
  readonly success: Success;
  /** -1..1: cmi.score.scaled (2004), or the 1.2 raw score normalised by min/max (default 0..100). */
  readonly scoreScaled: number | null;
  readonly scoreRaw: number | null;
  readonly scoreMin: number | null;
  readonly scoreMax: number | null;
  /** The session time last reported in this session, in seconds. */
  readonly sessionTimeSeconds: number | null;
  /** Total time of the attempt including this session, in seconds. */
  readonly totalTimeSeconds: number;
  readonly progressMeasure: number | null;
  readonly suspendData: string;
  readonly location: string;
  readonly exit: string;
}

export type CommitResult =
  | { readonly ok: true; readonly changes: Record<string, string>; readonly derived: AttemptStatus }
  | { readonly ok: false; readonly errors: readonly CommitError[] };

export interface ValidateCommitOptions {
  /** See Tolerance; "spec" unless the caller chooses scorm-again's leniency. */
  readonly tolerance?: Tolerance;
}

type ErrorKind = "unknown" | "gap" | "keyword" | "readOnly" | "type" | "range" | "dependency" | "general";

// SCORM 1.2 RTE 3.3.3 (201 invalid argument, 402 keyword, 403 read only, 405 incorrect data type) and
// SCORM 2004 RTE 3.1.7 (351 general set failure, 401 undefined element, 404 read only, 406 type
// mismatch, 407 out of range, 408 dependency not established).
const ERROR_CODES: Record<ScormVersion, Record<ErrorKind, number>> = {
  "1.2": { unknown: 201, gap: 201, keyword: 402, readOnly: 403, type: 405, range: 405, dependency: 201, general: 101 },
  "2004": { unknown: 401, gap: 351, keyword: 404, readOnly: 404, type: 406, range: 407, dependency: 408, general: 351 },
};

const TOTAL_TIME: Record<ScormVersion, string> = { "1.2": "cmi.core.total_time", "2004": "cmi.total_time" };
const SESSION_TIME: Record<ScormVersion, string> = { "1.2": "cmi.core.session_time", "2004": "cmi.session_time" };

/**
 * Validates a flattened commit ({"cmi.core.lesson_status": "passed", …}) against the data model and the
 * attempt's stored state. Atomic: one invalid element refuses the whole commit. Returns the writable
 * elements whose value differs from the stored one, and the attempt status after the commit.
 *
 * Besides the SCO's values, scorm-again's commits carry every read-only element (accepted when equal to
 * the stored value), "{}" for empty arrays (ignored), and on Terminate the total time it computed as
 * stored total_time + session_time (accepted when it is exactly that).
 */
export function validateCommit(
  version: ScormVersion,
  payload: unknown,
  serverState: CmiState,
  options: ValidateCommitOptions = {},
): CommitResult {
  const codes = ERROR_CODES[version];
  const tolerance = options.tolerance ?? "spec";
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { ok: false, errors: [{ element: "", code: codes.general, message: "the commit is not an object" }] };
  }

  const errors: CommitError[] = [];
  const fail = (element: string, kind: ErrorKind, message: string) =>
    errors.push({ element, code: codes[kind], message });

  // First the shape of every entry, so later checks see the commit as a whole.
  const submitted = new Map<string, string>();
  for (const [name, value] of Object.entries(payload)) {
    if (isEmptyObject(value) && isCollection(version, name)) continue;
    if (!resolveElement(version, name)) {
      fail(name, "unknown", `${name} is not a SCORM ${version} data model element`);
    } else if (typeof value !== "string") {
      fail(name, "type", `${name} must be a string`);
    } else {
      submitted.set(name, value);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const stored = (name: string) => serverState[name] ?? resolveElement(version, name)?.definition.initial ?? "";
  const merged: Record<string, string> = { ...serverState, ...Object.fromEntries(submitted) };
  const lookup = (name: string) => merged[name];
  const changes: Record<string, string> = {};

  for (const [name, value] of submitted) {
    const { definition, indices } = resolveElement(version, name)!;
    if (definition.keyword) {
      const expected = keywordValue(version, name, merged);
      if (value !== expected) fail(name, "keyword", `${name} is a keyword the LMS answers (${expected ?? "none"})`);
      continue;
    }
    if (definition.access === "read-only") {
      if (value === stored(name)) continue;
      if (name === TOTAL_TIME[version] && isStoredTotalPlusSession(version, value, stored(name), merged)) continue;
      fail(name, "readOnly", `${name} is read-only`);
      continue;
    }
    if (value === stored(name)) continue;
    const context: CheckContext = { tolerance, indices, lookup };
    const problem = definition.check?.(value, context) ?? null;
    if (problem) {
      fail(name, problem.kind, `${name}: ${problem.message}`);
      continue;
    }
    changes[name] = value;
  }

  for (const error of arrayErrors(submitted, serverState, merged)) fail(error.element, error.kind, error.message);
  if (version === "2004") {
    for (const error of dependencyErrors2004(changes, serverState, merged))
      fail(error.element, error.kind, error.message);
  }

  if (errors.length > 0) return { ok: false, errors: dedupe(errors) };
  return { ok: true, changes, derived: attemptStatus(version, { ...serverState, ...changes }) };
}

interface PendingError {
  element: string;
  kind: ErrorKind;
  message: string;
}

/** scorm-again's terminate commit reports total_time as the stored total plus this session's time. */
function isStoredTotalPlusSession(
  version: ScormVersion,
  value: string,
  storedTotal: string,
  merged: CmiState,
): boolean {
  const reported = parseDuration(version, value);
  const total = parseDuration(version, storedTotal) ?? 0;
  const session = parseDuration(version, merged[SESSION_TIME[version]] ?? "") ?? 0;
  // scorm-again adds in floating-point seconds; allow its rounding of one hundredth.
  return reported !== null && Math.abs(reported - (total + session)) <= 1;
}

/** Array entries must be added in order: index n only when n-1 exists (no gaps). */
function arrayErrors(submitted: ReadonlyMap<string, string>, serverState: CmiState, merged: CmiState): PendingError[] {
  const present = new Map<string, Set<number>>();
  for (const name of Object.keys(merged)) {
    for (const { collection, index } of arrayMemberships(name)) {
      let indices = present.get(collection);
      if (!indices) present.set(collection, (indices = new Set()));
      indices.add(index);
    }
  }
  const errors: PendingError[] = [];
  const reported = new Set<string>();
  for (const name of submitted.keys()) {
    for (const { collection, index } of arrayMemberships(name)) {
      const indices = present.get(collection)!;
      const missing = firstMissingIndex(indices, index);
      if (missing === null || reported.has(collection)) continue;
      reported.add(collection);
      const count = collectionCount(serverState, collection);
      errors.push({
        element: name,
        kind: "gap",
        message: `${collection}.${missing} does not exist: ${collection} has ${count} entries, new ones are added at the end`,
      });
    }
  }
  return errors;
}

function firstMissingIndex(indices: ReadonlySet<number>, upTo: number): number | null {
  for (let index = 0; index < upTo; index += 1) if (!indices.has(index)) return index;
  return null;
}

/** SCORM 2004 dependencies that can be checked without the SCO's call order (RTE 4.2.9, 4.2.17). */
function dependencyErrors2004(
  changes: Record<string, string>,
  serverState: CmiState,
  merged: CmiState,
): PendingError[] {
  const errors: PendingError[] = [];
  for (const name of Object.keys(changes)) {
    const interaction = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(name);
    if (interaction && interaction[2] !== "id") {
      const base = `cmi.interactions.${interaction[1]}`;
      if (!merged[`${base}.id`]) {
        errors.push({ element: name, kind: "dependency", message: `${base}.id must be set before ${name}` });
      } else if (
        /^(?:learner_response|correct_responses\.\d+\.pattern)$/.test(interaction[2]!) &&
        !merged[`${base}.type`]
      ) {
        errors.push({ element: name, kind: "dependency", message: `${base}.type must be set before ${name}` });
      }
    }
    const objective = /^cmi\.objectives\.(\d+)\.(.+)$/.exec(name);
    if (objective && objective[2] !== "id" && !merged[`cmi.objectives.${objective[1]}.id`]) {
      errors.push({
        element: name,
        kind: "dependency",
        message: `cmi.objectives.${objective[1]}.id must be set before ${name}`,
      });
    }
    if (objective && objective[2] === "id") {
      const previous = serverState[name];
      if (previous && previous !== changes[name]) {
        errors.push({ element: name, kind: "general", message: `${name} cannot be changed once set` });
      }
    }
  }
  errors.push(...duplicateIdErrors(changes, merged, /^cmi\.objectives\.\d+\.id$/, () => "cmi.objectives"));
  errors.push(
    ...duplicateIdErrors(changes, merged, /^cmi\.interactions\.\d+\.objectives\.\d+\.id$/, (name) =>
      name.replace(/\.\d+\.id$/, ""),
    ),
  );
  errors.push(...correctResponseCountErrors(changes, merged));
  return errors;
}

/** Identifiers that must be unique within their array (objectives, an interaction's objectives). */
function duplicateIdErrors(
  changes: Record<string, string>,
  merged: CmiState,
  idPattern: RegExp,
  scopeOf: (name: string) => string,
): PendingError[] {
  const errors: PendingError[] = [];
  for (const name of Object.keys(changes)) {
    if (!idPattern.test(name)) continue;
    const scope = scopeOf(name);
    const clash = Object.keys(merged).find(
      (other) => other !== name && idPattern.test(other) && scopeOf(other) === scope && merged[other] === changes[name],
    );
    if (clash) errors.push({ element: name, kind: "general", message: `${name} repeats the identifier of ${clash}` });
  }
  return errors;
}

/** true-false, likert, numeric and other interactions have at most one correct response. */
function correctResponseCountErrors(changes: Record<string, string>, merged: CmiState): PendingError[] {
  const errors: PendingError[] = [];
  for (const name of Object.keys(changes)) {
    const match = /^cmi\.interactions\.(\d+)\.correct_responses\.(\d+)\.pattern$/.exec(name);
    if (!match) continue;
    const type = merged[`cmi.interactions.${match[1]}.type`] ?? "";
    if ((SINGLE_CORRECT_RESPONSE_TYPES as readonly string[]).includes(type) && Number(match[2]) > 0) {
      errors.push({ element: name, kind: "general", message: `a ${type} interaction has one correct response` });
    }
  }
  return errors;
}

function dedupe(errors: readonly CommitError[]): CommitError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.element}\u0000${error.code}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

// ---------------------------------------------------------------------------------------------------

/** The platform's reading of a (merged) state: completion, success, score, times. */
export function attemptStatus(version: ScormVersion, state: CmiState): AttemptStatus {
  const sessionCentis = parseDuration(version, state[SESSION_TIME[version]] ?? "");
  const totalCentis = (parseDuration(version, state[TOTAL_TIME[version]] ?? "") ?? 0) + (sessionCentis ?? 0);
  const times = {
    sessionTimeSeconds: sessionCentis === null ? null : centisToSeconds(sessionCentis),
    totalTimeSeconds: centisToSeconds(totalCentis),
  };
  return version === "1.2" ? { ...status12(state), ...times } : { ...status2004(state), ...times };
}

type StatusWithoutTimes = Omit<AttemptStatus, "sessionTimeSeconds" | "totalTimeSeconds">;

const LESSON_STATUS_READING: Record<string, { completion: Completion; success: Success }> = {
  passed: { completion: "completed", success: "passed" },
  failed: { completion: "completed", success: "failed" },
  completed: { completion: "completed", success: "unknown" },
  incomplete: { completion: "incomplete", success: "unknown" },
  browsed: { completion: "incomplete", success: "unknown" },
  "not attempted": { completion: "not attempted", success: "unknown" },
};

/**
 * SCORM 1.2: lesson_status read as completion and success. When the learner takes the SCO for credit,
 * the manifest has a mastery score and the SCO reported a raw score, the status follows from the score
 * (raw ≥ mastery: passed, else failed) unless the SCO said "incomplete" (RTE 3.4.2.1.5; Conformance
 * Requirements 2-19).
 */
function status12(state: CmiState): StatusWithoutTimes {
  const lessonStatus = state["cmi.core.lesson_status"] || "not attempted";
  let reading = LESSON_STATUS_READING[lessonStatus] ?? LESSON_STATUS_READING["not attempted"]!;
  const raw = numberOrNull(state["cmi.core.score.raw"]);
  const min = numberOrNull(state["cmi.core.score.min"]);
  const max = numberOrNull(state["cmi.core.score.max"]);
  const mastery = numberOrNull(state["cmi.student_data.mastery_score"]);
  const forCredit =
    (state["cmi.core.credit"] ?? "credit") === "credit" && (state["cmi.core.lesson_mode"] ?? "normal") === "normal";
  if (forCredit && mastery !== null && raw !== null && lessonStatus !== "incomplete") {
    reading = { completion: "completed", success: raw >= mastery ? "passed" : "failed" };
  }
  let scoreScaled: number | null = null;
  if (raw !== null) {
    const low = min ?? 0;
    const high = max ?? 100;
    scoreScaled = high > low ? clamp((raw - low) / (high - low), -1, 1) : null;
  }
  return {
    ...reading,
    scoreScaled: scoreScaled === null ? null : round7(scoreScaled),
    scoreRaw: raw,
    scoreMin: min,
    scoreMax: max,
    progressMeasure: null,
    suspendData: state["cmi.suspend_data"] ?? "",
    location: state["cmi.core.lesson_location"] ?? "",
    exit: state["cmi.core.exit"] ?? "",
  };
}

/**
 * SCORM 2004 (RTE 4.2.4.1, 4.2.22.1): with a completion_threshold the completion follows from
 * progress_measure (unknown without one); with a scaled_passing_score the success follows from
 * score.scaled (unknown without one). Otherwise the statuses the SCO set.
 */
function status2004(state: CmiState): StatusWithoutTimes {
  const threshold = numberOrNull(state["cmi.completion_threshold"]);
  const progress = numberOrNull(state["cmi.progress_measure"]);
  const passingScore = numberOrNull(state["cmi.scaled_passing_score"]);
  const scaled = numberOrNull(state["cmi.score.scaled"]);

  let completion: Completion;
  if (threshold !== null)
    completion = progress === null ? "unknown" : progress >= threshold ? "completed" : "incomplete";
  else completion = asCompletion(state["cmi.completion_status"]);

  let success: Success;
  if (passingScore !== null) success = scaled === null ? "unknown" : scaled >= passingScore ? "passed" : "failed";
  else success = asSuccess(state["cmi.success_status"]);

  return {
    completion,
    success,
    scoreScaled: scaled,
    scoreRaw: numberOrNull(state["cmi.score.raw"]),
    scoreMin: numberOrNull(state["cmi.score.min"]),
    scoreMax: numberOrNull(state["cmi.score.max"]),
    progressMeasure: progress,
    suspendData: state["cmi.suspend_data"] ?? "",
    location: state["cmi.location"] ?? "",
    exit: state["cmi.exit"] ?? "",
  };
}

function asCompletion(value: string | undefined): Completion {
  return value === "completed" || value === "incomplete" || value === "not attempted" ? value : "unknown";
}

function asSuccess(value: string | undefined): Success {
  return value === "passed" || value === "failed" ? value : "unknown";
}

function numberOrNull(value: string | undefined): number | null {
  return value !== undefined && isDecimal(value) ? Number(value) : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

// ---------------------------------------------------------------------------------------------------

export interface CommitEnvelope {
  /** The data model elements, ready for validateCommit. */
  readonly elements: Record<string, unknown>;
  /** scorm-again's includeCommitSequence counter, when sent. */
  readonly sequence: number | null;
  /** Whether scorm-again marked this as the Terminate/LMSFinish commit (terminateCommitPayloadField). */
  readonly terminate: boolean;
}

/**
 * Separates scorm-again's optional commit metadata (includeCommitSequence's "commitSequence" and the
 * field named by terminateCommitPayloadField) from the data model elements.
 */
export function splitCommitEnvelope(body: Record<string, unknown>, terminateField?: string): CommitEnvelope {
  const elements: Record<string, unknown> = {};
  let sequence: number | null = null;
  let terminate = false;
  for (const [name, value] of Object.entries(body)) {
    if (name === "commitSequence" && typeof value === "number" && Number.isInteger(value)) sequence = value;
    else if (terminateField !== undefined && name === terminateField) terminate = value === true || value === "true";
    else elements[name] = value;
  }
  return { elements, sequence, terminate };
}
