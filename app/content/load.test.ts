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

  it("reports item-writing lint findings as warnings at the bank's line, without skipping the module", async () => {
    const { modules, warnings } = await loadCourses(path.join(FIXTURES, "valid"), { relativeTo: REPO });
    expect(modules).toHaveLength(2);
    expect(warnings.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^tests\/fixtures\/courses\/valid\/01\.basis\/quiz\.yaml:6: \[longest-key\] .*\(en\).*casus-balie$/,
      ),
      expect.stringMatching(
        /^tests\/fixtures\/courses\/valid\/01\.basis\/quiz\.yaml:6: \[longest-key\] .*\(nl\).*casus-balie$/,
      ),
    ]);
  });

  it("lints no module that has problems", async () => {
    const directory = await copyOfValid();
    const moduleFile = path.join(directory, "01.basis/module.md");
    await writeFile(moduleFile, (await readFile(moduleFile, "utf8")).replace("sectors:", "sectorz:"));
    const { warnings, problems } = await loadCourses(directory);
    expect(problems.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });

  it("reads the final assessment from quiz.yaml, and no assessment where module.md declares none", async () => {
    const { modules } = await loadCourses(path.join(FIXTURES, "valid"));
    const [basis, bank] = modules;
    expect(basis?.assessment).toMatchObject({ passMark: 60, draw: 2, maxAttempts: 2, waitMinutes: 10 });
    expect(basis?.assessment?.questions.map((question) => [question.id, question.type, question.topic])).toEqual([
      ["sekswerk-is-werk", "single", "begrippen"],
      ["vergunning-sinds-2000", "true_false", "begrippen"],
      ["gevolgen-van-stigma", "multiple", "stigma"],
      ["casus-balie", "scenario", "stigma"],
    ]);
    expect(basis?.assessment?.questions[0]).toEqual({
      id: "sekswerk-is-werk",
      type: "single",
      topic: "begrippen",
      objectives: [1],
      scenario: null,
      text: { nl: "Wat is sekswerk?", en: "What is sex work?" },
      options: [
        {
          text: { nl: "Werk", en: "Work" },
          correct: true,
          feedback: { nl: "Klopt, sekswerk is werk.", en: "Right, sex work is work." },
        },
        {
          text: { nl: "Een misdrijf", en: "A crime" },
          correct: false,
          feedback: { nl: "Nee, sekswerk met vergunning is legaal.", en: "No, licensed sex work is legal." },
        },
      ],
      explanation: { nl: "Sekswerk is een beroep.", en: "Sex work is a profession." },
    });
    // true/false becomes two unlabelled options, "true" first, with the feedback for each answer.
    expect(basis?.assessment?.questions[1]?.options).toEqual([
      {
        text: null,
        correct: true,
        feedback: { nl: "Klopt, het bordeelverbod verdween in 2000.", en: "Right, the ban on brothels ended in 2000." },
      },
      { text: null, correct: false, feedback: { nl: "Toch wel, sinds 2000.", en: "It is, since 2000." } },
    ]);
    expect(basis?.assessment?.questions[3]?.scenario).toEqual({
      nl: "Een klant vertelt aan de balie dat ze sekswerker is.",
      en: "A customer tells you at the counter that she is a sex worker.",
    });
    expect(bank?.assessment).toBeNull();
    expect(bank?.checks).toEqual([]);
  });

  it("places knowledge checks: a marker in the lesson HTML and the check with its lesson", async () => {
    const { modules } = await loadCourses(path.join(FIXTURES, "valid"));
    const [basis] = modules;
    expect(basis?.checks.map((check) => [check.id, check.type, check.lessonSlug])).toEqual([
      ["is-sekswerk-werk", "true_false", "wat-is-sekswerk"],
    ]);
    const lesson = basis?.lessons[0];
    for (const html of [lesson?.locales.nl?.html, lesson?.locales.en?.html]) {
      expect(html).toContain("<!--check:is-sekswerk-werk-->");
      expect(html).not.toContain("<pre");
    }
    expect(basis?.lessons[1]?.locales.nl?.html).not.toContain("<!--check:");
  });

  it("gives every module the shared survey unless it has its own", async () => {
    const directory = await copyOfValid();
    await writeFile(
      path.join(directory, "02.bank/survey.yaml"),
      [
        "items:",
        "  - id: bank-een",
        "    text: { nl: Sekswerkers horen een bankrekening te krijgen. }",
        "  - id: bank-twee",
        "    reverse: true",
        "    text: { nl: Een sekswerker is een risicoklant. }",
        "  - id: bank-drie",
        "    text: { nl: Ik help een sekswerker zoals iedere klant. }",
        "",
      ].join("\n"),
    );
    const { modules, problems, sharedSurvey } = await loadCourses(directory);
    expect(problems).toEqual([]);
    expect(sharedSurvey?.key).toBe("shared");
    expect(sharedSurvey?.items.map((item) => [item.id, item.reverse])).toEqual([
      ["sekswerk-is-werk", false],
      ["sekswerkers-zelf-schuld", true],
      ["gelijke-dienstverlening", false],
    ]);
    expect(sharedSurvey?.items[1]?.text).toEqual({
      nl: "Sekswerkers hebben problemen aan zichzelf te danken.",
      en: "Sex workers bring their problems on themselves.",
    });
    expect(modules[0]?.survey).toEqual(sharedSurvey);
    expect(modules[1]?.survey).toEqual({
      key: "bank",
      items: [
        { id: "bank-een", reverse: false, text: { nl: "Sekswerkers horen een bankrekening te krijgen." } },
        { id: "bank-twee", reverse: true, text: { nl: "Een sekswerker is een risicoklant." } },
        { id: "bank-drie", reverse: false, text: { nl: "Ik help een sekswerker zoals iedere klant." } },
      ],
    });

    await rm(path.join(directory, "survey.yaml"));
    const withoutShared = await loadCourses(directory);
    expect(withoutShared.sharedSurvey).toBeNull();
    expect(withoutShared.modules.map((module) => module.survey?.key ?? null)).toEqual([null, "bank"]);
  });

  it("takes lesson titles from the heading and leaves them out of the body", async () => {
    const { modules } = await loadCourses(path.join(FIXTURES, "valid"));
    const lessons = modules[0]?.lessons ?? [];
    expect(
      lessons.map((lesson) => [lesson.slug, lesson.position, lesson.locales.nl?.title, lesson.locales.en?.title]),
    ).toEqual([
      ["wat-is-sekswerk", 1, "Wat is sekswerk?", "What is sex work?"],
      ["stigma", 2, "Stigma en de gevolgen", "Stigma and its consequences"],
    ]);
    expect(lessons[0]?.locales.nl?.html).not.toContain("<h1");
    expect(lessons[0]?.locales.nl?.html).toContain('href="/modules/bank/melden#kop"');
  });

  it("uses front matter minutes, otherwise one minute per 200 words (at least one), placed checks included", async () => {
    const directory = await copyOfValid();
    const words = Array.from({ length: 401 }, (_, index) => `woord${index}`).join(" ");
    await writeFile(path.join(directory, "02.bank/01.melden.md"), `# Melden\n\n${words}\n`);
    const { modules } = await loadCourses(directory);
    expect(modules[0]?.lessons.map((lesson) => lesson.minutes)).toEqual([1, 7]);
    // 402 words including the title.
    expect(modules[1]?.lessons[0]?.minutes).toBe(3);

    // Title, 196 words and the fence count 199 words; the placed check adds its 3 ("Sekswerk is werk.").
    const filler = Array.from({ length: 196 }, (_, index) => `woord${index}`).join(" ");
    await writeFile(
      path.join(directory, "01.basis/01.wat-is-sekswerk.md"),
      `# Titel\n\n${filler}\n\n\`\`\`check\nis-sekswerk-werk\n\`\`\`\n`,
    );
    const [basis] = (await loadCourses(directory)).modules;
    expect(basis?.lessons[0]?.minutes).toBe(2);
  });

  it("estimates a module's minutes from its lessons and one assessment draw", async () => {
    const directory = await copyOfValid();
    // 02.bank has no assessment: 1 + 500 words → 3 minutes, whatever the lesson's front matter says.
    const words = Array.from({ length: 500 }, (_, index) => `woord${index}`).join(" ");
    await writeFile(path.join(directory, "02.bank/01.melden.md"), `---\nminutes: 1\n---\n# Melden\n\n${words}\n`);
    const [basis, bank] = (await loadCourses(directory)).modules;
    expect(bank?.estimatedMinutes).toBe(3);
    // A short module still takes at least a minute.
    expect(basis?.estimatedMinutes).toBe(1);
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
    "broken-package-translation": [
      `${base}/broken-package-translation/01.basis/module.en.md:1: missing translation of independence (module.md has it)`,
      `${base}/broken-package-translation/01.basis/module.en.md:1: missing translation of reviewers (module.md has it)`,
      `${base}/broken-package-translation/01.basis/module.en.md:7: professions has 1 items but module.md has 2`,
    ],
    "broken-unknown-key": [`${base}/broken-unknown-key/01.basis/module.md:9: unknown front matter key "duration"`],
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
      `${base}/broken-naming/01.basis/02.Hoofdletters.md:1: file name does not follow the pattern module.md, module.<lang>.md, NN.slug.md, NN.slug.<lang>.md, quiz.yaml or survey.yaml`,
      `${base}/broken-naming/01.basis/les-2.md:1: file name does not follow the pattern module.md, module.<lang>.md, NN.slug.md, NN.slug.<lang>.md, quiz.yaml or survey.yaml`,
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
    "broken-quiz-unknown-type": [
      `${base}/broken-quiz-unknown-type/01.basis/quiz.yaml:8: unknown question type "essay" (allowed: single, multiple, true_false, scenario)`,
    ],
    "broken-quiz-no-correct-option": [
      `${base}/broken-quiz-no-correct-option/01.basis/quiz.yaml:27: no correct option: mark one with correct: true`,
    ],
    "broken-quiz-bank-too-small": [
      `${base}/broken-quiz-bank-too-small/01.basis/quiz.yaml:3: the item bank has 2 questions, fewer than draw (3)`,
    ],
    "broken-quiz-duplicate-ids": [
      `${base}/broken-quiz-duplicate-ids/01.basis/quiz.yaml:37: duplicate question id "wet" (also assessment question 1)`,
      `${base}/broken-quiz-duplicate-ids/01.basis/quiz.yaml:53: duplicate question id "wet" (also assessment question 1)`,
    ],
    "broken-quiz-missing-translation": [
      `${base}/broken-quiz-missing-translation/01.basis/quiz.yaml:10: text: missing "en" translation`,
      `${base}/broken-quiz-missing-translation/01.basis/quiz.yaml:19: option feedback: missing "en" translation`,
    ],
    "broken-check-unknown": [
      `${base}/broken-check-unknown/01.basis/01.les.md:9: unknown check "bestaat-niet": quiz.yaml has no check with this id`,
    ],
    "broken-check-not-placed": [
      `${base}/broken-check-not-placed/01.basis/quiz.yaml:13: check "vergeten" is not placed in any lesson (add a \`\`\`check block with its id)`,
    ],
    "broken-check-placement-mismatch": [
      `${base}/broken-check-placement-mismatch/01.basis/01.een.en.md:5: places checks [tweede, eerste] but the Dutch lesson places [eerste, tweede]: place the same checks in the same order`,
      `${base}/broken-check-placement-mismatch/01.basis/02.twee.en.md:1: places checks [] but the Dutch lesson places [derde]: place the same checks in the same order`,
    ],
    "broken-missing-assessment": [
      `${base}/broken-missing-assessment/01.zonder-quiz/module.md:1: missing final assessment: add an assessment section to quiz.yaml, or declare assessment: false in module.md`,
      `${base}/broken-missing-assessment/02.alleen-checks/module.md:1: missing final assessment: add an assessment section to quiz.yaml, or declare assessment: false in module.md`,
    ],
    "broken-unexpected-assessment": [
      `${base}/broken-unexpected-assessment/01.basis/quiz.yaml:14: quiz.yaml has an assessment section, but module.md declares assessment: false`,
    ],
    "broken-survey": [
      `${base}/broken-survey/02.eigen-survey/survey.yaml:6: reverse must be true or false`,
      `${base}/broken-survey/02.eigen-survey/survey.yaml:12: text has "en" text, but module.md does not list "en" under languages`,
      `${base}/broken-survey/03.te-kort/survey.yaml:1: a survey needs 3 to 12 items`,
      `${base}/broken-survey/survey.yaml:11: duplicate item id "sekswerk-is-werk"`,
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

  it("skips a module whose quiz.yaml or check placement is broken", async () => {
    for (const fixture of ["broken-quiz-unknown-type", "broken-check-unknown", "broken-check-placement-mismatch"]) {
      const result = await loadCourses(path.join(FIXTURES, fixture));
      expect(result.modules).toEqual([]);
      expect(result.skipped).toEqual(["basis"]);
    }
  });

  it("keeps modules without their own survey when the shared survey is broken, without a survey", async () => {
    const result = await loadCourses(path.join(FIXTURES, "broken-survey"));
    expect(result.sharedSurvey).toBeNull();
    expect(result.modules.map((module) => [module.slug, module.survey])).toEqual([["basis", null]]);
    expect(result.skipped).toEqual(["eigen-survey", "te-kort"]);
  });
});
