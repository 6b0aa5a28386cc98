import path from "node:path";

import { assembleModule } from "./assemble.server";
import { compareText } from "./draft.server";
import { readCourseTree } from "./read.server";
import { renderModules } from "./render.server";
import type { ContentProblem, ParsedModule, ParsedSurvey } from "./types";
import { checkModule, checkPlacedChecks, flagDuplicateModules, lintDraft } from "./validate.server";

/**
 * Loads `courses/`: read every module directory (read.server), check each module and the modules
 * against each other (validate.server), render the Markdown (render.server) and assemble the
 * modules without problems (assemble.server).
 */

export interface LoadOptions {
  /** Problem paths are made relative to this directory (default: the working directory). */
  relativeTo?: string;
}

export interface LoadResult {
  /** Modules without any problem, ordered by position. */
  modules: ParsedModule[];
  problems: ContentProblem[];
  /**
   * Item-writing lint findings on the assessment banks of valid modules (see item-lint.ts):
   * warnings that never stop a module from loading; `courses:check --strict` treats them as errors.
   */
  warnings: ContentProblem[];
  /** Slugs found in the files that have no entry in `modules` because of problems. */
  skipped: string[];
  /** courses/survey.yaml, when present and valid. */
  sharedSurvey: ParsedSurvey | null;
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

export async function loadCourses(rootDir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(rootDir);
  const display = (absolute: string) => toDisplayPath(absolute, opts.relativeTo ?? process.cwd());

  const tree = await readCourseTree(root, display);
  if (!tree) {
    return {
      modules: [],
      warnings: [],
      skipped: [],
      sharedSurvey: null,
      problems: [{ file: display(root), line: 1, message: "directory not found" }],
    };
  }
  const { drafts, sharedSurvey, problems: rootProblems } = tree;
  for (const draft of drafts) checkModule(draft);

  flagDuplicateModules(drafts);
  renderModules(drafts);
  for (const draft of drafts) checkPlacedChecks(draft);

  const modules = drafts.flatMap((draft) => {
    const parsed = draft.problems.length === 0 ? assembleModule(draft, sharedSurvey) : null;
    return parsed ? [parsed] : [];
  });
  modules.sort((a, b) => a.position - b.position || compareText(a.slug, b.slug));
  const skipped = drafts
    .filter((draft) => !modules.some((module) => module.slug === draft.slug))
    .map((draft) => draft.slug);
  const problems = [...rootProblems, ...drafts.flatMap((draft) => draft.problems)].sort(compareProblems);
  const warnings = drafts
    .filter((draft) => draft.problems.length === 0)
    .flatMap(lintDraft)
    .sort(compareProblems);
  return { modules, problems, warnings, skipped: [...new Set(skipped)], sharedSurvey };
}

function toDisplayPath(absolute: string, relativeTo: string): string {
  return path.relative(path.resolve(relativeTo), absolute).split(path.sep).join("/") || ".";
}

function compareProblems(a: ContentProblem, b: ContentProblem): number {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.message, b.message);
}
