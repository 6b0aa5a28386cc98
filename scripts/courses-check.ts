/**
 * Validates the course files: `tsx scripts/courses-check.ts [dir]` (default `courses`).
 * Prints one `path:line: message` line per problem to stderr and exits 1 if there is any.
 */
import path from "node:path";

import { formatProblem, loadCourses } from "../app/content/load.server";

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

async function main(): Promise<number> {
  const dir = process.argv[2] ?? "courses";
  const { modules, problems } = await loadCourses(path.resolve(dir), { relativeTo: process.cwd() });
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(problem));
    return 1;
  }
  const lessons = modules.reduce((total, module) => total + module.lessons.length, 0);
  const languages = new Set(modules.flatMap((module) => module.languages)).size;
  const label = dir.replace(/\/+$/, "") || dir;
  console.log(
    `${label}: ${plural(modules.length, "module")}, ${plural(lessons, "lesson")}, ${plural(
      languages,
      "language"
    )} — OK`
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  }
);
