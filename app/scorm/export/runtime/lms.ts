import type { ScormVersion } from "./package-data";

/**
 * Talking to the host LMS: finding its API object and mapping the package's state onto the SCORM
 * 1.2 or SCORM 2004 run-time data model.
 */

/** The SCORM 1.2 API (RTE 3.3) as the LMS exposes it in `window.API`. */
export interface Scorm12Api {
  LMSInitialize(parameter: ""): string | boolean;
  LMSFinish(parameter: ""): string | boolean;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string | boolean;
  LMSCommit(parameter: ""): string | boolean;
  LMSGetLastError(): string | number;
}

/** The SCORM 2004 API (RTE 3.1) as the LMS exposes it in `window.API_1484_11`. */
export interface Scorm2004Api {
  Initialize(parameter: ""): string | boolean;
  Terminate(parameter: ""): string | boolean;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string | boolean;
  Commit(parameter: ""): string | boolean;
  GetLastError(): string | number;
}

/** The part of `window` API discovery walks through. */
export interface FrameLike {
  parent?: FrameLike | null;
  opener?: FrameLike | null;
  [name: string]: unknown;
}

export const API_NAMES: Record<ScormVersion, "API" | "API_1484_11"> = { "1.2": "API", "2004": "API_1484_11" };

/** How many parent frames discovery climbs, as the SCORM run-time environment books advise. */
const MAX_PARENT_STEPS = 7;

/**
 * The LMS's API object: this window, then up to seven parents, then the same walk from the
 * window's opener (and from the top window's opener, for an LMS that opens the package in a new
 * window from inside a frame). Frames of another origin throw on access; they are skipped.
 */
export function findApi(start: FrameLike, version: ScormVersion): unknown {
  const name = API_NAMES[version];
  const fromStart = searchUp(start, name);
  if (fromStart.api) return fromStart.api;
  for (const origin of [start, fromStart.top]) {
    const opener = readProperty(origin, "opener") as FrameLike | null | undefined;
    if (opener) {
      const found = searchUp(opener, name).api;
      if (found) return found;
    }
  }
  return null;
}

function searchUp(start: FrameLike, name: string): { api: unknown; top: FrameLike } {
  let frame = start;
  for (let step = 0; step <= MAX_PARENT_STEPS; step++) {
    const api = readProperty(frame, name);
    if (api) return { api, top: frame };
    const parent = readProperty(frame, "parent") as FrameLike | null | undefined;
    if (!parent || parent === frame) break;
    frame = parent;
  }
  return { api: null, top: frame };
}

function readProperty(frame: FrameLike, name: string): unknown {
  try {
    return frame[name] ?? null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------

/** What the package reports, in terms independent of the SCORM version. */
export interface LearnerReport {
  location: string;
  suspendData: string;
  completion: "incomplete" | "completed";
  success: "unknown" | "passed" | "failed";
  /** 0–100, two decimals at most; null while no attempt has been scored. */
  percent: number | null;
  /** 0–1 */
  progress: number;
  /** Whether the learner is done for good: decides between a suspended and a normal exit. */
  finished: boolean;
}

export interface ResumeState {
  resumed: boolean;
  location: string;
  suspendData: string;
  /** The LMS opened the package to review or browse: nothing the learner does should change the record. */
  readOnly: boolean;
}

/** One answered assessment question, as cmi.interactions reports it to the LMS's item analysis. */
export interface InteractionReport {
  /** The question's stable id (a slug) with the attempt number: "q-bank-3.a2". */
  id: string;
  type: "choice" | "true-false";
  /** Authored option indices the learner chose. */
  chosen: readonly number[];
  /** Authored option indices that are correct. */
  correct: readonly number[];
  result: "correct" | "incorrect";
  /** When the attempt was submitted, in milliseconds since 1970. */
  submittedAt: number;
  /** The question text, for the LMS's reports (2004 cmi.interactions.n.description). */
  description: string;
}

export interface LmsConnection {
  version: ScormVersion;
  start(): ResumeState | null;
  /** Writes the report; the session time only at the end of the session. */
  write(report: LearnerReport): void;
  /** Appends one interaction per answered question (journaling: earlier attempts stay). */
  recordInteractions(interactions: readonly InteractionReport[]): void;
  commit(): void;
  finish(report: LearnerReport, sessionSeconds: number): void;
}

export function connectLms(api: unknown, version: ScormVersion): LmsConnection | null {
  if (version === "1.2" && isScorm12Api(api)) return scorm12Connection(api);
  if (version === "2004" && isScorm2004Api(api)) return scorm2004Connection(api);
  return null;
}

function isScorm12Api(api: unknown): api is Scorm12Api {
  const candidate = api as Partial<Scorm12Api> | null;
  return typeof candidate?.LMSInitialize === "function" && typeof candidate.LMSSetValue === "function";
}

function isScorm2004Api(api: unknown): api is Scorm2004Api {
  const candidate = api as Partial<Scorm2004Api> | null;
  return typeof candidate?.Initialize === "function" && typeof candidate.SetValue === "function";
}

/** SCORM returns "true"/"false" as strings; some LMSs return booleans. */
function succeeded(result: string | boolean): boolean {
  return result === true || result === "true";
}

function scorm12Connection(api: Scorm12Api): LmsConnection {
  let finished = false;
  const set = (element: string, value: string) => api.LMSSetValue(element, value);
  const write = (report: LearnerReport) => {
    set("cmi.core.lesson_location", report.location.slice(0, 255));
    set("cmi.suspend_data", report.suspendData);
    if (report.percent !== null) {
      set("cmi.core.score.min", "0");
      set("cmi.core.score.max", "100");
      set("cmi.core.score.raw", String(report.percent));
    }
    const status = report.success !== "unknown" ? report.success : report.completion;
    set("cmi.core.lesson_status", status);
    set("cmi.core.exit", report.finished ? "" : "suspend");
  };
  let readOnly = false;
  return {
    version: "1.2",
    start() {
      if (!succeeded(api.LMSInitialize(""))) return null;
      readOnly =
        api.LMSGetValue("cmi.core.lesson_mode") === "review" || api.LMSGetValue("cmi.core.lesson_mode") === "browse";
      return {
        resumed: api.LMSGetValue("cmi.core.entry") === "resume",
        location: api.LMSGetValue("cmi.core.lesson_location") ?? "",
        suspendData: api.LMSGetValue("cmi.suspend_data") ?? "",
        readOnly,
      };
    },
    write(report) {
      if (!finished && !readOnly) write(report);
    },
    recordInteractions(interactions) {
      if (finished || readOnly) return;
      let index = Number(api.LMSGetValue("cmi.interactions._count")) || 0;
      for (const interaction of interactions) {
        const prefix = `cmi.interactions.${index++}`;
        const response = (indices: readonly number[]) =>
          interaction.type === "true-false" ? (indices[0] === 0 ? "t" : "f") : indices.map(optionLetter).join(",");
        set(`${prefix}.id`, interaction.id);
        set(`${prefix}.type`, interaction.type);
        set(`${prefix}.time`, clockTime(interaction.submittedAt));
        set(`${prefix}.correct_responses.0.pattern`, response(interaction.correct));
        set(`${prefix}.student_response`, response(interaction.chosen));
        set(`${prefix}.result`, interaction.result === "correct" ? "correct" : "wrong");
      }
    },
    commit() {
      if (!finished) api.LMSCommit("");
    },
    finish(report, sessionSeconds) {
      if (finished) return;
      if (!readOnly) write(report);
      set("cmi.core.session_time", scorm12Timespan(sessionSeconds));
      api.LMSCommit("");
      api.LMSFinish("");
      finished = true;
    },
  };
}

function scorm2004Connection(api: Scorm2004Api): LmsConnection {
  let finished = false;
  let readOnly = false;
  const set = (element: string, value: string) => api.SetValue(element, value);
  const write = (report: LearnerReport) => {
    set("cmi.location", report.location.slice(0, 1000));
    set("cmi.suspend_data", report.suspendData);
    set("cmi.progress_measure", String(Math.round(report.progress * 10000) / 10000));
    set("cmi.completion_status", report.completion);
    if (report.percent !== null) {
      set("cmi.score.min", "0");
      set("cmi.score.max", "100");
      set("cmi.score.raw", String(report.percent));
      set("cmi.score.scaled", String(Math.round(report.percent * 100) / 10000));
    }
    set("cmi.success_status", report.success);
    set("cmi.exit", report.finished ? "normal" : "suspend");
  };
  return {
    version: "2004",
    start() {
      if (!succeeded(api.Initialize(""))) return null;
      const mode = api.GetValue("cmi.mode");
      readOnly = mode === "review" || mode === "browse";
      return {
        resumed: api.GetValue("cmi.entry") === "resume",
        location: api.GetValue("cmi.location") ?? "",
        suspendData: api.GetValue("cmi.suspend_data") ?? "",
        readOnly,
      };
    },
    write(report) {
      if (!finished && !readOnly) write(report);
    },
    recordInteractions(interactions) {
      if (finished || readOnly) return;
      let index = Number(api.GetValue("cmi.interactions._count")) || 0;
      for (const interaction of interactions) {
        const prefix = `cmi.interactions.${index++}`;
        const response = (indices: readonly number[]) =>
          interaction.type === "true-false"
            ? indices[0] === 0
              ? "true"
              : "false"
            : indices.map(optionLetter).join("[,]");
        set(`${prefix}.id`, interaction.id);
        set(`${prefix}.type`, interaction.type);
        set(`${prefix}.timestamp`, new Date(interaction.submittedAt).toISOString().slice(0, 19));
        set(`${prefix}.description`, interaction.description.slice(0, 250));
        set(`${prefix}.correct_responses.0.pattern`, response(interaction.correct));
        set(`${prefix}.learner_response`, response(interaction.chosen));
        set(`${prefix}.result`, interaction.result);
      }
    },
    commit() {
      if (!finished) api.Commit("");
    },
    finish(report, sessionSeconds) {
      if (finished) return;
      if (!readOnly) write(report);
      set("cmi.session_time", isoDuration(sessionSeconds));
      api.Commit("");
      api.Terminate("");
      finished = true;
    },
  };
}

/** Option identifiers in responses: authored position as a letter ("a" is the first option). */
function optionLetter(index: number): string {
  return String.fromCharCode(97 + index);
}

/** SCORM 1.2 CMITime (HH:MM:SS, UTC) of a moment in milliseconds since 1970. */
function clockTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(11, 19);
}

/** SCORM 1.2 CMITimespan: HHHH:MM:SS.SS (hours two to four digits). */
export function scorm12Timespan(totalSeconds: number): string {
  const centiseconds = Math.max(0, Math.round(totalSeconds * 100));
  const hours = Math.min(9999, Math.floor(centiseconds / 360000));
  const minutes = Math.floor((centiseconds % 360000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(hours)}:${pad(minutes)}:${seconds.toFixed(2).padStart(5, "0")}`;
}

/** SCORM 2004 timeinterval (ISO 8601 duration), e.g. PT1H2M3.5S. */
export function isoDuration(totalSeconds: number): string {
  const centiseconds = Math.max(0, Math.round(totalSeconds * 100));
  const hours = Math.floor(centiseconds / 360000);
  const minutes = Math.floor((centiseconds % 360000) / 6000);
  const seconds = (centiseconds % 6000) / 100;
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds}S`;
}
