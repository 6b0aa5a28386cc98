import type { AssessmentSettings, LocalText, Question } from "~/content/questions";
import { ANSWER_FIELD_PREFIX, localText } from "~/assessment/view";
import { CHECK_MARKER } from "~/content/markdown.server";
import type { ParsedLessonLocale, ParsedModuleLocale } from "~/content/types";
import type { Locale } from "~/domain/constants";
import { ASSESSMENT_PAGE_ID, INTRO_PAGE_ID, lessonPageId, PACKAGE_DATA_GLOBAL } from "./runtime/package-data";
import type { PackageData, PackagePage, ScormVersion } from "./runtime/package-data";
import { formatText } from "./runtime/format";
import { RUNTIME_TEXTS } from "./texts";
import type { RuntimeTextKey } from "./texts";

/**
 * The launch page of an exported package: the module's introduction, lessons and assessment as
 * sections of one static, accessible HTML page (one page keeps the LMS session alive while the
 * learner moves between lessons). Knowledge checks are drawn in place as forms without their
 * answers; answer keys live only in assets/package-data.js, which the runtime reads.
 */

/**
 * A module as a package is built from: the content sync's stored rows (exportable.server.ts).
 * A module parsed from files (`ParsedModule`) has the same shape.
 */
export interface ExportModule {
  slug: string;
  minutes: number;
  languages: Locale[];
  contentHash: string;
  locales: Partial<Record<Locale, ParsedModuleLocale>>;
  lessons: Array<{ slug: string; minutes: number; locales: Partial<Record<Locale, ParsedLessonLocale>> }>;
  assessment: (AssessmentSettings & { questions: Question[] }) | null;
  /** Knowledge checks; their lesson's HTML marks where each one goes. */
  checks: Array<Question & { lessonSlug?: string }>;
}

export const PACKAGE_FILES = {
  launch: "index.html",
  styles: "assets/app.css",
  packageStyles: "assets/package.css",
  data: "assets/package-data.js",
  runtime: "assets/runtime.js",
} as const;

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The module as the runtime needs it, with texts in the package language only. */
export function buildPackageData(module: ExportModule, locale: Locale, version: ScormVersion): PackageData {
  const texts = RUNTIME_TEXTS[locale];
  const moduleText = module.locales[locale];
  if (!moduleText) throw new Error(`Module ${module.slug} has no ${locale} text`);
  const pages: PackagePage[] = [
    { id: INTRO_PAGE_ID, kind: "intro", title: texts.introduction },
    ...module.lessons.map((lesson) => ({
      id: lessonPageId(lesson.slug),
      kind: "lesson" as const,
      title: lesson.locales[locale]?.title ?? lesson.slug,
    })),
    ...(module.assessment
      ? [{ id: ASSESSMENT_PAGE_ID, kind: "assessment" as const, title: texts["assessment.title"] }]
      : []),
  ];
  return {
    version,
    locale,
    contentKey: module.contentHash.slice(0, 12),
    moduleTitle: moduleText.title,
    pages,
    checks: module.checks.map(({ lessonSlug: _lesson, ...check }) => questionInLocale(check, locale)),
    assessment: module.assessment
      ? {
          ...module.assessment,
          questions: module.assessment.questions.map((question) => questionInLocale(question, locale)),
        }
      : null,
    texts,
  };
}

function questionInLocale(question: Question, locale: Locale): Question {
  const only = (text: LocalText): LocalText => ({ [locale]: localText(text, locale) });
  return {
    ...question,
    scenario: question.scenario ? only(question.scenario) : null,
    text: only(question.text),
    options: question.options.map((option) => ({
      text: option.text ? only(option.text) : null,
      correct: option.correct,
      feedback: only(option.feedback),
    })),
    explanation: only(question.explanation),
  };
}

/** assets/package-data.js: the data as a global, so it loads from file:// and any LMS alike. */
export function renderPackageDataScript(data: PackageData): string {
  // U+2028/2029 are valid in JSON but ended string literals before ES2019.
  const json = JSON.stringify(data)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `window.${PACKAGE_DATA_GLOBAL} = ${json};\n`;
}

export function renderLaunchPage(module: ExportModule, data: PackageData): string {
  const { locale, texts } = data;
  const t = (key: RuntimeTextKey, values?: Record<string, string | number>) =>
    escapeHtml(formatText(texts[key], values));
  const moduleText = module.locales[locale];
  if (!moduleText) throw new Error(`Module ${module.slug} has no ${locale} text`);
  const links = { moduleSlug: module.slug, lessons: new Set(module.lessons.map((lesson) => lesson.slug)) };

  const toc = data.pages
    .map(
      (page) =>
        `<li><a data-nav href="#${page.id}">${escapeHtml(page.title)}</a> <span class="package-toc__visited" data-visited-for="${page.id}" hidden>(${t("visited")})</span></li>`,
    )
    .join("\n");

  const firstLesson = data.pages.find((page) => page.kind === "lesson");
  const intro = `<section id="${INTRO_PAGE_ID}" data-page="intro" aria-labelledby="${INTRO_PAGE_ID}-title">
<h1 id="${INTRO_PAGE_ID}-title">${escapeHtml(moduleText.title)}</h1>
<p class="lead">${escapeHtml(moduleText.summary)}</p>
<h2>${t("objectives")}</h2>
<ul>
${moduleText.objectives.map((objective) => `<li>${escapeHtml(objective)}</li>`).join("\n")}
</ul>
${moduleText.introHtml.trim() ? `<div class="prose">${adaptLessonHtml(moduleText.introHtml, INTRO_PAGE_ID, links)}</div>` : ""}
${firstLesson ? `<p class="actions"><a class="button" href="#${firstLesson.id}">${t("startLessons")}</a></p>` : ""}
</section>`;

  const checksById = new Map(data.checks.map((check) => [check.id, check]));
  const lessons = module.lessons.map((lesson, index) => {
    const text = lesson.locales[locale];
    const pageId = lessonPageId(lesson.slug);
    const previous = index === 0 ? INTRO_PAGE_ID : lessonPageId(module.lessons[index - 1]?.slug ?? "");
    const nextLesson = module.lessons[index + 1];
    const next = nextLesson
      ? `<a class="button" href="#${lessonPageId(nextLesson.slug)}" rel="next">${t("next")}</a>`
      : module.assessment
        ? `<a class="button" href="#${ASSESSMENT_PAGE_ID}">${t("toAssessment")}</a>`
        : `<a class="button button--secondary" href="#${INTRO_PAGE_ID}">${t("backToIntro")}</a>`;
    // Split like the platform's lesson page: odd parts are the ids the marker captures.
    const body = adaptLessonHtml(text?.html ?? "", pageId, links)
      .split(new RegExp(CHECK_MARKER.source))
      .map((part, partIndex) => {
        if (partIndex % 2 === 1) {
          const check = checksById.get(part);
          return check ? renderCheck(check, locale, t) : "";
        }
        return part.trim() ? `<div class="prose">${part}</div>` : "";
      })
      .join("\n");
    return `<section id="${pageId}" data-page="lesson" class="lesson" aria-labelledby="${pageId}-title">
<p class="lesson__position">${t("lessonOf", { position: index + 1, total: module.lessons.length })} · ${t("minutes", { minutes: lesson.minutes })}</p>
<h1 id="${pageId}-title">${escapeHtml(text?.title ?? "")}</h1>
${body}
<nav class="lesson-nav" aria-label="${t("lessonNavigation")}">
<a class="button button--secondary" href="#${previous}" rel="prev">${index === 0 ? t("backToIntro") : t("previous")}</a>
${next}
</nav>
</section>`;
  });

  const assessment = module.assessment;
  const assessmentSection = assessment
    ? `<section id="${ASSESSMENT_PAGE_ID}" data-page="assessment" aria-labelledby="${ASSESSMENT_PAGE_ID}-title">
<h1 id="${ASSESSMENT_PAGE_ID}-title">${t("assessment.title")}</h1>
<p>${t("assessment.intro")}</p>
<h2>${t("assessment.rules")}</h2>
<ul>
<li>${t("assessment.questionCount", { count: assessment.draw })}</li>
<li>${t("assessment.passMark", { passMark: assessment.passMark })}</li>
<li>${t("assessment.attemptsAllowed", { max: assessment.maxAttempts })}</li>
<li>${assessment.waitMinutes > 0 ? t("assessment.waitRule", { minutes: assessment.waitMinutes }) : t("assessment.noWait")}</li>
<li>${t("assessment.resumeRule")}</li>
</ul>
<div id="assessment-area"></div>
</section>`
    : "";

  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(moduleText.title)} · Stigmavrij</title>
<link rel="stylesheet" href="${PACKAGE_FILES.styles}">
<link rel="stylesheet" href="${PACKAGE_FILES.packageStyles}">
</head>
<body>
<a class="skip-link" href="#main">${t("skipLink")}</a>
<header class="site-header">
<div class="site-header__inner">
<p class="brand"><span class="brand__name">Stigmavrij</span><span class="brand__tagline">${escapeHtml(moduleText.title)}</span></p>
</div>
</header>
<div class="package-layout">
<nav class="package-toc" aria-labelledby="package-toc-title">
<h2 id="package-toc-title" class="package-toc__title">${t("contents")}</h2>
<ol>
${toc}
</ol>
</nav>
<main id="main" class="main" tabindex="-1">
<div id="package-notice"></div>
<noscript><p class="notice notice--warning">${t("noScript")}</p></noscript>
${intro}
${lessons.join("\n")}
${assessmentSection}
</main>
</div>
<footer class="site-footer"><p>${t("footer")}</p></footer>
<script src="${PACKAGE_FILES.data}"></script>
<script src="${PACKAGE_FILES.runtime}"></script>
</body>
</html>
`;
}

/** An unanswered knowledge check: the question and its options in authored order, no answer key. */
function renderCheck(check: Question, locale: Locale, t: (key: RuntimeTextKey) => string): string {
  const prefix = `check-${check.id}`;
  const multiple = check.type === "multiple";
  const scenario = check.scenario
    ? `<div class="question__scenario" id="${prefix}-scenario"><strong>${t("quiz.scenario")}: </strong>${escapeHtml(localText(check.scenario, locale))}</div>`
    : "";
  const instruction = multiple
    ? t("quiz.chooseAll")
    : check.type === "true_false"
      ? t("quiz.judge")
      : t("quiz.chooseOne");
  const options = check.options
    .map((option, index) => {
      const id = `${prefix}-option-${index}`;
      const label = option.text
        ? escapeHtml(localText(option.text, locale))
        : index === 0
          ? t("quiz.true")
          : t("quiz.false");
      return `<div class="question__option"><input type="${multiple ? "checkbox" : "radio"}" id="${id}" name="${ANSWER_FIELD_PREFIX}${check.id}" value="${index}"><label for="${id}">${label}</label></div>`;
    })
    .join("\n");
  const describedBy = [check.scenario ? `${prefix}-scenario` : "", `${prefix}-hint`].filter(Boolean).join(" ");
  return `<aside class="check" id="${prefix}" data-check="${check.id}" aria-labelledby="${prefix}-title">
<h2 class="check__title" id="${prefix}-title">${t("check.title")}</h2>
<form>
<p class="check__hint">${t("check.hint")}</p>
<fieldset class="question" aria-describedby="${describedBy}">
<legend class="question__legend"><span class="question__text">${escapeHtml(localText(check.text, locale))}</span></legend>
${scenario}
<p class="question__hint" id="${prefix}-hint">${instruction}</p>
<div class="question__options">
${options}
</div>
</fieldset>
<p class="field-errors" data-check-error role="alert"></p>
<button type="submit" class="button">${t("check.submit")}</button>
</form>
<div data-check-result></div>
</aside>`;
}

interface LinkContext {
  moduleSlug: string;
  lessons: ReadonlySet<string>;
}

/**
 * Lesson HTML comes from the content loader (markdown-it, raw HTML off), with platform URLs for
 * links between content files. In the package: heading ids get the page's prefix (every lesson
 * shares one document), links to this module's pages become in-page links, links to other modules
 * become plain text (they are not in the package), web links open in a new window (so the SCO's
 * frame stays), and web images become links (the package loads nothing from the internet).
 */
export function adaptLessonHtml(html: string, pageId: string, links: LinkContext): string {
  return html
    .replace(/<(h[1-6]) id="([^"]*)"/g, (_whole, tag: string, id: string) => `<${tag} id="${pageId}--${id}"`)
    .replace(/<img\s([^>]*?)\/?>/g, (_whole, attributes: string) => {
      const src = attribute(attributes, "src") ?? "";
      const alt = attribute(attributes, "alt") || src;
      return `<a href="${src}" target="_blank" rel="noopener noreferrer">${alt}</a>`;
    })
    .replace(/<a\s([^>]*)>([\s\S]*?)<\/a>/g, (whole, attributes: string, content: string) => {
      const href = attribute(attributes, "href");
      if (href === null) return whole;
      if (href.startsWith("#")) return `<a href="#${pageId}--${href.slice(1)}">${content}</a>`;
      if (/^(https?:)?\/\//i.test(href))
        return `<a href="${href}" target="_blank" rel="noopener noreferrer">${content}</a>`;
      const internal = /^\/modules\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?(?:#(.*))?$/.exec(href);
      if (!internal) return /^[a-z][a-z0-9+.-]*:/i.test(href) ? whole : content;
      const [, moduleSlug, lessonSlug, anchor] = internal;
      if (moduleSlug !== links.moduleSlug) return content;
      if (!lessonSlug) return `<a href="#${INTRO_PAGE_ID}">${content}</a>`;
      if (!links.lessons.has(lessonSlug)) return content;
      const target = lessonPageId(lessonSlug);
      return `<a href="#${anchor ? `${target}--${anchor}` : target}">${content}</a>`;
    });
}

/** The (already escaped) value of one attribute in markdown-it's output. */
function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes);
  return match ? (match[1] ?? "") : null;
}
