import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, YAMLError } from "yaml";
import { z } from "zod";

import { isLocale, isSector, LOCALES, SECTORS } from "~/domain/constants";
import { LEVELS, LITERATURE_TYPES, REVIEWER_TYPES } from "./about";
import type { LineProblem } from "./types";

export interface FrontMatterBlock {
  /** The YAML between the `---` lines. */
  text: string;
  /** File line of the first YAML line (the opening `---` is the line before). */
  startLine: number;
}

export type SplitResult =
  | { ok: true; frontMatter: FrontMatterBlock | null; body: string; bodyStartLine: number }
  | { ok: false; problem: LineProblem };

const FENCE = "---";

/** Line endings and a byte-order mark must not change what authors see as line numbers. */
export function normalizeSource(source: string): string {
  return source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

/** Separates an optional leading `---` block from the Markdown that follows it. */
export function splitFrontMatter(source: string): SplitResult {
  const lines = normalizeSource(source).split("\n");
  if (lines[0]?.trimEnd() !== FENCE) {
    return { ok: true, frontMatter: null, body: lines.join("\n"), bodyStartLine: 1 };
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (close === -1) {
    return {
      ok: false,
      problem: { line: 1, message: "front matter is not closed: add a line with --- after it" },
    };
  }
  return {
    ok: true,
    frontMatter: { text: lines.slice(1, close).join("\n"), startLine: 2 },
    body: lines.slice(close + 1).join("\n"),
    bodyStartLine: close + 2,
  };
}

type Path = ReadonlyArray<string | number>;

export interface FrontMatterResult<T> {
  /** null when the YAML or the schema rejected it. */
  data: T | null;
  problems: LineProblem[];
  /** File line of the key (or list item) at `path`; the opening `---` line when it is absent. */
  lineOf(path: Path): number;
}

/** Parses and validates front matter; a missing block is validated as an empty mapping. */
export function readFrontMatter<S extends z.ZodTypeAny>(
  block: FrontMatterBlock | null,
  schema: S,
): FrontMatterResult<z.output<S>> {
  return readYaml(block, schema, "front matter");
}

/** Parses and validates a whole YAML file (quiz.yaml, survey.yaml); line numbers are the file's. */
export function readYamlFile<S extends z.ZodTypeAny>(text: string, schema: S): FrontMatterResult<z.output<S>> {
  return readYaml({ text, startLine: 1 }, schema, "file");
}

function readYaml<S extends z.ZodTypeAny>(
  block: FrontMatterBlock | null,
  schema: S,
  subject: "front matter" | "file",
): FrontMatterResult<z.output<S>> {
  const text = block?.text ?? "";
  const startLine = block?.startLine ?? 2;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (path: Path) => Math.max(1, lineOfPath(doc, path, lineCounter, startLine));

  const [yamlError] = doc.errors;
  if (yamlError) {
    // Later YAML errors are nearly always consequences of the first one.
    const line = startLine - 1 + lineCounter.linePos(yamlError.pos[0]).line;
    const hint = YAML_HINTS[yamlError.code];
    const message = `invalid YAML: ${yamlError.message}` + (hint ? ` (${hint})` : "");
    return { data: null, lineOf, problems: [{ line, message }] };
  }

  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { data: parsed.data as z.output<S>, problems: [], lineOf };
  const problems = parsed.error.issues.flatMap((issue) => issueToProblems(issue, schema, lineOf, subject));
  return { data: null, problems: withoutRepeats(problems), lineOf };
}

/** The YAML mistakes authors make most, explained in their terms. */
const YAML_HINTS: Partial<Record<YAMLError["code"], string>> = {
  BLOCK_AS_IMPLICIT_KEY: 'put text that contains ": " between quotes',
  MULTILINE_IMPLICIT_KEY: 'put text that contains ": " between quotes',
  MISSING_CHAR: "check for a missing closing quote or bracket",
  TAB_AS_INDENT: "indent with spaces",
};

function lineOfPath(doc: Document, path: Path, lineCounter: LineCounter, startLine: number): number {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
      );
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (!isNode(item)) break;
      if (item.range) offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? startLine - 1 : startLine - 1 + lineCounter.linePos(offset).line;
}

function issueToProblems(
  issue: z.ZodIssue,
  schema: z.ZodTypeAny,
  lineOf: (path: Path) => number,
  subject: "front matter" | "file",
): LineProblem[] {
  const keyWord = subject === "front matter" ? "front matter key" : "key";
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const known = issue.path.length === 0 ? knownKeys(schema) : [];
    return issue.keys.map((key) => ({
      line: lineOf([...issue.path, key]),
      message: unknownKeyMessage(key, known, keyWord),
    }));
  }
  const line = lineOf(issue.path);
  const label = issue.path.map((segment) => (typeof segment === "number" ? `item ${segment + 1}` : segment)).join(" ");
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.path.length === 0)
      return [
        { line, message: `${subject === "file" ? "the file" : "front matter"} must be a list of key: value lines` },
      ];
    if (issue.received === "undefined") return [{ line, message: `missing ${keyWord} "${label}"` }];
    if (issue.received === "null") return [{ line, message: `${label} is empty` }];
  }
  return [{ line, message: issue.message }];
}

/** One value can fail several checks with the same message (2.5 is neither whole nor ≥ 5). */
function withoutRepeats(problems: LineProblem[]): LineProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.line}\0${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function knownKeys(schema: z.ZodTypeAny): string[] {
  if (schema instanceof z.ZodEffects) return knownKeys(schema.innerType() as z.ZodTypeAny);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as z.ZodRawShape) : [];
}

function unknownKeyMessage(key: string, known: string[], keyWord: string): string {
  const close = known.find((candidate) => editDistance(candidate, key.toLowerCase()) <= 2);
  return `unknown ${keyWord} "${key}"` + (close ? ` (did you mean "${close}"?)` : "");
}

/** Levenshtein distance; keys are short, so the quadratic table is fine. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Schemas. Messages are written for course authors, who read them in `courses:check` output.

export function text(key: string, max?: number) {
  const base = z
    .string({ invalid_type_error: `${key} must be text` })
    .trim()
    .min(1, `${key} is empty`);
  return max === undefined ? base : base.max(max, `${key} is longer than ${max} characters`);
}

export function wholeNumber(key: string, min: number, max: number) {
  const message = `${key} must be a whole number from ${min} to ${max}`;
  return z.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);
}

export function list<T extends z.ZodTypeAny>(key: string, item: T) {
  return z
    .array(item, { invalid_type_error: `${key} must be a list` })
    .min(1, `${key} must list at least one item`)
    .superRefine((values, ctx) => {
      values.forEach((value, index) => {
        if (values.indexOf(value) !== index) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [index],
            message: `${key} lists "${String(value)}" twice`,
          });
        }
      });
    });
}

const sector = z
  .string({ invalid_type_error: "a sector must be text" })
  .refine(isSector, (value) => ({ message: `unknown sector "${value}" (allowed: ${SECTORS.join(", ")})` }));

const language = z
  .string({ invalid_type_error: "a language must be text" })
  .refine(isLocale, (value) => ({ message: `unknown language "${value}" (allowed: ${LOCALES.join(", ")})` }));

// The accreditation package: who made and reviewed the module, for whom, on what sources, and
// where to complain. Optional per module (the shipped modules are tested to carry all of it).
// Structure, dates and literature live in module.md; the texts are translated in module.<lang>.md.

export function isoDate(key: string) {
  const message = `${key} must be a date written as YYYY-MM-DD`;
  return z
    .string({ invalid_type_error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, `${key} is not a calendar date`);
}

function oneOf<T extends readonly [string, ...string[]]>(key: string, values: T) {
  const allowed = values.join(", ");
  return z.enum(values, {
    errorMap: (issue) => ({
      message:
        issue.code === "invalid_enum_value"
          ? `unknown ${key} "${String(issue.received)}" (allowed: ${allowed})`
          : `${key} must be one of: ${allowed}`,
    }),
  });
}

/** An https:// link (registers and readers must be able to open it); mailto: for an address. */
function link(key: string) {
  return z
    .string({ invalid_type_error: `${key} must be text` })
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        if (url.protocol === "mailto:") return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(url.pathname);
        return url.protocol === "https:" && url.hostname.includes(".");
      } catch {
        return false;
      }
    }, `${key} must be an https:// link or a mailto: address`);
}

const reviewer = z
  .object({
    type: oneOf("reviewer type", REVIEWER_TYPES),
    role: text("reviewer role", 200),
    reviewed: isoDate("reviewed"),
  })
  .strict();

const literatureEntry = z
  .object({
    type: oneOf("literature type", LITERATURE_TYPES),
    citation: text("citation", 400),
    url: link("url").optional(),
  })
  .strict();

const complaints = z
  .object({
    text: text("complaints text", 500),
    contact: link("complaints contact").optional(),
  })
  .strict();

/** Reviewer dates cannot lie after the date the module says it was last reviewed. */
function reviewDatesInOrder(
  value: { reviewers?: Array<{ reviewed: string }>; last_reviewed?: string },
  ctx: z.RefinementCtx,
) {
  if (!value.last_reviewed || !value.reviewers) return;
  value.reviewers.forEach((entry, index) => {
    if (entry.reviewed > (value.last_reviewed ?? "")) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["reviewers", index, "reviewed"],
        message: `reviewed ${entry.reviewed} is after last_reviewed ${value.last_reviewed}`,
      });
    }
  });
}

const packageKeys = {
  authors: list("authors", text("author", 200)).optional(),
  reviewers: z
    .array(reviewer, { invalid_type_error: "reviewers must be a list" })
    .min(1, "reviewers must list at least one item")
    .optional(),
  last_reviewed: isoDate("last_reviewed").optional(),
  professions: list("professions", text("profession", 200)).optional(),
  level: oneOf("level", LEVELS).optional(),
  literature: z
    .array(literatureEntry, { invalid_type_error: "literature must be a list" })
    .min(1, "literature must list at least one item")
    .optional(),
  independence: text("independence", 1000).optional(),
  complaints: complaints.optional(),
};

const translatedReviewer = z.object({ role: text("reviewer role", 200) }).strict();

/** The translatable part of the package, in module.<lang>.md: same list lengths as module.md. */
const translatedPackageKeys = {
  authors: list("authors", text("author", 200)).optional(),
  reviewers: z
    .array(translatedReviewer, { invalid_type_error: "reviewers must be a list" })
    .min(1, "reviewers must list at least one item")
    .optional(),
  professions: list("professions", text("profession", 200)).optional(),
  independence: text("independence", 1000).optional(),
  complaints: z
    .object({ text: text("complaints text", 500) })
    .strict()
    .optional(),
};

export const moduleFrontMatter = z
  .object({
    title: text("title"),
    summary: text("summary", 300),
    sectors: list("sectors", sector),
    minutes: wholeNumber("minutes", 5, 240),
    objectives: list("objectives", text("objective")),
    languages: list("languages", language).refine((values) => values.includes("nl"), "languages must include nl"),
    // false: the module completes without a final assessment (quiz.yaml has no assessment section)
    assessment: z.boolean({ invalid_type_error: "assessment must be true or false" }).default(true),
    ...packageKeys,
  })
  .strict()
  .superRefine(reviewDatesInOrder);

export const moduleTranslationFrontMatter = z
  .object({
    title: text("title"),
    summary: text("summary", 300),
    objectives: list("objectives", text("objective")),
    ...translatedPackageKeys,
  })
  .strict();

export const lessonFrontMatter = z.object({ minutes: wholeNumber("minutes", 1, 240).optional() }).strict();

/** Lesson length belongs to the lesson, not to one language, so translations carry no keys. */
export const lessonTranslationFrontMatter = z.object({}).strict();

export type ModuleFrontMatter = z.infer<typeof moduleFrontMatter>;
export type ModuleTranslationFrontMatter = z.infer<typeof moduleTranslationFrontMatter>;
