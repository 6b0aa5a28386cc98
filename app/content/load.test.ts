import { cp, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterEach, describe, expect, it } from "vitest";

import { formatProblem, loadCourses } from "./load.server";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = path.join(REPO, "tests/fixtures/courses");

async function problemLines(fixture: string): Promise<string[]> {
  const result = await loadCourses(path.join(FIXTURES, fixture), { relativeTo: REPO });
  return result.problems.map(formatProblem);
}

const temporary: string[] = [];

/** A writable copy of the valid fixture, for tests that change files. */
async function copyOfValid(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-courses-"));
  temporary.push(directory);
  await cp(path.join(FIXTURES, "valid"), directory, { recursive: true });
  return directory;
}

afterEach(async () => {
  await Promise.all(temporary.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe("loadCourses on valid content", () => {
  it("parses every module, ordered by position, without problems", async () => {
    const { modules, problems, skipped } = await loadCourses(path.join(FIXTURES, "valid"), {
      relativeTo: REPO,
    });
    expect(problems).toEqual([]);
    expect(skipped).toEqual([]);
    expect(modules.map((module) => [module.slug, module.position, module.languages])).toEqual([
      ["basis", 1, ["nl", "en"]],
      ["bank", 2, ["nl"]],
    ]);
    const [basis] = modules;
    expect(basis?.sectors).toEqual(["bank", "care"]);
    expect(basis?.minutes).toBe(20);
    expect(basis?.locales.en).toMatchObject({
      title: "Sex work and stigma: the basics",
      objectives: ["You can explain what sex work is.", "You recognise stigma in your own work."],
    });
    expect(basis?.locales.nl?.introHtml).toContain('<a href="/modules/basis/wat-is-sekswerk">');
    expect(basis?.locales.nl?.introHtml).not.toContain("<script");
  });

  it("takes lesson titles from the heading and leaves them out of the body", async () => {
    const { modules } = await loadCourses(path.join(FIXTURES, "valid"));
    const lessons = modules[0]?.lessons ?? [];
    expect(
      lessons.map((lesson) => [
        lesson.slug,
        lesson.position,
        lesson.locales.nl?.title,
        lesson.locales.en?.title,
      ])
    ).toEqual([
      ["wat-is-sekswerk", 1, "Wat is sekswerk?", "What is sex work?"],
      ["stigma", 2, "Stigma en de gevolgen", "Stigma and its consequences"],
    ]);
    expect(lessons[0]?.locales.nl?.html).not.toContain("<h1");
    expect(lessons[0]?.locales.nl?.html).toContain('href="/modules/bank/melden#kop"');
  });

  it("uses front matter minutes, otherwise one minute per 150 words (at least one)", async () => {
    const directory = await copyOfValid();
    const words = Array.from({ length: 301 }, (_, index) => `woord${index}`).join(" ");
    await writeFile(path.join(directory, "02.bank/01.melden.md"), `# Melden\n\n${words}\n`);
    const { modules } = await loadCourses(directory);
    expect(modules[0]?.lessons.map((lesson) => lesson.minutes)).toEqual([1, 7]);
    // 302 words including the title.
    expect(modules[1]?.lessons[0]?.minutes).toBe(3);
  });

  it("produces stable hashes that follow content, and lesson hashes that survive renumbering", async () => {
    const directory = await copyOfValid();
    const before = (await loadCourses(directory)).modules;
    expect((await loadCourses(directory)).modules).toEqual(before);
    expect(before[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const lessonFile = path.join(directory, "01.basis/02.stigma.en.md");
    await writeFile(lessonFile, (await readFile(lessonFile, "utf8")) + "\nMore.\n");
    const edited = (await loadCourses(directory)).modules;
    expect(edited[0]?.contentHash).not.toBe(before[0]?.contentHash);
    expect(edited[0]?.lessons[0]?.contentHash).toBe(before[0]?.lessons[0]?.contentHash);
    expect(edited[0]?.lessons[1]?.contentHash).not.toBe(before[0]?.lessons[1]?.contentHash);
    expect(edited[1]?.contentHash).toBe(before[1]?.contentHash);

    await rename(path.join(directory, "02.bank/01.melden.md"), path.join(directory, "02.bank/05.melden.md"));
    const linking = path.join(directory, "01.basis/01.wat-is-sekswerk.md");
    await writeFile(linking, (await readFile(linking, "utf8")).replace("01.melden.md", "05.melden.md"));
    const renumbered = (await loadCourses(directory)).modules;
    expect(renumbered[1]?.lessons[0]?.position).toBe(5);
    expect(renumbered[1]?.lessons[0]?.contentHash).toBe(before[1]?.lessons[0]?.contentHash);
    expect(renumbered[1]?.contentHash).not.toBe(before[1]?.contentHash);
  });

  it("keeps valid modules when another one has problems, and names the skipped one", async () => {
    const directory = await copyOfValid();
    await writeFile(path.join(directory, "02.bank/01.melden.md"), "Geen titel\n");
    const { modules, problems, skipped } = await loadCourses(directory, { relativeTo: directory });
    expect(modules.map((module) => module.slug)).toEqual(["basis"]);
    expect(skipped).toEqual(["bank"]);
    expect(problems.map(formatProblem)).toEqual([
      // The basis module links to the bank lesson, which still exists, so only bank is affected.
      '02.bank/01.melden.md:1: missing title: a lesson must start with a level-one heading ("# Title")',
    ]);
  });

  it("ignores hidden files and reports a missing courses directory", async () => {
    const directory = await copyOfValid();
    await writeFile(path.join(directory, "01.basis/.DS_Store"), "");
    expect((await loadCourses(directory)).problems).toEqual([]);
    const missing = await loadCourses(path.join(directory, "nope"), { relativeTo: directory });
    expect(missing.problems.map(formatProblem)).toEqual(["nope:1: directory not found"]);
  });
});

describe("loadCourses on broken content", () => {
  const base = "tests/fixtures/courses";
  const cases: Record<string, string[]> = {
    "broken-missing-title": [
      `${base}/broken-missing-title/01.basis/01.les.md:5: missing title: a lesson must start with a level-one heading ("# Title")`,
    ],
    "broken-duplicate-lesson-slug": [
      `${base}/broken-duplicate-lesson-slug/01.basis/02.intro.md:1: duplicate lesson slug "intro" (also 01.intro.md)`,
    ],
    "broken-duplicate-lesson-number": [
      `${base}/broken-duplicate-lesson-number/01.basis/02.twee.md:1: duplicate lesson number 02 (also 02.drie.md)`,
    ],
    "broken-bad-yaml": [
      `${base}/broken-bad-yaml/01.basis/module.md:3: invalid YAML: Nested mappings are not allowed in compact mappings (put text that contains ": " between quotes)`,
    ],
    "broken-unknown-key": [
      `${base}/broken-unknown-key/01.basis/module.md:9: unknown front matter key "duration"`,
    ],
    "broken-unknown-sector": [
      `${base}/broken-unknown-sector/01.basis/module.md:6: unknown sector "politie" (allowed: bank, police, care, municipality, government, other)`,
    ],
    "broken-broken-link": [
      `${base}/broken-broken-link/01.basis/01.les.md:4: broken link "03.bestaat-niet.md#kop": no such lesson or module file`,
      `${base}/broken-broken-link/01.basis/01.les.md:6: broken link "../02.andere/module.md": no such lesson or module file`,
    ],
    "broken-missing-translation": [
      `${base}/broken-missing-translation/01.basis/01.les.md:1: missing "en" translation (01.les.en.md)`,
    ],
    "broken-unlisted-translation": [
      `${base}/broken-unlisted-translation/01.basis/01.les.en.md:1: translation for "en", but module.md does not list "en" under languages`,
    ],
    "broken-objectives-mismatch": [
      `${base}/broken-objectives-mismatch/01.basis/module.en.md:4: objectives has 2 items but module.md has 1`,
    ],
    "broken-missing-module-md": [`${base}/broken-missing-module-md/01.basis:1: missing module.md`],
    "broken-naming": [
      `${base}/broken-naming/01.basis/02.Hoofdletters.md:1: file name does not follow the pattern module.md, module.<lang>.md, NN.slug.md or NN.slug.<lang>.md`,
      `${base}/broken-naming/01.basis/les-2.md:1: file name does not follow the pattern module.md, module.<lang>.md, NN.slug.md or NN.slug.<lang>.md`,
      `${base}/broken-naming/3.extra:1: directory name does not follow the pattern NN.slug (two digits, a dot, lowercase letters, digits and hyphens)`,
    ],
    "broken-duplicate-module": [
      `${base}/broken-duplicate-module/02.basis:1: duplicate module number 02 (also 02.andere)`,
      `${base}/broken-duplicate-module/02.basis:1: duplicate module slug "basis" (also 01.basis)`,
    ],
    "broken-front-matter-values": [
      `${base}/broken-front-matter-values/01.basis/01.les.md:2: minutes must be a whole number from 1 to 240`,
      `${base}/broken-front-matter-values/01.basis/01.les.md:3: unknown front matter key "lengte"`,
      `${base}/broken-front-matter-values/01.basis/01.les.md:5: title is empty`,
      `${base}/broken-front-matter-values/01.basis/module.md:2: title is empty`,
      `${base}/broken-front-matter-values/01.basis/module.md:4: sectors must list at least one item`,
      `${base}/broken-front-matter-values/01.basis/module.md:5: minutes must be a whole number from 5 to 240`,
      `${base}/broken-front-matter-values/01.basis/module.md:8: objectives item 2 is empty`,
      `${base}/broken-front-matter-values/01.basis/module.md:9: languages must include nl`,
    ],
  };

  it.each(Object.entries(cases))("%s", async (fixture, expected) => {
    expect(await problemLines(fixture)).toEqual(expected);
  });

  it("excludes a module with problems but keeps the first of two duplicates", async () => {
    const result = await loadCourses(path.join(FIXTURES, "broken-duplicate-module"));
    expect(result.modules.map((module) => module.slug)).toEqual(["basis", "andere"]);
    // 02.basis is left out, but its slug is served by 01.basis, so nothing is skipped by slug.
    expect(result.skipped).toEqual([]);
    const broken = await loadCourses(path.join(FIXTURES, "broken-missing-title"));
    expect(broken.modules).toEqual([]);
    expect(broken.skipped).toEqual(["basis"]);
  });
});
