import type { Locale } from "~/domain/constants";
import { createTranslator } from "~/i18n";
import { lessonFileName, MODULE_FILE, type IntroSource, type LessonSource, type ModuleDraft } from "./draft.server";
import { createLinkResolver, renderMarkdown } from "./markdown.server";
import type { ContentIndex, IndexedModule } from "./markdown.server";

/**
 * Renders the Markdown of every draft to HTML. It needs all modules at once: links between
 * modules and lessons are checked against an index of every module's files.
 */
export function renderModules(drafts: ModuleDraft[]): void {
  renderAll(drafts, buildIndex(drafts));
}

function buildIndex(drafts: ModuleDraft[]): ContentIndex {
  const index = new Map<string, IndexedModule>();
  for (const draft of drafts) {
    const moduleFiles = new Set([...draft.fileNames].filter((name) => MODULE_FILE.test(name)));
    const lessonFiles = new Map<string, string>();
    for (const lesson of draft.lessons) {
      for (const locale of lesson.contents.keys()) lessonFiles.set(lessonFileName(lesson.base, locale), lesson.slug);
    }
    index.set(draft.dirName, { slug: draft.slug, moduleFiles, lessonFiles });
  }
  return index;
}

function renderAll(drafts: ModuleDraft[], index: ContentIndex): void {
  for (const draft of drafts) {
    const resolveLink = createLinkResolver(index, draft.dirName);
    const render = (source: IntroSource | LessonSource, locale: Locale) => {
      const externalLinkHint = createTranslator(locale)("lesson.externalLinkHint");
      const result = renderMarkdown(source.body, { startLine: source.bodyStartLine, resolveLink, externalLinkHint });
      for (const problem of result.problems) draft.report(source.fileName, problem);
      source.html = result.html;
      return result.checks;
    };
    for (const [locale, intro] of draft.intros) {
      for (const check of render(intro, locale)) {
        draft.report(intro.fileName, {
          line: check.line,
          message: "knowledge checks belong in lessons, not in the module introduction",
        });
      }
    }
    for (const lesson of draft.lessons) {
      for (const [locale, source] of lesson.sources) source.checks = render(source, locale);
    }
  }
}
