/**
 * The SCORM 1.2 run-time data model (SCORM 1.2 RTE section 3.4): every element with its access, type
 * and constraints. "n" stands for an array index.
 */

import type { ElementDefinition, ValueCheck } from "./types";
import {
  INTERACTION_TYPES_12,
  characterString,
  characterStringByTolerance,
  checkResponse12,
  decimal,
  identifier12,
  integer,
  time12,
  timespan12,
  vocabulary,
} from "./values";

export const LESSON_STATUS_12 = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"] as const;
export const EXIT_12 = ["time-out", "suspend", "logout", ""] as const;
export const TIME_LIMIT_ACTIONS = [
  "exit,message",
  "exit,no message",
  "continue,message",
  "continue,no message",
] as const;
export const INTERACTION_RESULTS_12 = ["correct", "wrong", "unanticipated", "neutral"] as const;

/** SCORM 1.2 suspend_data: CMIString4096 per the RTE; scorm-again lets content store 64,000. */
export const SUSPEND_DATA_LIMIT_12 = { spec: 4096, lenient: 64000 } as const;

export const CHILDREN_12 = {
  "cmi.core._children":
    "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
  "cmi.core.score._children": "raw,min,max",
  "cmi.objectives._children": "id,score,status",
  "cmi.objectives.n.score._children": "raw,min,max",
  "cmi.student_data._children": "mastery_score,max_time_allowed,time_limit_action",
  "cmi.student_preference._children": "audio,language,speed,text",
  "cmi.interactions._children": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
} as const;

// SCORM 1.2 scores are normalised to 0..100 and may be blank (CMIBlank).
const score: ValueCheck = decimal({ min: 0, max: 100 }, true);

// A status the SCO may write: the LMS alone sets "not attempted" (RTE 3.4.2.1.5 lesson_status).
const lessonStatusBySco = vocabulary(LESSON_STATUS_12.filter((status) => status !== "not attempted"));

const interactionResponse: ValueCheck = (value, context) =>
  checkResponse12(context.lookup(`cmi.interactions.${context.indices[0]}.type`) ?? "", value, context);

const interactionResult: ValueCheck = (value, context) =>
  (INTERACTION_RESULTS_12 as readonly string[]).includes(value)
    ? null
    : decimal()(value, context) && {
        kind: "type",
        message: `"${value}" is not one of ${INTERACTION_RESULTS_12.join(", ")} or a decimal number`,
      };

function keyword(pattern: string, type = "CMIString255"): ElementDefinition {
  return { pattern, access: "read-only", type, keyword: true };
}

export const SCORM12_ELEMENTS: readonly ElementDefinition[] = [
  keyword("cmi._version"),
  keyword("cmi.core._children"),
  { pattern: "cmi.core.student_id", access: "read-only", type: "CMIIdentifier" },
  { pattern: "cmi.core.student_name", access: "read-only", type: "CMIString255" },
  {
    pattern: "cmi.core.lesson_location",
    access: "read-write",
    type: "CMIString255",
    check: characterString(255),
    initial: "",
  },
  { pattern: "cmi.core.credit", access: "read-only", type: "CMIVocabulary (Credit)", initial: "credit" },
  {
    pattern: "cmi.core.lesson_status",
    access: "read-write",
    type: "CMIVocabulary (Status)",
    check: lessonStatusBySco,
    initial: "not attempted",
  },
  { pattern: "cmi.core.entry", access: "read-only", type: "CMIVocabulary (Entry)", initial: "ab-initio" },
  keyword("cmi.core.score._children"),
  {
    pattern: "cmi.core.score.raw",
    access: "read-write",
    type: "CMIDecimal | CMIBlank (0..100)",
    check: score,
    initial: "",
  },
  {
    pattern: "cmi.core.score.min",
    access: "read-write",
    type: "CMIDecimal | CMIBlank (0..100)",
    check: score,
    initial: "",
  },
  {
    pattern: "cmi.core.score.max",
    access: "read-write",
    type: "CMIDecimal | CMIBlank (0..100)",
    check: score,
    initial: "",
  },
  { pattern: "cmi.core.total_time", access: "read-only", type: "CMITimespan", initial: "0000:00:00.00" },
  { pattern: "cmi.core.lesson_mode", access: "read-only", type: "CMIVocabulary (Mode)", initial: "normal" },
  {
    pattern: "cmi.core.exit",
    access: "write-only",
    type: "CMIVocabulary (Exit)",
    check: vocabulary(EXIT_12),
    initial: "",
  },
  { pattern: "cmi.core.session_time", access: "write-only", type: "CMITimespan", check: timespan12, initial: "" },
  {
    pattern: "cmi.suspend_data",
    access: "read-write",
    type: "CMIString4096",
    check: characterStringByTolerance(SUSPEND_DATA_LIMIT_12),
    initial: "",
  },
  { pattern: "cmi.launch_data", access: "read-only", type: "CMIString4096", initial: "" },
  { pattern: "cmi.comments", access: "read-write", type: "CMIString4096", check: characterString(4096), initial: "" },
  { pattern: "cmi.comments_from_lms", access: "read-only", type: "CMIString4096", initial: "" },
  keyword("cmi.objectives._children"),
  keyword("cmi.objectives._count", "CMIInteger"),
  { pattern: "cmi.objectives.n.id", access: "read-write", type: "CMIIdentifier", check: identifier12 },
  keyword("cmi.objectives.n.score._children"),
  { pattern: "cmi.objectives.n.score.raw", access: "read-write", type: "CMIDecimal | CMIBlank (0..100)", check: score },
  { pattern: "cmi.objectives.n.score.min", access: "read-write", type: "CMIDecimal | CMIBlank (0..100)", check: score },
  { pattern: "cmi.objectives.n.score.max", access: "read-write", type: "CMIDecimal | CMIBlank (0..100)", check: score },
  {
    pattern: "cmi.objectives.n.status",
    access: "read-write",
    type: "CMIVocabulary (Status)",
    check: vocabulary(LESSON_STATUS_12),
  },
  keyword("cmi.student_data._children"),
  { pattern: "cmi.student_data.mastery_score", access: "read-only", type: "CMIDecimal", initial: "" },
  { pattern: "cmi.student_data.max_time_allowed", access: "read-only", type: "CMITimespan", initial: "" },
  {
    pattern: "cmi.student_data.time_limit_action",
    access: "read-only",
    type: "CMIVocabulary (Time Limit Action)",
    initial: "",
  },
  keyword("cmi.student_preference._children"),
  {
    pattern: "cmi.student_preference.audio",
    access: "read-write",
    type: "CMISInteger (-1..100)",
    check: integer({ min: -1, max: 100 }),
  },
  {
    pattern: "cmi.student_preference.language",
    access: "read-write",
    type: "CMIString255",
    check: characterString(255),
  },
  {
    pattern: "cmi.student_preference.speed",
    access: "read-write",
    type: "CMISInteger (-100..100)",
    check: integer({ min: -100, max: 100 }),
  },
  {
    pattern: "cmi.student_preference.text",
    access: "read-write",
    type: "CMISInteger (-1..1)",
    check: integer({ min: -1, max: 1 }),
  },
  keyword("cmi.interactions._children"),
  keyword("cmi.interactions._count", "CMIInteger"),
  { pattern: "cmi.interactions.n.id", access: "write-only", type: "CMIIdentifier", check: identifier12 },
  keyword("cmi.interactions.n.objectives._count", "CMIInteger"),
  { pattern: "cmi.interactions.n.objectives.n.id", access: "write-only", type: "CMIIdentifier", check: identifier12 },
  { pattern: "cmi.interactions.n.time", access: "write-only", type: "CMITime", check: time12 },
  {
    pattern: "cmi.interactions.n.type",
    access: "write-only",
    type: "CMIVocabulary (Interaction)",
    check: vocabulary(INTERACTION_TYPES_12),
  },
  keyword("cmi.interactions.n.correct_responses._count", "CMIInteger"),
  {
    pattern: "cmi.interactions.n.correct_responses.n.pattern",
    access: "write-only",
    type: "CMIFeedback",
    check: interactionResponse,
  },
  { pattern: "cmi.interactions.n.weighting", access: "write-only", type: "CMIDecimal", check: decimal() },
  {
    pattern: "cmi.interactions.n.student_response",
    access: "write-only",
    type: "CMIFeedback",
    check: interactionResponse,
  },
  {
    pattern: "cmi.interactions.n.result",
    access: "write-only",
    type: "CMIVocabulary (Result) | CMIDecimal",
    check: interactionResult,
  },
  { pattern: "cmi.interactions.n.latency", access: "write-only", type: "CMITimespan", check: timespan12 },
];

export const SCORM12_VERSION = "3.4";
