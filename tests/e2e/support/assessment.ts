import { expect, type Page } from "@playwright/test";

import type { Question } from "~/content/questions";

import { e2eDb } from "./db";
import { E2E_ORIGIN } from "./env";

/** The first module: four lessons, a survey, one knowledge check per lesson, draw 10 of 20, 3 attempts, 30 minutes wait. */
export const BASICS = {
  slug: "sekswerk-en-stigma-de-basis",
  path: "/modules/sekswerk-en-stigma-de-basis",
  lessons: ["wat-is-sekswerk", "stigma-en-de-gevolgen", "respectvolle-taal-en-bejegening", "samen-tegen-stigma"],
  drawCount: 10,
  maxAttempts: 3,
} as const;

/** A same-origin form POST with the page's session cookie; redirects are not followed. */
export async function postForm(page: Page, path: string, form: Record<string, string> | FormData | URLSearchParams) {
  const body = form instanceof FormData || form instanceof URLSearchParams ? form : new URLSearchParams(form);
  return page.request.post(path, {
    headers: { Origin: E2E_ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
    data: body.toString(),
    maxRedirects: 0,
  });
}

/** Skips the attitude survey before the first lesson, for tests whose subject is something else. */
export async function skipSurveyBefore(page: Page, moduleSlug: string = BASICS.slug) {
  const response = await postForm(page, `/modules/${moduleSlug}/vragenlijst?fase=voor`, { intent: "skip" });
  expect(response.status(), "skipping the survey redirects").toBe(302);
}

/** Skips the survey and marks every lesson of the first module done through the lesson form's own POST. */
export async function finishLessonsQuickly(page: Page) {
  await skipSurveyBefore(page);
  for (const lesson of BASICS.lessons) {
    const response = await postForm(page, `${BASICS.path}/${lesson}`, { intent: "complete" });
    expect(response.status(), `completing ${lesson} redirects`).toBe(302);
  }
}

/** Starts an attempt through the overview's form and returns its id. */
export async function startAttempt(page: Page, button: string | RegExp = "Begin de toets"): Promise<string> {
  await page.goto(`${BASICS.path}/toets`);
  await page.getByRole("button", { name: button }).click();
  await expect(page).toHaveURL(new RegExp(`${BASICS.path}/toets/[^/?]+`));
  return attemptIdOf(page);
}

export function attemptIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split("/").at(-1);
  if (!id) throw new Error(`No attempt id in ${page.url()}`);
  return id;
}

export interface DrawnItem {
  /** "<module>/<question id>", as AttemptItem stores it. */
  questionId: string;
  /** The question id the form field is named after (`answer.<slug>`). */
  slug: string;
  type: Question["type"];
  /** Display values (what the form posts) of the correct options. */
  correct: number[];
  /** One display value that scores 0 on its own. */
  wrong: number;
  optionCount: number;
  /** Feedback and explanation texts in both languages: none may reach the page before submission. */
  answerTexts: Array<{ locale: string; text: string }>;
  selected: number[] | null;
}

/** Reads an attempt's drawn questions from the database snapshot, with the answers in display values. */
export async function drawnItems(attemptId: string): Promise<DrawnItem[]> {
  const items = await e2eDb().attemptItem.findMany({ where: { attemptId }, orderBy: { position: "asc" } });
  return items.map((item) => {
    const question = JSON.parse(item.question) as Question;
    const order = JSON.parse(item.optionOrder) as number[];
    const correct = order.flatMap((authored, display) => (question.options[authored]?.correct ? [display] : []));
    const wrong = order.findIndex((authored) => !question.options[authored]?.correct);
    const texts = [question.explanation, ...question.options.map((option) => option.feedback)];
    return {
      questionId: item.questionId,
      slug: question.id,
      type: question.type,
      correct,
      wrong,
      optionCount: order.length,
      answerTexts: texts.flatMap((text) =>
        Object.entries(text).flatMap(([locale, value]) => (value ? [{ locale, text: value }] : [])),
      ),
      selected:
        item.selected === null
          ? null
          : (JSON.parse(item.selected) as number[]).map((authored) => order.indexOf(authored)),
    };
  });
}

export function answerInput(page: Page, slug: string, value: number) {
  return page.locator(`input[name="answer.${slug}"][value="${value}"]`);
}

/** Ticks the given display values in the attempt form (with the mouse; see the keyboard test for the other way). */
export async function tickAnswers(page: Page, answers: ReadonlyArray<{ slug: string; values: readonly number[] }>) {
  for (const { slug, values } of answers) {
    for (const value of values) await answerInput(page, slug, value).check();
  }
}

export const correctAnswers = (items: readonly DrawnItem[]) =>
  items.map((item) => ({ slug: item.slug, values: item.correct }));
export const wrongAnswers = (items: readonly DrawnItem[]) =>
  items.map((item) => ({ slug: item.slug, values: [item.wrong] }));

/** Answers and submits the open attempt on the page; the result page follows. */
export async function submitAttempt(
  page: Page,
  answers: ReadonlyArray<{ slug: string; values: readonly number[] }>,
  texts = { minutes: "Hoeveel minuten heb je in totaal aan deze module besteed?", submit: "Lever de toets in" },
) {
  await tickAnswers(page, answers);
  await page.getByLabel(texts.minutes).fill("45");
  await page.getByRole("button", { name: texts.submit }).click();
}

/**
 * A distinctive plain fragment of a text (the longest run of ASCII letters, digits and spaces),
 * so a search finds it whether the page escaped the text as HTML, as JSON or not at all.
 */
export function fragmentOf(text: string): string {
  const runs = text.match(/[A-Za-z0-9 ]+/g) ?? [];
  return runs.reduce((longest, run) => (run.trim().length > longest.length ? run.trim() : longest), "");
}
