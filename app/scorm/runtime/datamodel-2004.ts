/**
 * The SCORM 2004 4th edition run-time data model (RTE section 4.2) and the navigation request
 * (adl.nav, RTE 4.4) and shared data (adl.data, RTE 4.3): every element with its access, type and
 * constraints. "n" stands for an array index.
 */

import type { ElementDefinition, ValueCheck } from "./types";
import {
  INTERACTION_TYPES_2004,
  characterString,
  checkResponse2004,
  decimal,
  integer,
  languageType,
  localizedString,
  longIdentifier,
  timeInterval,
  timestamp,
  vocabulary,
} from "./values";

export const COMPLETION_STATUS = ["completed", "incomplete", "not attempted", "unknown"] as const;
export const SUCCESS_STATUS = ["passed", "failed", "unknown"] as const;
export const EXIT_2004 = ["time-out", "suspend", "logout", "normal", ""] as const;
export const INTERACTION_RESULTS_2004 = ["correct", "incorrect", "unanticipated", "neutral"] as const;
export const NAV_REQUESTS = [
  "continue",
  "previous",
  "exit",
  "exitAll",
  "abandon",
  "abandonAll",
  "suspendAll",
  "_none_",
] as const;

export const SUSPEND_DATA_LIMIT_2004 = 64000;

/** How many correct_responses a type may have (RTE 4.2.9.1); other types: at least the SPM of 5/10. */
export const SINGLE_CORRECT_RESPONSE_TYPES = ["true-false", "likert", "numeric", "other"] as const;

export const CHILDREN_2004 = {
  "cmi.comments_from_learner._children": "comment,location,timestamp",
  "cmi.comments_from_lms._children": "comment,location,timestamp",
  "cmi.interactions._children":
    "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
  "cmi.learner_preference._children": "audio_level,language,delivery_speed,audio_captioning",
  "cmi.objectives._children": "id,score,success_status,completion_status,progress_measure,description",
  "cmi.objectives.n.score._children": "scaled,raw,min,max",
  "cmi.score._children": "scaled,raw,min,max",
  "adl.data._children": "id,store",
} as const;

const scaled = decimal({ min: -1, max: 1 });
const progress = decimal({ min: 0, max: 1 });
const real = decimal();

function responseCheck(isPattern: boolean): ValueCheck {
  return (value, context) =>
    checkResponse2004(context.lookup(`cmi.interactions.${context.indices[0]}.type`) ?? "", value, isPattern, context);
}

const interactionResult: ValueCheck = (value, context) =>
  (INTERACTION_RESULTS_2004 as readonly string[]).includes(value)
    ? null
    : real(value, context) && {
        kind: "type",
        message: `"${value}" is not one of ${INTERACTION_RESULTS_2004.join(", ")} or a real number`,
      };

// adl.nav.request: a fixed request, or "{target=<activity id>}choice" / "{target=<activity id>}jump".
const navRequest: ValueCheck = (value) =>
  (NAV_REQUESTS as readonly string[]).includes(value) || /^\{target=[^\s{}]+\}(?:choice|jump)$/.test(value)
    ? null
    : { kind: "type", message: `"${value}" is not a navigation request` };

function keyword(pattern: string, type = "characterstring"): ElementDefinition {
  return { pattern, access: "read-only", type, keyword: true };
}

export const SCORM2004_ELEMENTS: readonly ElementDefinition[] = [
  keyword("cmi._version"),
  keyword("cmi.comments_from_learner._children"),
  keyword("cmi.comments_from_learner._count", "integer"),
  {
    pattern: "cmi.comments_from_learner.n.comment",
    access: "read-write",
    type: "localized_string_type (SPM 4000)",
    check: localizedString(4000),
  },
  {
    pattern: "cmi.comments_from_learner.n.location",
    access: "read-write",
    type: "characterstring (SPM 250)",
    check: characterString(250),
  },
  {
    pattern: "cmi.comments_from_learner.n.timestamp",
    access: "read-write",
    type: "time (second,10,0)",
    check: timestamp,
  },
  keyword("cmi.comments_from_lms._children"),
  keyword("cmi.comments_from_lms._count", "integer"),
  { pattern: "cmi.comments_from_lms.n.comment", access: "read-only", type: "localized_string_type (SPM 4000)" },
  { pattern: "cmi.comments_from_lms.n.location", access: "read-only", type: "characterstring (SPM 250)" },
  { pattern: "cmi.comments_from_lms.n.timestamp", access: "read-only", type: "time (second,10,0)" },
  {
    pattern: "cmi.completion_status",
    access: "read-write",
    type: "state (completed, incomplete, not attempted, unknown)",
    check: vocabulary(COMPLETION_STATUS),
    initial: "unknown",
  },
  { pattern: "cmi.completion_threshold", access: "read-only", type: "real (10,7) 0..1", initial: "" },
  { pattern: "cmi.credit", access: "read-only", type: "state (credit, no-credit)", initial: "credit" },
  { pattern: "cmi.entry", access: "read-only", type: 'state (ab-initio, resume, "")', initial: "ab-initio" },
  {
    pattern: "cmi.exit",
    access: "write-only",
    type: 'state (time-out, suspend, logout, normal, "")',
    check: vocabulary(EXIT_2004),
    initial: "",
  },
  keyword("cmi.interactions._children"),
  keyword("cmi.interactions._count", "integer"),
  {
    pattern: "cmi.interactions.n.id",
    access: "read-write",
    type: "long_identifier_type (SPM 4000)",
    check: longIdentifier,
  },
  {
    pattern: "cmi.interactions.n.type",
    access: "read-write",
    type: "state (interaction types)",
    check: vocabulary(INTERACTION_TYPES_2004),
  },
  keyword("cmi.interactions.n.objectives._count", "integer"),
  {
    pattern: "cmi.interactions.n.objectives.n.id",
    access: "read-write",
    type: "long_identifier_type (SPM 4000)",
    check: longIdentifier,
  },
  { pattern: "cmi.interactions.n.timestamp", access: "read-write", type: "time (second,10,0)", check: timestamp },
  keyword("cmi.interactions.n.correct_responses._count", "integer"),
  {
    pattern: "cmi.interactions.n.correct_responses.n.pattern",
    access: "read-write",
    type: "format per interaction type",
    check: responseCheck(true),
  },
  { pattern: "cmi.interactions.n.weighting", access: "read-write", type: "real (10,7)", check: real },
  {
    pattern: "cmi.interactions.n.learner_response",
    access: "read-write",
    type: "format per interaction type",
    check: responseCheck(false),
  },
  {
    pattern: "cmi.interactions.n.result",
    access: "read-write",
    type: "state (correct, incorrect, unanticipated, neutral) | real (10,7)",
    check: interactionResult,
  },
  {
    pattern: "cmi.interactions.n.latency",
    access: "read-write",
    type: "timeinterval (second,10,2)",
    check: timeInterval,
  },
  {
    pattern: "cmi.interactions.n.description",
    access: "read-write",
    type: "localized_string_type (SPM 250)",
    check: localizedString(250),
  },
  { pattern: "cmi.launch_data", access: "read-only", type: "characterstring (SPM 4000)", initial: "" },
  { pattern: "cmi.learner_id", access: "read-only", type: "long_identifier_type (SPM 4000)" },
  { pattern: "cmi.learner_name", access: "read-only", type: "localized_string_type (SPM 250)" },
  keyword("cmi.learner_preference._children"),
  {
    pattern: "cmi.learner_preference.audio_level",
    access: "read-write",
    type: "real (10,7) ≥ 0",
    check: decimal({ min: 0 }),
    initial: "1",
  },
  {
    pattern: "cmi.learner_preference.language",
    access: "read-write",
    type: "language_type (SPM 250)",
    check: languageType,
    initial: "",
  },
  {
    pattern: "cmi.learner_preference.delivery_speed",
    access: "read-write",
    type: "real (10,7) ≥ 0",
    check: decimal({ min: 0 }),
    initial: "1",
  },
  {
    pattern: "cmi.learner_preference.audio_captioning",
    access: "read-write",
    type: "state (-1, 0, 1)",
    check: integer({ min: -1, max: 1 }),
    initial: "0",
  },
  {
    pattern: "cmi.location",
    access: "read-write",
    type: "characterstring (SPM 1000)",
    check: characterString(1000),
    initial: "",
  },
  { pattern: "cmi.max_time_allowed", access: "read-only", type: "timeinterval (second,10,2)", initial: "" },
  { pattern: "cmi.mode", access: "read-only", type: "state (browse, normal, review)", initial: "normal" },
  keyword("cmi.objectives._children"),
  keyword("cmi.objectives._count", "integer"),
  {
    pattern: "cmi.objectives.n.id",
    access: "read-write",
    type: "long_identifier_type (SPM 4000)",
    check: longIdentifier,
  },
  keyword("cmi.objectives.n.score._children"),
  { pattern: "cmi.objectives.n.score.scaled", access: "read-write", type: "real (10,7) -1..1", check: scaled },
  { pattern: "cmi.objectives.n.score.raw", access: "read-write", type: "real (10,7)", check: real },
  { pattern: "cmi.objectives.n.score.min", access: "read-write", type: "real (10,7)", check: real },
  { pattern: "cmi.objectives.n.score.max", access: "read-write", type: "real (10,7)", check: real },
  {
    pattern: "cmi.objectives.n.success_status",
    access: "read-write",
    type: "state (passed, failed, unknown)",
    check: vocabulary(SUCCESS_STATUS),
    initial: "unknown",
  },
  {
    pattern: "cmi.objectives.n.completion_status",
    access: "read-write",
    type: "state (completed, incomplete, not attempted, unknown)",
    check: vocabulary(COMPLETION_STATUS),
    initial: "unknown",
  },
  { pattern: "cmi.objectives.n.progress_measure", access: "read-write", type: "real (10,7) 0..1", check: progress },
  {
    pattern: "cmi.objectives.n.description",
    access: "read-write",
    type: "localized_string_type (SPM 250)",
    check: localizedString(250),
  },
  { pattern: "cmi.progress_measure", access: "read-write", type: "real (10,7) 0..1", check: progress, initial: "" },
  { pattern: "cmi.scaled_passing_score", access: "read-only", type: "real (10,7) -1..1", initial: "" },
  keyword("cmi.score._children"),
  { pattern: "cmi.score.scaled", access: "read-write", type: "real (10,7) -1..1", check: scaled, initial: "" },
  { pattern: "cmi.score.raw", access: "read-write", type: "real (10,7)", check: real, initial: "" },
  { pattern: "cmi.score.min", access: "read-write", type: "real (10,7)", check: real, initial: "" },
  { pattern: "cmi.score.max", access: "read-write", type: "real (10,7)", check: real, initial: "" },
  {
    pattern: "cmi.session_time",
    access: "write-only",
    type: "timeinterval (second,10,2)",
    check: timeInterval,
    initial: "",
  },
  {
    pattern: "cmi.success_status",
    access: "read-write",
    type: "state (passed, failed, unknown)",
    check: vocabulary(SUCCESS_STATUS),
    initial: "unknown",
  },
  {
    pattern: "cmi.suspend_data",
    access: "read-write",
    type: "characterstring (SPM 64000)",
    check: characterString(SUSPEND_DATA_LIMIT_2004, true),
    initial: "",
  },
  {
    pattern: "cmi.time_limit_action",
    access: "read-only",
    type: "state (exit/continue, message/no message)",
    initial: "continue,no message",
  },
  { pattern: "cmi.total_time", access: "read-only", type: "timeinterval (second,10,2)", initial: "PT0S" },
  {
    pattern: "adl.nav.request",
    access: "read-write",
    type: "navigation request",
    check: navRequest,
    initial: "_none_",
  },
  { pattern: "adl.nav.request_valid.continue", access: "read-only", type: "state (true, false, unknown)" },
  { pattern: "adl.nav.request_valid.previous", access: "read-only", type: "state (true, false, unknown)" },
  keyword("adl.data._children"),
  keyword("adl.data._count", "integer"),
  { pattern: "adl.data.n.id", access: "read-only", type: "long_identifier_type (SPM 4000)" },
  {
    pattern: "adl.data.n.store",
    access: "read-write",
    type: "characterstring (SPM 64000)",
    check: characterString(64000, true),
  },
];

export const SCORM2004_VERSION = "1.0";
