/**
 * Value checks for the SCORM data model types (SCORM 1.2 RTE 3.4.1 data types; SCORM 2004 4th ed.
 * RTE 4.1.1 data types). Each returns a ValueCheck: null when fine, else a type or range failure.
 */

import { parseCmiTimespan, parseIsoDuration } from "./time";
import type { CheckContext, CheckResult, Tolerance, ValueCheck } from "./types";

const ok: CheckResult = null;

function typeError(message: string): CheckResult {
  return { kind: "type", message };
}

function rangeError(message: string): CheckResult {
  return { kind: "range", message };
}

/** Length in characters (code points), the unit of the RTE's string limits. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
}

// Control characters (other than tab, line feed and carriage return) never belong in an identifier.
const CONTROL_CHARACTER = /(?![\t\n\r\u0080-\u009f])\p{Cc}/u;

/** A value from a fixed vocabulary. */
export function vocabulary(values: readonly string[]): ValueCheck {
  const allowed = new Set(values);
  return (value) =>
    allowed.has(value) ? ok : typeError(`"${value}" is not one of: ${values.map((v) => `"${v}"`).join(", ")}`);
}

/**
 * characterstring with a length limit (SCORM 2004 SPM, SCORM 1.2 CMIString255/4096). In "lenient"
 * tolerance the limit only holds when `alwaysEnforced` (suspend_data).
 */
export function characterString(maxLength: number, alwaysEnforced = false): ValueCheck {
  return (value, context) => {
    if (!alwaysEnforced && context.tolerance === "lenient") return ok;
    return characterCount(value) > maxLength
      ? typeError(`longer than ${maxLength} characters (${characterCount(value)})`)
      : ok;
  };
}

/** A run-time chosen length limit (1.2 suspend_data depends on the tolerance). */
export function characterStringByTolerance(limits: Record<Tolerance, number>): ValueCheck {
  return (value, context) => {
    const limit = limits[context.tolerance];
    return characterCount(value) > limit ? typeError(`longer than ${limit} characters (${characterCount(value)})`) : ok;
  };
}

// RFC 3066 language tag as used by SCORM 2004: primary tag of 1–8 letters, subtags of 1–8 letters/digits.
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/** language_type: a language tag or the empty string. */
export const languageType: ValueCheck = (value) =>
  value === "" || isLanguageTag(value) ? ok : typeError(`"${value}" is not a language tag`);

/** Splits "{lang=nl}tekst" into tag and text; a value without the delimiter is all text. */
function splitLanguage(value: string): { tag: string | null; text: string } | null {
  if (!value.startsWith("{lang=")) return { tag: null, text: value };
  const end = value.indexOf("}");
  if (end < 0) return null;
  const tag = value.slice("{lang=".length, end);
  return isLanguageTag(tag) ? { tag, text: value.slice(end + 1) } : null;
}

/** localized_string_type: optional "{lang=…}" delimiter, then characterstring of at most `maxLength`. */
export function localizedString(maxLength: number): ValueCheck {
  const lengthCheck = characterString(maxLength);
  return (value, context) => {
    const parts = splitLanguage(value);
    if (!parts) return typeError(`"${value.slice(0, 40)}" has a malformed {lang=…} delimiter`);
    return lengthCheck(parts.text, context);
  };
}

/** SCORM 1.2 CMIIdentifier: no white space or unprintable characters, at most 255 characters. */
export const identifier12: ValueCheck = (value, context) => {
  if (value === "") return typeError("an identifier cannot be empty");
  if (context.tolerance === "lenient") {
    return CONTROL_CHARACTER.test(value) ? typeError("an identifier cannot hold control characters") : ok;
  }
  if (!/^[\u0021-\u007E]+$/.test(value)) return typeError(`"${value}" holds white space or unprintable characters`);
  return characterCount(value) > 255 ? typeError("an identifier is at most 255 characters") : ok;
};

// URI characters (RFC 3986: unreserved, reserved and percent escapes), without "[" and "]": RFC 3986
// only allows them around IPv6 hosts, and SCORM uses them for its "[,]", "[.]" and "[:]" delimiters.
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$/;

function uriIdentifier(value: string, maxLength: number, tolerance: Tolerance): CheckResult {
  if (value === "") return typeError("an identifier cannot be empty");
  if (tolerance === "lenient") {
    return CONTROL_CHARACTER.test(value) ? typeError("an identifier cannot hold control characters") : ok;
  }
  if (!URI_CHARACTERS.test(value))
    return typeError(`"${value.slice(0, 60)}" is not a URI (white space or other characters)`);
  return characterCount(value) > maxLength ? typeError(`an identifier is at most ${maxLength} characters`) : ok;
}

/** SCORM 2004 long_identifier_type: a URI, SPM 4000. */
export const longIdentifier: ValueCheck = (value, context) => uriIdentifier(value, 4000, context.tolerance);

/** SCORM 2004 short_identifier_type: a URI, SPM 250. */
export const shortIdentifier: ValueCheck = (value, context) => uriIdentifier(value, 250, context.tolerance);

// A decimal number without exponent: "-1", "0.5", "12.", ".5".
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
}

/** CMIDecimal (1.2) / real(10,7) (2004), optionally within an inclusive range. */
export function decimal(range: NumberRange = {}, allowBlank = false): ValueCheck {
  return (value) => {
    if (allowBlank && value === "") return ok;
    if (!isDecimal(value)) return typeError(`"${value}" is not a decimal number`);
    return inRange(Number(value), range);
  };
}

/** CMISInteger (1.2) / integer (2004), optionally within an inclusive range. */
export function integer(range: NumberRange = {}): ValueCheck {
  return (value) => (/^-?\d+$/.test(value) ? inRange(Number(value), range) : typeError(`"${value}" is not an integer`));
}

function inRange(number: number, { min, max }: NumberRange): CheckResult {
  if (min !== undefined && number < min) return rangeError(`${number} is below ${min}`);
  if (max !== undefined && number > max) return rangeError(`${number} is above ${max}`);
  return ok;
}

/** SCORM 1.2 CMITimespan. */
export const timespan12: ValueCheck = (value) =>
  parseCmiTimespan(value) === null ? typeError(`"${value}" is not a CMITimespan (HHHH:MM:SS.SS)`) : ok;

/** SCORM 1.2 CMITime: a time of day "HH:MM:SS[.SS]". */
export const time12: ValueCheck = (value) =>
  /^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,2})?$/.test(value)
    ? ok
    : typeError(`"${value}" is not a CMITime (HH:MM:SS)`);

/** SCORM 2004 timeinterval (second,10,2): an ISO 8601 duration. */
export const timeInterval: ValueCheck = (value) =>
  parseIsoDuration(value) === null ? typeError(`"${value}" is not an ISO 8601 duration`) : ok;

// YYYY[-MM[-DD[Thh[:mm[:ss[.s][TZD]]]]]] with TZD = Z | ±hh[:mm].
const TIMESTAMP =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2})(?::(\d{2}))?)?)?)?)?)?)?$/;

/** SCORM 2004 time (second,10,0): an ISO 8601 date-time; years 1970–2038 (lenient: up to 9999). */
export const timestamp: ValueCheck = (value, context) => {
  const match = TIMESTAMP.exec(value);
  if (!match) return typeError(`"${value}" is not an ISO 8601 time`);
  const [, year, month, day, hour, minute, second, zoneHour, zoneMinute] = match.map((part) =>
    part === undefined ? undefined : Number(part),
  );
  const lastYear = context.tolerance === "lenient" ? 9999 : 2038;
  if (year! < 1970 || year! > lastYear) return rangeError(`year ${year} is outside 1970–${lastYear}`);
  if (month !== undefined && (month < 1 || month > 12)) return typeError(`month ${month} does not exist`);
  if (day !== undefined && (day < 1 || day > daysInMonth(year!, month!))) return typeError(`day ${day} does not exist`);
  if (hour !== undefined && hour > 23) return typeError(`hour ${hour} does not exist`);
  if (minute !== undefined && minute > 59) return typeError(`minute ${minute} does not exist`);
  if (second !== undefined && second > 59) return typeError(`second ${second} does not exist`);
  if (zoneHour !== undefined && zoneHour > 23) return typeError("the time zone offset is out of range");
  if (zoneMinute !== undefined && zoneMinute > 59) return typeError("the time zone offset is out of range");
  return ok;
};

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// ---------------------------------------------------------------------------------------------------
// Interaction responses (SCORM 2004 RTE 4.2.9.1 correct_responses, 4.2.9.2 learner_response).

export const INTERACTION_TYPES_2004 = [
  "true-false",
  "choice",
  "fill-in",
  "long-fill-in",
  "likert",
  "matching",
  "performance",
  "sequencing",
  "numeric",
  "other",
] as const;

export const INTERACTION_TYPES_12 = [
  "true-false",
  "choice",
  "fill-in",
  "matching",
  "performance",
  "sequencing",
  "likert",
  "numeric",
] as const;

const LIST = "[,]";
const RECORD = "[.]";
const RANGE = "[:]";

/** Checks every item of a "[,]"-delimited list; SPM on the number of items only in "spec" tolerance. */
function listOf(
  value: string,
  maxItems: number,
  context: CheckContext,
  item: (part: string) => CheckResult,
  unique = false,
): CheckResult {
  const parts = value.split(LIST);
  if (context.tolerance === "spec" && parts.length > maxItems) return typeError(`more than ${maxItems} items`);
  if (unique && new Set(parts).size !== parts.length) return typeError("an item occurs more than once");
  for (const part of parts) {
    const result = item(part);
    if (result) return result;
  }
  return ok;
}

/** Strips leading "{case_matters=…}" / "{order_matters=…}" delimiters (each at most once). */
function stripResponseFlags(value: string, allowed: readonly string[]): string | null {
  let rest = value;
  const seen = new Set<string>();
  for (;;) {
    const match = /^\{(case_matters|order_matters)=(true|false)\}/.exec(rest);
    if (!match) return /^\{(?:case_matters|order_matters)=/.test(rest) ? null : rest;
    const flag = match[1]!;
    if (!allowed.includes(flag) || seen.has(flag)) return null;
    seen.add(flag);
    rest = rest.slice(match[0].length);
  }
}

function numericRange(value: string): CheckResult {
  if (isDecimal(value)) return ok;
  const parts = value.split(RANGE);
  if (parts.length !== 2) return typeError(`"${value}" is not a number or a range min[:]max`);
  const [min = "", max = ""] = parts;
  if ((min !== "" && !isDecimal(min)) || (max !== "" && !isDecimal(max))) {
    return typeError(`"${value}" is not a range min[:]max`);
  }
  if (min !== "" && max !== "" && Number(min) > Number(max)) return typeError(`"${value}": min is above max`);
  return ok;
}

function performanceStep(part: string, context: CheckContext, isPattern: boolean): CheckResult {
  const pieces = part.split(RECORD);
  if (pieces.length !== 2) return typeError(`"${part}" is not a step step_name[.]step_answer`);
  const [name = "", answer = ""] = pieces;
  if (name === "" && answer === "") return typeError("a step needs a name or an answer");
  if (name !== "") {
    const nameResult = shortIdentifier(name, context);
    if (nameResult) return nameResult;
  }
  if (isPattern && answer.includes(RANGE)) return numericRange(answer);
  return characterString(250)(answer, context);
}

/**
 * The format of learner_response (isPattern false) or correct_responses.n.pattern (isPattern true) for
 * a SCORM 2004 interaction type.
 */
export function checkResponse2004(type: string, value: string, isPattern: boolean, context: CheckContext): CheckResult {
  const shortId = (part: string) => shortIdentifier(part, context);
  switch (type) {
    case "true-false":
      return value === "true" || value === "false" ? ok : typeError(`"${value}" is not "true" or "false"`);
    case "choice":
      return value === "" ? ok : listOf(value, 36, context, shortId, true);
    case "fill-in": {
      const rest = isPattern ? stripResponseFlags(value, ["case_matters", "order_matters"]) : value;
      if (rest === null) return typeError(`"${value}" has malformed {case_matters}/{order_matters} delimiters`);
      return listOf(rest, 10, context, (part) => localizedString(250)(part, context));
    }
    case "long-fill-in": {
      const rest = isPattern ? stripResponseFlags(value, ["case_matters"]) : value;
      if (rest === null) return typeError(`"${value.slice(0, 40)}" has a malformed {case_matters} delimiter`);
      return localizedString(4000)(rest, context);
    }
    case "likert":
      return shortId(value);
    case "matching":
      return listOf(value, 36, context, (part) => {
        const pieces = part.split(RECORD);
        if (pieces.length !== 2) return typeError(`"${part}" is not a pair source[.]target`);
        return shortId(pieces[0]!) ?? shortId(pieces[1]!);
      });
    case "performance": {
      const rest = isPattern ? stripResponseFlags(value, ["order_matters"]) : value;
      if (rest === null) return typeError(`"${value}" has a malformed {order_matters} delimiter`);
      return listOf(rest, 250, context, (part) => performanceStep(part, context, isPattern));
    }
    case "sequencing":
      return listOf(value, 36, context, shortId);
    case "numeric":
      return isPattern ? numericRange(value) : decimal()(value, context);
    case "other":
      return characterString(4000)(value, context);
    default:
      return null;
  }
}

/**
 * SCORM 1.2 CMIFeedback (student_response, correct_responses.n.pattern). The 1.2 formats per type are
 * loose and authoring tools do not follow them (choice answers as text, for example), so only
 * true-false and numeric are checked for structure; everything is a CMIString255.
 */
export function checkResponse12(type: string, value: string, context: CheckContext): CheckResult {
  if (type === "true-false" && value !== "" && !/^(?:0|1|t|f|true|false)$/i.test(value)) {
    return typeError(`"${value}" is not a true-false response (0, 1, t, f)`);
  }
  if (type === "numeric" && value !== "" && !isDecimal(value)) {
    return typeError(`"${value}" is not a numeric response`);
  }
  return characterString(255)(value, context);
}
