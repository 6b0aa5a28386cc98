/**
 * Validates the course files: `tsx scripts/courses-check.ts [--strict] [dir]` (default `courses`).
 * Prints one `path:line: message` line per problem to stderr and exits 1 if there is any.
 * Item-writing lint findings are printed as warnings; `--strict` makes them errors too.
 */
import path from "node:path";

import { formatProblem, loadCourses } from "../app/content/load.server";

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const strict = args.includes("--strict");
  const unknown = args.filter((arg) => arg.startsWith("-") && arg !== "--strict");
  if (unknown.length > 0) {
    console.error(`unknown option ${unknown.join(", ")} (usage: courses:check [--strict] [dir])`);
    return 2;
  }
  const dir = args.find((arg) => !arg.startsWith("-")) ?? "courses";
  const { modules, problems, warnings } = await loadCourses(path.resolve(dir), { relativeTo: process.cwd() });
  for (const problem of problems) console.error(formatProblem(problem));
  for (const warning of warnings) {
    console.error(
      strict ? formatProblem(warning) : formatProblem({ ...warning, message: `warning: ${warning.message}` }),
    );
  }
  if (problems.length > 0 || (strict && warnings.length > 0)) return 1;
  const lessons = modules.reduce((total, module) => total + module.lessons.length, 0);
  const languages = new Set(modules.flatMap((module) => module.languages)).size;
  const label = dir.replace(/\/+$/, "") || dir;
  console.log(
    `${label}: ${plural(modules.length, "module")}, ${plural(lessons, "lesson")}, ${plural(
      languages,
      "language",
    )}${warnings.length > 0 ? `, ${plural(warnings.length, "item-writing warning")}` : ""} — OK`,
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
  },
);
