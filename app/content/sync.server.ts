import type { Prisma, PrismaClient } from "@prisma/client";

import type { Locale } from "~/domain/constants";
import type { Question } from "./questions";
import type { ParsedLesson, ParsedModule, ParsedSurvey } from "./types";

export interface SyncSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Modules and lessons newly marked archived. */
  archived: number;
}

export interface SyncOptions {
  /**
   * Slugs of modules that exist in the files but failed validation: their stored version stays
   * as it is instead of being archived, so one typo does not hide a module from learners.
   */
  keep?: readonly string[];
  /** courses/survey.yaml; its items are written on every sync (a dozen rows at most). */
  sharedSurvey?: ParsedSurvey | null;
}

/** Generous: a module is a few dozen upserts, but SQLite may wait on another writer first. */
const TRANSACTION_TIMEOUT_MS = 30_000;

/**
 * Writes parsed modules to the database. Nothing is ever deleted except locale rows of languages
 * a module dropped: lessons and modules that left the files are archived, so progress survives.
 */
export async function syncCourses(
  prisma: PrismaClient,
  modules: ParsedModule[],
  log: (line: string) => void = () => {},
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const summary: SyncSummary = { created: 0, updated: 0, unchanged: 0, archived: 0 };
  if (options.sharedSurvey) await syncSharedSurvey(prisma, options.sharedSurvey);
  for (const module of modules) {
    const stored = await prisma.module.findUnique({
      where: { id: module.slug },
      select: { contentHash: true, archived: true, surveyKey: true, kind: true },
    });
    // An imported SCORM package owns its module id; a course folder with the same name must not overwrite it.
    if (stored?.kind === "scorm") {
      log(`skipped module ${module.slug}: the id belongs to an imported SCORM module`);
      continue;
    }
    // The shared survey is not part of a module's files, so its hash misses courses/survey.yaml
    // appearing or going away: compare the survey the module shows as well.
    const sameSurvey = stored?.surveyKey === (module.survey?.key ?? null);
    if (stored && stored.contentHash === module.contentHash && !stored.archived && sameSurvey) {
      summary.unchanged++;
      continue;
    }
    const archivedLessons = await prisma.$transaction((tx) => writeModule(tx, module), {
      timeout: TRANSACTION_TIMEOUT_MS,
    });
    summary[stored ? "updated" : "created"]++;
    log(`${stored ? "updated" : "created"} module ${module.slug}`);
    for (const id of archivedLessons) log(`archived lesson ${id}`);
    summary.archived += archivedLessons.length;
  }

  const present = [...modules.map((module) => module.slug), ...(options.keep ?? [])];
  const archivedModules = await archiveModulesExcept(prisma, present);
  for (const id of archivedModules) log(`archived module ${id}`);
  summary.archived += archivedModules.length;
  return summary;
}

/** courses/survey.yaml's items (a dozen rows at most), written on every sync. */
export async function syncSharedSurvey(prisma: PrismaClient, survey: ParsedSurvey): Promise<void> {
  await prisma.$transaction((tx) => writeSurvey(tx, survey), { timeout: TRANSACTION_TIMEOUT_MS });
}

/** Returns the ids of lessons archived because they are no longer in the module. */
async function writeModule(tx: Prisma.TransactionClient, module: ParsedModule): Promise<string[]> {
  const fields = {
    position: module.position,
    sectors: JSON.stringify(module.sectors),
    minutes: module.minutes,
    contentHash: module.contentHash,
    archived: false,
    syncedAt: new Date(),
    hasAssessment: module.assessment !== null,
    passMark: module.assessment?.passMark ?? 0,
    drawCount: module.assessment?.draw ?? 0,
    maxAttempts: module.assessment?.maxAttempts ?? 0,
    waitMinutes: module.assessment?.waitMinutes ?? 0,
    surveyKey: module.survey?.key ?? null,
  };
  await tx.module.upsert({
    where: { id: module.slug },
    create: { id: module.slug, ...fields },
    update: fields,
  });

  await tx.moduleLocale.deleteMany({ where: { moduleId: module.slug, locale: { notIn: module.languages } } });
  for (const [locale, text] of localeEntries(module.locales)) {
    const data = {
      ...text,
      objectives: JSON.stringify(text.objectives),
      about: text.about ? JSON.stringify(text.about) : null,
    };
    await tx.moduleLocale.upsert({
      where: { moduleId_locale: { moduleId: module.slug, locale } },
      create: { moduleId: module.slug, locale, ...data },
      update: data,
    });
  }

  for (const lesson of module.lessons) await writeLesson(tx, module.slug, lesson);

  const lessonIds = module.lessons.map((lesson) => lessonId(module.slug, lesson.slug));
  const gone = await tx.lesson.findMany({
    where: { moduleId: module.slug, archived: false, id: { notIn: lessonIds } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const goneIds = gone.map((lesson) => lesson.id);
  await tx.lesson.updateMany({ where: { id: { in: goneIds } }, data: { archived: true } });

  await writeQuestions(tx, module);
  if (module.survey && module.survey.key === module.slug) await writeSurvey(tx, module.survey);
  return goneIds;
}

/** Item bank and checks. Questions that left quiz.yaml are archived: answers keep their row. */
async function writeQuestions(tx: Prisma.TransactionClient, module: ParsedModule): Promise<void> {
  const rows: Array<{ question: Question; kind: "assessment" | "check"; lessonSlug: string | null }> = [
    ...(module.assessment?.questions ?? []).map((question) => ({
      question,
      kind: "assessment" as const,
      lessonSlug: null,
    })),
    ...module.checks.map(({ lessonSlug, ...question }) => ({ question, kind: "check" as const, lessonSlug })),
  ];
  const ids: string[] = [];
  for (const [position, { question, kind, lessonSlug }] of rows.entries()) {
    const id = questionId(module.slug, question.id);
    ids.push(id);
    const fields = {
      kind,
      type: question.type,
      topic: question.topic,
      lessonId: lessonSlug ? lessonId(module.slug, lessonSlug) : null,
      position,
      data: JSON.stringify(question),
      archived: false,
    };
    await tx.question.upsert({
      where: { id },
      create: { id, moduleId: module.slug, slug: question.id, ...fields },
      update: fields,
    });
  }
  await tx.question.updateMany({
    where: { moduleId: module.slug, archived: false, id: { notIn: ids } },
    data: { archived: true },
  });
}

async function writeSurvey(tx: Prisma.TransactionClient, survey: ParsedSurvey): Promise<void> {
  const ids: string[] = [];
  for (const [position, item] of survey.items.entries()) {
    const id = `${survey.key}/${item.id}`;
    ids.push(id);
    const fields = { position, reverse: item.reverse, text: JSON.stringify(item.text), archived: false };
    await tx.surveyItem.upsert({
      where: { id },
      create: { id, surveyKey: survey.key, slug: item.id, ...fields },
      update: fields,
    });
  }
  await tx.surveyItem.updateMany({
    where: { surveyKey: survey.key, archived: false, id: { notIn: ids } },
    data: { archived: true },
  });
}

export function questionId(moduleSlug: string, questionSlug: string): string {
  return `${moduleSlug}/${questionSlug}`;
}

async function writeLesson(tx: Prisma.TransactionClient, moduleId: string, lesson: ParsedLesson): Promise<void> {
  const id = lessonId(moduleId, lesson.slug);
  const fields = {
    position: lesson.position,
    minutes: lesson.minutes,
    contentHash: lesson.contentHash,
    archived: false,
  };
  await tx.lesson.upsert({
    where: { id },
    create: { id, moduleId, slug: lesson.slug, ...fields },
    update: fields,
  });

  const locales = localeEntries(lesson.locales);
  await tx.lessonLocale.deleteMany({
    where: { lessonId: id, locale: { notIn: locales.map(([locale]) => locale) } },
  });
  for (const [locale, text] of locales) {
    await tx.lessonLocale.upsert({
      where: { lessonId_locale: { lessonId: id, locale } },
      create: { lessonId: id, locale, ...text },
      update: text,
    });
  }
}

async function archiveModulesExcept(prisma: PrismaClient, present: string[]): Promise<string[]> {
  const gone = await prisma.module.findMany({
    // SCORM modules are not in courses/: only their admin archives them.
    where: { archived: false, kind: { not: "scorm" }, id: { notIn: present } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  const ids = gone.map((module) => module.id);
  await prisma.module.updateMany({ where: { id: { in: ids } }, data: { archived: true } });
  return ids;
}

export function lessonId(moduleSlug: string, lessonSlug: string): string {
  return `${moduleSlug}/${lessonSlug}`;
}

function localeEntries<T>(locales: Partial<Record<Locale, T>>): Array<[Locale, T]> {
  return (Object.entries(locales) as Array<[Locale, T | undefined]>).filter(
    (entry): entry is [Locale, T] => entry[1] !== undefined,
  );
}
