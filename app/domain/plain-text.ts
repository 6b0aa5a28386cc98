import { z } from "zod";

/**
 * Names (learners, organisations, cohorts, module titles) end up in PDFs, CSV files, mails and
 * log lines. Control characters there hide text, rewrite terminal output or reorder what a reader
 * sees, so a name may contain none of: C0 controls (names are one line, so tab and newline too),
 * DEL, C1 controls, the bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069),
 * and the Unicode line and paragraph separators.
 */
// \p{Cc} is C0, DEL and C1.
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const CONTROL_CHARACTERS_GLOBAL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]+/gu;

/** i18n key of the message for a name with control characters (nl and en in messages/common). */
export const CONTROL_CHARACTERS_MESSAGE = "validation.controlCharacters";

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/**
 * For names we did not get from a form (titles read from an imported package): each run of
 * control characters becomes one space, then whitespace is collapsed and trimmed.
 */
export function stripControlCharacters(value: string): string {
  return value.replace(CONTROL_CHARACTERS_GLOBAL, " ").replace(/\s+/g, " ").trim();
}

/** A trimmed one-line name: required, at most `max` characters, no control characters. */
export function nameField(messages: { required: string; tooLong: string }, max = 120) {
  return z
    .string({ required_error: messages.required })
    .trim()
    .min(1, messages.required)
    .max(max, messages.tooLong)
    .refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS_MESSAGE);
}
