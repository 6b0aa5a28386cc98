import { ANSWER_FIELD_PREFIX } from "~/assessment/view";
import type { PublicQuestion, ReviewedQuestion } from "~/assessment/view";
import { formatDate } from "~/i18n/format";
import { formatText } from "./format";
import type { RuntimeTextKey } from "~/scorm/export/texts";
import type { PackageData } from "./package-data";
import { ASSESSMENT_PAGE_ID } from "./package-data";
import type { AssessmentState, AttemptResult, CourseSession, SessionStart } from "./session";

/**
 * The package page in the browser: one section per page (introduction, lessons, assessment) of
 * which one is shown at a time, knowledge checks answered in place and the assessment drawn into
 * its section. The static HTML (html.ts) stays readable without this script.
 */

type Child = Node | string | null | false;

export function mountUi(
  doc: Document,
  win: Window,
  data: PackageData,
  session: CourseSession,
  start: SessionStart,
): void {
  const t = (key: RuntimeTextKey, values?: Record<string, string | number>) => formatText(data.texts[key], values);

  function el(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
    const element = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    for (const child of children) {
      if (child === null || child === false) continue;
      element.appendChild(typeof child === "string" ? doc.createTextNode(child) : child);
    }
    return element;
  }

  const sections = Array.from(doc.querySelectorAll<HTMLElement>("section[data-page]"));
  const notice = doc.getElementById("package-notice");
  if (notice && (!start.connected || start.readOnly)) {
    notice.appendChild(el("p", { class: "notice notice--warning" }, start.connected ? t("reviewMode") : t("noLms")));
  }

  // ---------------------------------------------------------------------------------------------
  // Pages

  function markVisited(): void {
    const visited = new Set(session.visitedPageIds());
    for (const marker of Array.from(doc.querySelectorAll<HTMLElement>("[data-visited-for]"))) {
      marker.hidden = !visited.has(marker.getAttribute("data-visited-for") ?? "");
    }
  }

  function show(pageId: string, focus: Element | null): void {
    const section = sections.find((candidate) => candidate.id === pageId);
    if (!section) return;
    for (const candidate of sections) candidate.hidden = candidate !== section;
    for (const link of Array.from(doc.querySelectorAll<HTMLElement>("a[data-nav]"))) {
      if (link.getAttribute("href") === `#${pageId}`) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    session.openPage(pageId);
    markVisited();
    if (pageId === ASSESSMENT_PAGE_ID) renderAssessment(session.assessmentState());
    if (focus instanceof HTMLElement) {
      if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
      focus.focus();
      focus.scrollIntoView?.();
    }
  }

  /** A hash names a page, or an element inside one (a heading, a check). */
  function showTarget(hash: string, moveFocus: boolean): boolean {
    const id = decodeURIComponent(hash.replace(/^#/, ""));
    const target = id ? doc.getElementById(id) : null;
    const section = target?.closest<HTMLElement>("section[data-page]");
    if (!target || !section) return false;
    const focus = target === section ? section.querySelector("h1") : target;
    show(section.id, moveFocus ? focus : null);
    return true;
  }

  win.addEventListener("hashchange", () => {
    showTarget(win.location.hash, true);
  });

  // ---------------------------------------------------------------------------------------------
  // Questions

  function optionLabel(option: { value: number; text: string | null }): string {
    return option.text ?? (option.value === 0 ? t("quiz.true") : t("quiz.false"));
  }

  function instruction(type: PublicQuestion["type"]): string {
    if (type === "multiple") return t("quiz.chooseAll");
    if (type === "true_false") return t("quiz.judge");
    return t("quiz.chooseOne");
  }

  function scenario(text: string | null, id?: string): Child {
    return text
      ? el(
          "div",
          { class: "question__scenario", ...(id ? { id } : {}) },
          el("strong", {}, `${t("quiz.scenario")}: `),
          text,
        )
      : null;
  }

  function questionFields(question: PublicQuestion, idPrefix: string, selected: number[], label: string): HTMLElement {
    const name = `${ANSWER_FIELD_PREFIX}${question.id}`;
    const scenarioId = `${idPrefix}-scenario`;
    const hintId = `${idPrefix}-hint`;
    const options = el("div", { class: "question__options" });
    for (const option of question.options) {
      const id = `${idPrefix}-option-${option.value}`;
      const input = el("input", {
        type: question.type === "multiple" ? "checkbox" : "radio",
        id,
        name,
        value: String(option.value),
      }) as HTMLInputElement;
      input.checked = selected.includes(option.value);
      options.appendChild(
        el("div", { class: "question__option" }, input, el("label", { for: id }, optionLabel(option))),
      );
    }
    return el(
      "fieldset",
      {
        class: "question",
        "aria-describedby": [question.scenario ? scenarioId : "", hintId].filter(Boolean).join(" "),
      },
      el(
        "legend",
        { class: "question__legend" },
        el("span", { class: "question__number" }, label),
        el("span", { class: "question__text" }, question.text),
      ),
      scenario(question.scenario, scenarioId),
      el("p", { class: "question__hint", id: hintId }, instruction(question.type)),
      options,
    );
  }

  function review(question: ReviewedQuestion, label: string | null, heading: "h3" | "h4"): HTMLElement {
    const options = el("ul", { class: "review__options" });
    for (const option of question.options) {
      options.appendChild(
        el(
          "li",
          { class: `review__option${option.chosen ? " review__option--chosen" : ""}` },
          el(
            "span",
            { class: "review__marks" },
            el(
              "span",
              { class: `badge badge--${option.correct ? "correct" : "wrong"}` },
              option.correct ? t("quiz.correctOption") : t("quiz.wrongOption"),
            ),
            option.chosen ? el("span", { class: "badge badge--chosen" }, t("quiz.chosen")) : null,
          ),
          el("span", { class: "review__option-text" }, optionLabel(option)),
          el("span", { class: "review__feedback" }, option.feedback),
        ),
      );
    }
    return el(
      "section",
      { class: `review review--${question.score === 1 ? "correct" : "incorrect"}` },
      el(
        heading,
        { class: "review__title" },
        label ? el("span", { class: "question__number" }, label) : null,
        el("span", {}, question.text),
      ),
      scenario(question.scenario),
      options,
      el("p", { class: "review__explanation" }, el("strong", {}, `${t("quiz.explanation")}: `), question.explanation),
    );
  }

  function checkedValues(form: HTMLFormElement, name: string): number[] {
    return Array.from(form.querySelectorAll<HTMLInputElement>("input"))
      .filter((input) => input.name === name && input.checked)
      .map((input) => Number(input.value));
  }

  // ---------------------------------------------------------------------------------------------
  // Knowledge checks: the form is in the static HTML; the feedback is drawn next to it.

  for (const aside of Array.from(doc.querySelectorAll<HTMLElement>("aside[data-check]"))) {
    const checkId = aside.getAttribute("data-check") ?? "";
    const form = aside.querySelector("form");
    const result = aside.querySelector<HTMLElement>("[data-check-result]");
    if (!form || !result) continue;
    const showAnswered = (answer: { correct: boolean; review: ReviewedQuestion }, moveFocus: boolean) => {
      form.hidden = true;
      const status = el(
        "div",
        { class: `notice ${answer.correct ? "notice--success" : "notice--warning"}`, role: "status", tabindex: "-1" },
        answer.correct ? t("check.correct") : t("check.partly"),
      );
      const retry = el("button", { type: "button", class: "button button--secondary" }, t("check.retry"));
      retry.addEventListener("click", () => {
        session.retryCheck(checkId);
        result.replaceChildren();
        form.reset();
        form.hidden = false;
        form.querySelector<HTMLInputElement>("input")?.focus();
      });
      result.replaceChildren(status, review(answer.review, null, "h3"), retry);
      if (moveFocus) status.focus();
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const answer = session.answerCheck(checkId, checkedValues(form, `${ANSWER_FIELD_PREFIX}${checkId}`));
      const error = form.querySelector<HTMLElement>("[data-check-error]");
      if (!answer.ok) {
        if (error) error.textContent = t("check.noAnswer");
        return;
      }
      if (error) error.textContent = "";
      showAnswered(answer, true);
    });
    const saved = session.savedCheck(checkId);
    if (saved) showAnswered(saved, false);
  }

  // ---------------------------------------------------------------------------------------------
  // The assessment

  const area = doc.getElementById("assessment-area");

  function renderAssessment(state: AssessmentState, result?: AttemptResult): void {
    if (!area) return;
    const parts: Child[] = [];
    if (result) parts.push(...resultView(result));
    parts.push(...stateView(state, Boolean(result)));
    area.replaceChildren(...parts.filter((part): part is Node | string => Boolean(part)));
    const focus = area.querySelector<HTMLElement>("[data-focus]");
    if (focus) {
      focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
  }

  function resultView(result: AttemptResult): Child[] {
    const passMark = data.assessment?.passMark ?? 0;
    const percent = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 1 }).format(
      Math.floor(result.percent * 10) / 10,
    );
    const list = el("div", {});
    result.reviews.forEach((item, index) =>
      list.appendChild(
        review(item, t("assessment.question", { number: index + 1, total: result.reviews.length }), "h4"),
      ),
    );
    return [
      el(
        "div",
        { class: `result result--${result.passed ? "passed" : "failed"}`, role: "status" },
        el(
          "h2",
          { class: "result__verdict", "data-focus": "" },
          t("assessment.resultTitle", { number: result.number }),
        ),
        el("p", {}, result.passed ? t("assessment.resultPassedText") : t("assessment.resultFailedText")),
        el("p", {}, t("assessment.resultScore", { percent, passMark })),
      ),
      el("h3", {}, t("assessment.reviewList")),
      list,
    ];
  }

  function stateView(state: AssessmentState, afterResult: boolean): Child[] {
    const max = data.assessment?.maxAttempts ?? 0;
    switch (state.kind) {
      case "none":
        return [];
      case "passed":
        return afterResult
          ? [el("p", { class: "notice notice--success" }, t("assessment.moduleCompleted"))]
          : [el("p", { class: "notice notice--success" }, t("assessment.passed"))];
      case "no_attempts_left":
        return [el("p", { class: "notice notice--warning" }, t("assessment.noAttemptsLeft", { max }))];
      case "lessons_open":
        return [
          el("p", { class: "notice" }, t("lessonsOpen")),
          el("p", {}, el("a", { href: `#${state.nextPageId}` }, t("toUnreadLesson"))),
        ];
      case "waiting": {
        const time = formatDate(data.locale, new Date(state.until), "datetime");
        return [el("p", { class: "notice" }, t("assessment.waiting", { time }))];
      }
      case "can_start": {
        const button = el(
          "button",
          { type: "button", class: "button" },
          state.resit ? t("assessment.resit") : t("assessment.start"),
        );
        button.addEventListener("click", () => renderAssessment(session.startAttempt()));
        return [
          el("p", { class: "muted" }, t("assessment.attemptOf", { number: state.number, max })),
          el("div", { class: "actions" }, button),
        ];
      }
      case "in_progress":
        return [attemptForm(state)];
    }
  }

  function attemptForm(state: Extract<AssessmentState, { kind: "in_progress" }>): HTMLElement {
    const max = data.assessment?.maxAttempts ?? 0;
    const { attempt } = state;
    const form = el("form", { novalidate: "" }) as HTMLFormElement;
    form.appendChild(el("h2", { "data-focus": "" }, t("assessment.attemptOf", { number: attempt.number, max })));
    attempt.questions.forEach(({ question, selected }, index) => {
      const fields = questionFields(
        question,
        `assessment-${question.id}`,
        selected,
        t("assessment.question", { number: index + 1, total: attempt.questions.length }),
      );
      fields.addEventListener("change", () => {
        session.saveAnswer(question.id, checkedValues(form, `${ANSWER_FIELD_PREFIX}${question.id}`));
      });
      form.appendChild(fields);
    });
    const warning = el("p", { class: "field-errors", role: "alert" });
    let warned = false;
    form.append(
      warning,
      el("div", { class: "form-actions" }, el("button", { type: "submit", class: "button" }, t("assessment.submit"))),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const unanswered = attempt.questions.filter(
        ({ question }) => checkedValues(form, `${ANSWER_FIELD_PREFIX}${question.id}`).length === 0,
      ).length;
      if (unanswered > 0 && !warned) {
        warned = true;
        warning.textContent = t("unansweredConfirm", { count: unanswered });
        return;
      }
      for (const { question } of attempt.questions) {
        session.saveAnswer(question.id, checkedValues(form, `${ANSWER_FIELD_PREFIX}${question.id}`));
      }
      const result = session.submitAttempt();
      if (result) {
        renderAssessment(result.next, result);
        markVisited();
      }
    });
    return form;
  }

  // ---------------------------------------------------------------------------------------------
  // First page: where the LMS says the learner left off, else the address, else the introduction.

  const resumeAt = sections.find((section) => section.id === start.location);
  if (resumeAt) show(resumeAt.id, null);
  else if (!showTarget(win.location.hash, false)) show(sections[0]?.id ?? "", null);
}
