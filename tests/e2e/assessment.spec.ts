import { expect, test, type Locator, type Page } from "@playwright/test";

import type { Question } from "~/content/questions";

import { expectAccessible } from "./support/a11y";
import {
  BASICS,
  answerInput,
  attemptIdOf,
  correctAnswers,
  drawnItems,
  finishLessonsQuickly,
  fragmentOf,
  postForm,
  skipSurveyBefore,
  startAttempt,
  submitAttempt,
  tickAnswers,
  wrongAnswers,
  type DrawnItem,
} from "./support/assessment";
import { logIn } from "./support/auth";
import { createTestUser, e2eDb, type TestUser } from "./support/db";

const FIRST_CHECK = `${BASICS.slug}/check-werken-zonder-vergunning`;

async function logInAndWait(page: Page, user: TestUser) {
  await logIn(page, user);
  await expect(page).toHaveURL(/\/mijn-leren$/);
}

async function attemptRow(attemptId: string) {
  return e2eDb().assessmentAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      status: true,
      submittedAt: true,
      percent: true,
      passed: true,
      reportedMinutes: true,
      items: { orderBy: { position: "asc" }, select: { questionId: true, selected: true, score: true } },
    },
  });
}

/** The knowledge check of lesson 1 from the database: its options in authored (= display) order. */
async function firstCheck() {
  const row = await e2eDb().question.findUniqueOrThrow({
    where: { id: FIRST_CHECK },
    select: { slug: true, data: true },
  });
  const question = JSON.parse(row.data) as Question;
  return { slug: row.slug, question, correct: question.options.findIndex((option) => option.correct) };
}

const LANGUAGES = {
  nl: {
    module: "Sekswerk en stigma: de basis",
    start: "Begin met de module",
    surveyTitle: "Korte vragenlijst",
    agree: "Eens",
    stronglyAgree: "Helemaal eens",
    send: "Versturen",
    skipEvaluation: "Sla de evaluatie over",
    lessonOf: (n: number) => `Les ${n} van 4`,
    next: "Volgende les",
    finish: "Module afronden",
    check: "Oefenvraag",
    checkSubmit: "Controleer mijn antwoord",
    checkCorrect: "Goed gedaan: je antwoord is juist.",
    checkWrong: "Niet goed. Lees de uitleg en probeer het nog eens.",
    retry: "Probeer opnieuw",
    chosen: "gekozen",
    right: "juist",
    wrong: "onjuist",
    assessment: "Toets",
    startAssessment: "Begin de toets",
    question: (n: number) => `Vraag ${n} van 10`,
    minutes: "Hoeveel minuten heb je in totaal aan deze module besteed?",
    submit: "Lever de toets in",
    passed: "Gefeliciteerd, je bent geslaagd!",
    score: "Je hebt 100% goed",
    passMarkMeaning: "Dat betekent: je hebt minstens 7 van de 10 punten nodig.",
    points: "Je hebt 10 van de 10 punten. Om te slagen had je er 7 van de 10 nodig.",
    moduleCompleted: "Je hebt de module afgerond.",
    fillIn: "Vragenlijst invullen",
    completedNotice: "Je hebt de module afgerond. Goed gedaan!",
    completedOn: /Afgerond op/,
    assessmentPassed: "Toets gehaald met 100%",
  },
  en: {
    module: "Sex work and stigma: the basics",
    start: "Start the module",
    surveyTitle: "Short questionnaire",
    agree: "Agree",
    stronglyAgree: "Strongly agree",
    send: "Send",
    skipEvaluation: "Skip the evaluation",
    lessonOf: (n: number) => `Lesson ${n} of 4`,
    next: "Next lesson",
    finish: "Finish the module",
    check: "Practice question",
    checkSubmit: "Check my answer",
    checkCorrect: "Well done: your answer is correct.",
    checkWrong: "Not correct. Read the explanation and try again.",
    retry: "Try again",
    chosen: "chosen",
    right: "correct",
    wrong: "incorrect",
    assessment: "Assessment",
    startAssessment: "Start the assessment",
    question: (n: number) => `Question ${n} of 10`,
    minutes: "How many minutes in total did you spend on this module?",
    submit: "Submit the assessment",
    passed: "Congratulations, you passed!",
    score: "Your score is 100%",
    passMarkMeaning: "That means you need at least 7 of the 10 points.",
    points: "You have 10 of 10 points. To pass you needed 7 of 10.",
    moduleCompleted: "You have completed the module.",
    fillIn: "Fill in the questionnaire",
    completedNotice: "You have completed the module. Well done!",
    completedOn: /Completed on/,
    assessmentPassed: "Assessment passed with 100%",
  },
} as const;

async function answerSurvey(page: Page, label: string) {
  const items = page.getByRole("group");
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let index = 0; index < count; index += 1) {
    await items.nth(index).getByLabel(label, { exact: true }).check();
  }
  return count;
}

/**
 * The whole module through the UI, in one language: survey, lessons (answering the first lesson's
 * knowledge check wrongly, trying again and then rightly), assessment, after-survey.
 */
async function takeWholeModule(page: Page, user: TestUser, locale: keyof typeof LANGUAGES) {
  const text = LANGUAGES[locale];
  await logInAndWait(page, user);
  await page.goto(BASICS.path);
  await page.getByRole("link", { name: text.start }).click();

  // The survey comes first and then returns to the lesson the learner opened.
  await expect(page).toHaveURL(/\/vragenlijst\?fase=voor&verder=/);
  await expect(page.getByRole("heading", { level: 1, name: text.surveyTitle })).toBeVisible();
  await expectAccessible(page);
  const surveyItems = await answerSurvey(page, text.agree);
  await page.getByRole("button", { name: text.send }).click();
  await expect(page).toHaveURL(new RegExp(`${BASICS.path}/${BASICS.lessons[0]}$`));
  await expect(page.getByText(text.lessonOf(1))).toBeVisible();

  // The knowledge check: feedback in place, focus on it, a retry, and remembered after a reload.
  const { question, correct } = await firstCheck();
  const wrong = correct === 0 ? 1 : 0;
  const check = page.getByRole("complementary", { name: text.check });
  await expect(check.getByRole("radio")).toHaveCount(question.options.length);
  await expectAccessible(page);
  await check.getByLabel(question.options[wrong]!.text![locale]!).check();
  await check.getByRole("button", { name: text.checkSubmit }).click();
  await expect(check.getByRole("status")).toHaveText(text.checkWrong);
  await expect(check.getByRole("status")).toBeFocused();
  await expect(check.getByText(question.options[wrong]!.feedback[locale]!)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${BASICS.path}/${BASICS.lessons[0]}(#check-[a-z-]+)?$`));
  await check.getByRole("button", { name: text.retry }).click();
  await check.getByLabel(question.options[correct]!.text![locale]!).check();
  await check.getByRole("button", { name: text.checkSubmit }).click();
  await expect(check.getByRole("status")).toHaveText(text.checkCorrect);
  await expect(check.getByText(question.explanation[locale]!)).toBeVisible();
  // A right answer needs no second try.
  await expect(check.getByRole("button", { name: text.retry })).toHaveCount(0);
  await expectAccessible(page);
  await page.reload();
  await expect(check.getByRole("status")).toHaveText(text.checkCorrect);
  await expect(check.getByText(text.chosen, { exact: true })).toHaveCount(1);
  await expect(check.getByRole("radio")).toHaveCount(0);

  for (let lesson = 1; lesson <= 3; lesson += 1) {
    await page.getByRole("button", { name: text.next }).click();
    await expect(page.getByText(text.lessonOf(lesson + 1))).toBeVisible();
  }
  await page.getByRole("button", { name: text.finish }).click();

  // The last lesson leads to the assessment.
  await expect(page).toHaveURL(new RegExp(`${BASICS.path}/toets$`));
  await expect(page.getByRole("heading", { level: 1, name: text.assessment })).toBeVisible();
  await expect(page.getByText(text.passMarkMeaning)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: text.startAssessment }).click();
  await expect(page).toHaveURL(new RegExp(`${BASICS.path}/toets/[^/?]+$`));
  const attemptId = attemptIdOf(page);
  await expect(page.getByRole("group", { name: new RegExp(`^${text.question(1)}`) })).toBeVisible();
  await expect(page.getByRole("group", { name: new RegExp(`^${text.question(BASICS.drawCount)}`) })).toBeVisible();
  await expectAccessible(page);

  const items = await drawnItems(attemptId);
  expect(items).toHaveLength(BASICS.drawCount);
  await submitAttempt(page, correctAnswers(items), text);

  await expect(page.getByRole("status")).toContainText(text.passed);
  await expect(page.getByRole("status")).toContainText(text.score);
  await expect(page.getByRole("status")).toContainText(text.points);
  await expect(page.getByText(text.moduleCompleted)).toBeVisible();
  const chosenCount = items.reduce((sum, item) => sum + item.correct.length, 0);
  const optionCount = items.reduce((sum, item) => sum + item.optionCount, 0);
  await expect(page.getByText(text.chosen, { exact: true })).toHaveCount(chosenCount);
  await expect(page.getByText(text.right, { exact: true })).toHaveCount(chosenCount);
  await expect(page.getByText(text.wrong, { exact: true })).toHaveCount(optionCount - chosenCount);
  await expectAccessible(page);

  const attempt = await attemptRow(attemptId);
  expect(attempt).toMatchObject({ status: "submitted", percent: 100, passed: true, reportedMinutes: 45 });
  const completion = await e2eDb().moduleCompletion.findUniqueOrThrow({
    where: { userId_moduleId: { userId: user.id, moduleId: BASICS.slug } },
  });
  expect(completion).toMatchObject({ attemptId, percent: 100 });

  await page.getByRole("link", { name: text.fillIn }).click();
  await expect(page).toHaveURL(/\/vragenlijst\?fase=na$/);
  await expectAccessible(page);
  await answerSurvey(page, text.stronglyAgree);
  await page.getByRole("button", { name: text.send }).click();
  // The participant evaluation follows the after-survey; it may be skipped (tests/e2e/evaluation.spec.ts fills it in).
  await expect(page).toHaveURL(/\/evaluatie$/);
  await page.getByRole("button", { name: text.skipEvaluation }).click();

  await expect(page).toHaveURL(new RegExp(`${BASICS.path}\\?afgerond=1$`));
  await expect(page.getByRole("status")).toContainText(text.completedNotice);
  await expect(page.getByText(text.completedOn)).toBeVisible();
  await expect(page.getByText(text.assessmentPassed)).toBeVisible();
  await expect(page.getByRole("link", { name: text.fillIn })).toHaveCount(0);

  const enrollment = await e2eDb().enrollment.findUniqueOrThrow({
    where: { userId_moduleId: { userId: user.id, moduleId: BASICS.slug } },
  });
  expect(enrollment).toMatchObject({ status: "completed", preSurvey: "answered", postSurvey: "answered" });
  const attitudes = await e2eDb().attitudeAnswer.findMany({ where: { userId: user.id, moduleId: BASICS.slug } });
  expect(attitudes).toHaveLength(surveyItems);
  expect(attitudes.every((answer) => answer.before === 4 && answer.after === 5)).toBe(true);
  const checkAnswer = await e2eDb().checkAnswer.findUniqueOrThrow({
    where: { userId_questionId: { userId: user.id, questionId: FIRST_CHECK } },
  });
  expect(checkAnswer.correct).toBe(true);
}

test("a learner takes the whole module in Dutch: survey, lessons with a knowledge check, assessment, after-survey", async ({
  page,
}) => {
  await takeWholeModule(page, await createTestUser(), "nl");
});

test("a learner with an English account takes the same module in English", async ({ page }) => {
  const user = await createTestUser({ locale: "en" });
  await takeWholeModule(page, user, "en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: LANGUAGES.en.module })).toBeVisible();
});

test("a failed attempt means waiting; the resit draws new questions and passing it completes the module", async ({
  page,
}) => {
  const user = await createTestUser();
  await logInAndWait(page, user);
  await finishLessonsQuickly(page);
  const firstId = await startAttempt(page);
  const first = await drawnItems(firstId);
  await submitAttempt(page, wrongAnswers(first));

  await expect(page.getByRole("status")).toContainText("Je bent helaas niet geslaagd");
  await expect(page.getByRole("status")).toContainText("Je hebt 0% goed");
  await expect(page.getByText(/Je kunt de toets opnieuw maken vanaf/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Doe de toets opnieuw" })).toHaveCount(0);
  await expectAccessible(page);
  expect(await attemptRow(firstId)).toMatchObject({ status: "submitted", percent: 0, passed: false });

  await page.getByRole("link", { name: "Naar het toetsoverzicht" }).click();
  await expect(page.getByRole("status")).toContainText("Je kunt de toets opnieuw maken vanaf");
  await expect(page.getByRole("button", { name: "Begin de toets" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Doe de toets opnieuw" })).toHaveCount(0);
  const history = page.getByRole("table");
  await expect(history.getByRole("row")).toHaveCount(2);
  await expect(history.getByRole("row").nth(1)).toContainText("Niet geslaagd");
  await expectAccessible(page);

  // Starting anyway (a resent form) creates nothing and returns to the overview.
  const early = await postForm(page, `${BASICS.path}/toets`, {});
  expect(early.status()).toBe(302);
  expect(early.headers()["location"]).toBe(`${BASICS.path}/toets`);
  expect(await e2eDb().assessmentAttempt.count({ where: { userId: user.id } })).toBe(1);

  // Thirty-one minutes later (moved back in the database instead of waiting).
  const submittedAt = (await attemptRow(firstId)).submittedAt!;
  await e2eDb().assessmentAttempt.update({
    where: { id: firstId },
    data: { submittedAt: new Date(submittedAt.getTime() - 31 * 60_000) },
  });
  const secondId = await startAttempt(page, "Doe de toets opnieuw");
  expect(secondId).not.toBe(firstId);
  await expect(page.getByRole("heading", { level: 1, name: "Poging 2 van 3" })).toBeVisible();
  const second = await drawnItems(secondId);
  const firstIds = new Set(first.map((item) => item.questionId));
  expect(
    second.filter((item) => firstIds.has(item.questionId)),
    "questions of the first attempt drawn again",
  ).toEqual([]);

  await submitAttempt(page, correctAnswers(second));
  await expect(page.getByRole("status")).toContainText("Gefeliciteerd, je bent geslaagd!");
  await expect(page.getByText("Je hebt de module afgerond.")).toBeVisible();
  const completion = await e2eDb().moduleCompletion.findUniqueOrThrow({
    where: { userId_moduleId: { userId: user.id, moduleId: BASICS.slug } },
  });
  expect(completion).toMatchObject({ attemptId: secondId, percent: 100 });

  await page.getByRole("link", { name: "Naar het toetsoverzicht" }).click();
  await expect(page.getByRole("status")).toContainText("Je bent geslaagd voor deze toets.");
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(3);
});

async function expectTicked(page: Page, items: readonly DrawnItem[], answered: number) {
  for (const [index, item] of items.entries()) {
    for (let value = 0; value < item.optionCount; value += 1) {
      const ticked = index < answered && item.correct.includes(value);
      await expect(answerInput(page, item.slug, value), `${item.slug} option ${value}`).toBeChecked({
        checked: ticked,
      });
    }
  }
}

async function savedCount(attemptId: string) {
  return (await attemptRow(attemptId)).items.filter((item) => item.selected !== null).length;
}

test("an unfinished attempt is resumed with its answers, on another device and without JavaScript", async ({
  page,
  browser,
}) => {
  const user = await createTestUser();
  await logInAndWait(page, user);
  await finishLessonsQuickly(page);
  const attemptId = await startAttempt(page);
  const items = await drawnItems(attemptId);

  // With JavaScript every change is saved by itself.
  await tickAnswers(page, correctAnswers(items.slice(0, 3)));
  await expect(page.getByText("Je antwoorden zijn opgeslagen. Je kunt later verdergaan.")).toBeAttached();
  await expect.poll(() => savedCount(attemptId)).toBe(3);
  await page.goto("/mijn-leren");

  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await logInAndWait(other, user);
  await other.goto(`${BASICS.path}/toets`);
  await expect(other.getByRole("table")).toContainText("Nog bezig");
  await other.getByRole("link", { name: "Ga verder met de toets" }).click();
  await expect(other).toHaveURL(new RegExp(`/toets/${attemptId}$`));
  await expectTicked(other, items, 3);
  await otherDevice.close();

  // Without JavaScript the save button does the same.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await logInAndWait(plain, user);
  await plain.goto(`${BASICS.path}/toets`);
  await plain.getByRole("link", { name: "Ga verder met de toets" }).click();
  await expectTicked(plain, items, 3);
  await tickAnswers(plain, correctAnswers(items.slice(3, 4)));
  await plain.getByRole("button", { name: "Opslaan en later verdergaan" }).click();
  await expect(plain).toHaveURL(new RegExp(`/toets/${attemptId}\\?opgeslagen=1$`));
  await expect(plain.getByRole("status")).toHaveText("Je antwoorden zijn opgeslagen. Je kunt later verdergaan.");
  await expectTicked(plain, items, 4);
  await noScript.close();

  expect(await savedCount(attemptId)).toBe(4);
  expect(await attemptRow(attemptId)).toMatchObject({ status: "in_progress", submittedAt: null });
  await page.goto(`${BASICS.path}/toets/${attemptId}`);
  await expectTicked(page, items, 4);
});

/** A logged-in learner with all lessons done and an open attempt on the page. */
async function learnerWithOpenAttempt(page: Page) {
  const user = await createTestUser();
  await logInAndWait(page, user);
  await finishLessonsQuickly(page);
  const attemptId = await startAttempt(page);
  return { user, attemptId, url: `${BASICS.path}/toets/${attemptId}`, items: await drawnItems(attemptId) };
}

function answersForm(
  answers: ReadonlyArray<{ slug: string; values: readonly number[] }>,
  extra: Record<string, string>,
) {
  const form = new URLSearchParams(extra);
  for (const { slug, values } of answers) for (const value of values) form.append(`answer.${slug}`, String(value));
  return form;
}

test("tampered answers are refused with a 400 and change nothing", async ({ page }) => {
  const { attemptId, url, items } = await learnerWithOpenAttempt(page);
  const before = await attemptRow(attemptId);
  const bank = await e2eDb().question.findMany({
    where: { moduleId: BASICS.slug, kind: "assessment" },
    select: { slug: true },
  });
  const notDrawn = bank.find((question) => !items.some((item) => item.slug === question.slug))!.slug;
  const single = items.find((item) => item.type !== "multiple")!;
  const valid = correctAnswers(items.slice(0, 1));

  for (const intent of ["save", "submit"]) {
    const extra = { intent, reportedMinutes: "30" };
    const cases = [
      {
        form: answersForm([...valid, { slug: notDrawn, values: [0] }], extra),
        message: "een vraag die niet in deze poging zit",
      },
      {
        form: answersForm([...valid, { slug: single.slug, values: [single.optionCount] }], extra),
        message: "een antwoord dat niet bij de vraag past",
      },
      {
        form: answersForm([{ slug: single.slug, values: [0, 1] }], extra),
        message: "een antwoord dat niet bij de vraag past",
      },
      {
        form: answersForm([{ slug: single.slug, values: [0, 0] }], extra),
        message: "een antwoord dat niet bij de vraag past",
      },
    ];
    for (const { form, message } of cases) {
      const response = await postForm(page, url, form);
      expect(response.status(), `${intent}: ${form.toString()}`).toBe(400);
      expect(await response.text()).toContain(message);
    }
  }
  const malformed = await postForm(page, url, { intent: "save", [`answer.${single.slug}`]: "een" });
  expect(malformed.status()).toBe(400);

  // The same through the page, with an answer to another question added to the form in the DOM.
  await page.locator("form.assessment__form").evaluate((form, name) => {
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name, value: "0" });
    form.append(input);
  }, `answer.${notDrawn}`);
  await page.getByLabel("Hoeveel minuten heb je in totaal aan deze module besteed?").fill("30");
  await page.getByRole("button", { name: "Lever de toets in" }).click();
  await expect(page.getByRole("alert")).toContainText("een vraag die niet in deze poging zit");
  await expect(page.getByRole("alert")).toBeFocused();

  expect(await attemptRow(attemptId)).toEqual(before);
});

test("a tampered survey answer is refused with a message and stores nothing", async ({ page }) => {
  const user = await createTestUser({ name: `Vragenlijst ${Date.now()}` });
  await logInAndWait(page, user);
  const url = `/modules/${BASICS.slug}/vragenlijst?fase=voor`;
  await page.goto(url);
  // An item value off the scale (from an edited form) and one for an item that does not exist.
  const tampered: Record<string, string>[] = [{ "item.sekswerk-is-werk": "9" }, { "item.bestaat-niet": "3" }];
  for (const field of tampered) {
    const response = await postForm(page, url, { intent: "submit", ...field });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("past niet bij de vragenlijst");
  }
  const stored = await e2eDb().attitudeAnswer.count({ where: { userId: user.id } });
  const enrollment = await e2eDb().enrollment.findFirst({ where: { userId: user.id }, select: { preSurvey: true } });
  expect(stored).toBe(0);
  expect(enrollment?.preSurvey ?? null).toBeNull();
});

test("a submitted attempt is not scored twice", async ({ page }) => {
  const { attemptId, url, items } = await learnerWithOpenAttempt(page);
  // A second tab with the same attempt open.
  const secondTab = await page.context().newPage();
  await secondTab.goto(url);
  await submitAttempt(page, correctAnswers(items));
  await expect(page.getByRole("status")).toContainText("Je hebt 100% goed");
  const submitted = await attemptRow(attemptId);

  await submitAttempt(secondTab, wrongAnswers(items));
  await expect(secondTab.getByRole("alert")).toContainText("Deze poging is al ingeleverd");
  for (const intent of ["submit", "save"]) {
    const response = await postForm(page, url, answersForm(wrongAnswers(items), { intent, reportedMinutes: "5" }));
    expect(response.status(), intent).toBe(409);
    // Without JavaScript the result page itself says why nothing happened.
    expect(await response.text(), intent).toContain("Deze poging is al ingeleverd");
  }
  expect(await attemptRow(attemptId)).toEqual(submitted);
  await page.reload();
  await expect(page.getByRole("status")).toContainText("Je hebt 100% goed");
});

test("another learner's attempt is a 404 and stays untouched", async ({ page, browser }) => {
  const { attemptId, url, items } = await learnerWithOpenAttempt(page);
  const before = await attemptRow(attemptId);

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await logInAndWait(other, await createTestUser({ name: "Nieuwsgierige Collega" }));
  const response = await other.goto(url);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("Deze toetspoging bestaat niet of is niet van jou.")).toBeVisible();
  await expect(other.getByRole("radio")).toHaveCount(0);
  await expectAccessible(other);
  const data = await other.request.get(`${url}.data`);
  expect(await data.text()).not.toContain(items[0]!.slug);

  for (const intent of ["save", "submit"]) {
    const posted = await postForm(other, url, answersForm(correctAnswers(items), { intent, reportedMinutes: "20" }));
    expect(posted.status(), intent).toBe(404);
  }
  await otherContext.close();
  expect(await attemptRow(attemptId)).toEqual(before);
});

test("no attempt starts once every attempt is used", async ({ page }) => {
  const user = await createTestUser();
  await logInAndWait(page, user);
  await finishLessonsQuickly(page);
  const module = await e2eDb().module.findUniqueOrThrow({
    where: { id: BASICS.slug },
    select: { contentHash: true, passMark: true },
  });
  const longAgo = new Date(Date.now() - 3 * 60 * 60_000);
  for (let number = 1; number <= BASICS.maxAttempts; number += 1) {
    await e2eDb().assessmentAttempt.create({
      data: {
        userId: user.id,
        moduleId: BASICS.slug,
        number,
        seed: `e2e-${number}`,
        contentHash: module.contentHash,
        passMark: module.passMark,
        status: "submitted",
        startedAt: longAgo,
        submittedAt: longAgo,
        earned: 1,
        possible: BASICS.drawCount,
        percent: 17,
        passed: false,
      },
    });
  }

  await page.goto(`${BASICS.path}/toets`);
  await expect(page.getByRole("status")).toContainText("Je hebt alle 3 pogingen gebruikt");
  await expect(page.getByRole("button", { name: "Begin de toets" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Doe de toets opnieuw" })).toHaveCount(0);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(1 + BASICS.maxAttempts);
  await expectAccessible(page);

  const response = await postForm(page, `${BASICS.path}/toets`, {});
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toBe(`${BASICS.path}/toets`);
  expect(await e2eDb().assessmentAttempt.count({ where: { userId: user.id } })).toBe(BASICS.maxAttempts);
});

test("an open attempt's page and data hold no correct answers, feedback or explanations", async ({ page }) => {
  const { attemptId, url, items } = await learnerWithOpenAttempt(page);
  const fragments = (locales: readonly string[]) =>
    items
      .flatMap((item) =>
        item.answerTexts.filter(({ locale }) => locales.includes(locale)).map(({ text }) => fragmentOf(text)),
      )
      .filter((fragment) => fragment.length >= 12);
  const secrets = fragments(["nl", "en"]);
  expect(secrets.length).toBeGreaterThan(items.length * 2);

  const pages = async () => [
    await (await page.request.get(url)).text(),
    await (await page.request.get(`${url}.data`)).text(),
  ];
  const CORRECT_KEY = /\\?"correct\\?"/;
  for (const body of await pages()) {
    expect(body).toContain(items[0]!.slug);
    expect(body).not.toMatch(CORRECT_KEY);
    expect(secrets.filter((fragment) => body.includes(fragment))).toEqual([]);
  }

  // The same search finds them all once the attempt is submitted, so the check above can fail.
  await submitAttempt(page, wrongAnswers(items));
  await expect(page.getByRole("status")).toContainText("% goed. Nodig om te slagen");
  expect((await attemptRow(attemptId)).status).toBe("submitted");
  for (const body of await pages()) {
    expect(body).toMatch(CORRECT_KEY);
    expect(fragments(["nl"]).filter((fragment) => !body.includes(fragment))).toEqual([]);
  }
});

/** Presses Tab until one of `target`'s elements has the focus. */
async function tabTo(page: Page, target: Locator, limit = 80) {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluateAll((elements) => elements.some((element) => element === document.activeElement))) return;
  }
  throw new Error(`Tab did not reach ${target.toString()} in ${limit} presses`);
}

test("keyboard only: a knowledge check and a whole attempt", async ({ page }) => {
  const user = await createTestUser();
  await logInAndWait(page, user);
  await skipSurveyBefore(page);

  const { slug, correct } = await firstCheck();
  await page.goto(`${BASICS.path}/${BASICS.lessons[0]}`);
  const check = page.getByRole("complementary", { name: "Oefenvraag" });
  const checkOptions = check.getByRole("radio");
  await tabTo(page, checkOptions);
  await expect(checkOptions.first()).toBeFocused();
  for (let step = 0; step < correct; step += 1) await page.keyboard.press("ArrowDown");
  if (correct === 0) await page.keyboard.press("Space");
  await expect(checkOptions.nth(correct)).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(check.getByRole("button", { name: "Controleer mijn antwoord" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(check.getByRole("status")).toHaveText("Goed gedaan: je antwoord is juist.");
  await expect(check.getByRole("status")).toBeFocused();
  const answer = await e2eDb().checkAnswer.findUniqueOrThrow({
    where: { userId_questionId: { userId: user.id, questionId: `${BASICS.slug}/${slug}` } },
  });
  expect(answer.correct).toBe(true);

  await finishLessonsQuickly(page);
  await page.goto(`${BASICS.path}/toets`);
  await tabTo(page, page.getByRole("button", { name: "Begin de toets" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${BASICS.path}/toets/[^/?]+$`));
  const attemptId = attemptIdOf(page);
  const items = await drawnItems(attemptId);

  for (const item of items) {
    await tabTo(page, page.locator(`input[name="answer.${item.slug}"]`));
    await expect(answerInput(page, item.slug, 0)).toBeFocused();
    if (item.type === "multiple") {
      // Tab visits every checkbox; Space ticks it.
      for (let value = 0; value < item.optionCount; value += 1) {
        if (value > 0) await page.keyboard.press("Tab");
        await expect(answerInput(page, item.slug, value)).toBeFocused();
        if (item.correct.includes(value)) await page.keyboard.press("Space");
      }
    } else {
      // A radio group is one Tab stop; the arrow keys move through it and select.
      const target = item.correct[0]!;
      if (target === 0) await page.keyboard.press("Space");
      for (let step = 0; step < target; step += 1) await page.keyboard.press("ArrowDown");
    }
    for (const value of item.correct) await expect(answerInput(page, item.slug, value)).toBeChecked();
  }
  await tabTo(page, page.getByLabel("Hoeveel minuten heb je in totaal aan deze module besteed?"));
  await page.keyboard.type("50");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Lever de toets in" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("status")).toContainText("Gefeliciteerd, je bent geslaagd!");
  expect(await attemptRow(attemptId)).toMatchObject({ status: "submitted", percent: 100, reportedMinutes: 50 });
});
