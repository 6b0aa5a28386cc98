import type { PrismaClient } from "@prisma/client";

import { parseModuleAbout, type ModuleAbout } from "~/content/about";
import { DEFAULT_LOCALE, type Locale } from "~/domain/constants";
import type { LearningEvents } from "~/domain/learning-events";

import { moduleContent, type CachedLesson, type ModuleContent } from "~/content/module-content.server";
import { lessonId as toLessonId } from "~/content/sync.server";

import { activeTimeUpdate } from "./activity.server";
import { lessonCheckView, type LessonCheck } from "./checks.server";
import { readLearnerModuleState, type LearnerModuleState } from "./learner-state.server";
import type { FactAttempt } from "./module-facts.server";
import { pickLocale } from "~/domain/module-title";
import { parseSectors } from "~/domain/constants";
import { parseStringList } from "./catalogue.server";
import { moduleStatus, type ModuleStatus, type OpenAttemptProgress } from "./module-status";
import { openAttemptProgress } from "./module-status.server";
import {
  fractionDone as scormFractionDone,
  resumeScoId,
  scormScoStates,
  type ScoState,
} from "~/scorm/completion.server";
import {
  allLessonsCompleted,
  completionFraction,
  lessonStatus,
  resumeLessonId,
  type LessonState,
  type LessonStatus,
} from "./progress";

export interface ModuleOverview {
  slug: string;
  /** "markdown" or "scorm": only a SCORM module has SCOs to read. */
  kind: string;
  title: string;
  summary: string;
  introHtml: string;
  objectives: string[];
  /** The accreditation package in the content language; null when the module has none. */
  about: ModuleAbout | null;
  contentLocale: string;
  minutes: number;
  sectors: ReturnType<typeof parseSectors>;
  lessons: { slug: string; title: string; minutes: number; status: LessonStatus }[];
  enrollment: {
    status: string;
    startedAt: Date;
    completedAt: Date | null;
    lastActivityAt: Date;
  } | null;
  fractionDone: number;
  resumeLessonSlug: string | null;
  hasAssessment: boolean;
  /** The stored completion fact (percent: score of the passed assessment, if any). */
  completion: { completedAt: Date; percent: number | null } | null;
  /** Where the learner stands (null for an anonymous visitor). */
  progressStatus: ModuleStatus | null;
}

const lessonSlugOf = (lessonId: string) => lessonId.slice(lessonId.indexOf("/") + 1);

async function lessonStates(db: PrismaClient, moduleSlug: string, userId: string | null) {
  const lessons = await db.lesson.findMany({
    where: { moduleId: moduleSlug, archived: false },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      minutes: true,
      contentHash: true,
      locales: { select: { locale: true, title: true } },
      // Anonymous visitors see the lesson list without progress.
      progress: { where: { userId: userId ?? undefined }, take: userId ? undefined : 0, select: { completedAt: true } },
    },
  });
  return lessons.map((lesson) => ({
    ...lesson,
    state: {
      id: lesson.id,
      seen: lesson.progress.length > 0,
      completed: lesson.progress.some((p) => p.completedAt !== null),
    } satisfies LessonState,
  }));
}

/** The module page: texts in the learner's language, lesson statuses and where to continue. */
export async function getModuleOverview(
  db: PrismaClient,
  {
    moduleSlug,
    locale,
    userId,
    attempts,
  }: {
    moduleSlug: string;
    locale: Locale;
    userId: string | null;
    /** The learner's attempts in this module when already read (readLearnerModuleFacts): no query for them. */
    attempts?: readonly Pick<FactAttempt, "id" | "number" | "status" | "items" | "answered">[];
  },
): Promise<ModuleOverview | null> {
  const state = await readLearnerModuleState(db, { moduleId: moduleSlug, userId });
  if (!state) return null;
  const content = await moduleContent(db, moduleSlug, state.contentStamp);
  if (!content) return null;
  const openAttempts =
    userId && state.hasAssessment
      ? attempts
        ? openAttemptsOf(moduleSlug, attempts)
        : await openAttemptProgress(db, { userId, moduleIds: [moduleSlug] })
      : new Map<string, OpenAttemptProgress>();
  const { enrollment, completion } = state;
  const text = pickLocale(content.locales, locale);
  const states = content.lessons.map((lesson) => lessonState(lesson.id, state));
  const resumeId = resumeLessonId(states, enrollment?.lastLessonId ?? null);
  return {
    slug: moduleSlug,
    kind: state.kind,
    title: text?.title ?? moduleSlug,
    summary: text?.summary ?? "",
    introHtml: text?.introHtml ?? "",
    objectives: parseStringList(text?.objectives ?? "[]"),
    about: parseModuleAbout(text?.about ?? null),
    contentLocale: text?.locale ?? DEFAULT_LOCALE,
    minutes: state.minutes,
    sectors: parseSectors(state.sectors),
    lessons: content.lessons.map((lesson, index) => ({
      slug: lesson.slug,
      title: pickLocale(lesson.locales, locale)?.title ?? lesson.slug,
      minutes: lesson.minutes,
      status: lessonStatus(states[index]!),
    })),
    enrollment: enrollment
      ? {
          status: enrollment.status,
          startedAt: enrollment.startedAt,
          completedAt: enrollment.completedAt,
          lastActivityAt: enrollment.lastActivityAt,
        }
      : null,
    fractionDone: completionFraction(states),
    resumeLessonSlug: resumeId ? lessonSlugOf(resumeId) : null,
    hasAssessment: state.hasAssessment,
    completion,
    progressStatus: userId
      ? moduleStatus({
          enrolled: enrollment !== null,
          completed: enrollment?.status === "completed" || completion !== null,
          hasAssessment: state.hasAssessment,
          lessons: states,
          openAttempt: openAttempts.get(moduleSlug) ?? null,
        })
      : null,
  };
}

/** As openAttemptProgress reads it: the open attempt (the last by number, should there be two). */
function openAttemptsOf(
  moduleId: string,
  attempts: readonly Pick<FactAttempt, "id" | "number" | "status" | "items" | "answered">[],
): Map<string, OpenAttemptProgress> {
  const open = [...attempts].sort((a, b) => a.number - b.number).filter((a) => a.status === "in_progress");
  const last = open[open.length - 1];
  return new Map(last ? [[moduleId, { attemptId: last.id, answered: last.answered, total: last.items }]] : []);
}

function lessonState(lessonId: string, state: LearnerModuleState): LessonState {
  const progress = state.progress.get(lessonId);
  return { id: lessonId, seen: progress !== undefined, completed: Boolean(progress?.completedAt) };
}

export interface LessonPage {
  moduleSlug: string;
  moduleTitle: string;
  slug: string;
  title: string;
  html: string;
  contentLocale: string;
  minutes: number;
  position: number;
  total: number;
  previousSlug: string | null;
  nextSlug: string | null;
  completed: boolean;
  fractionDone: number;
  /** When this view began, by the server's clock: the heartbeat measures reading time from here. */
  openedAt: number;
}

/**
 * A view records the learner's place only when it says something new: the first view of the
 * module or lesson, a lesson other than the one last read, or activity after this long without
 * any. Reloading the page you are reading writes nothing.
 */
export const ACTIVITY_RESOLUTION_MS = 10 * 60 * 1000;

/** Which lesson a learner asks for, and where their learning events go. */
type LessonRequest = {
  moduleSlug: string;
  lessonSlug: string;
  locale: Locale;
  userId: string;
  events: LearningEvents;
  now?: Date;
};

export type LessonView = { kind: "lesson"; lesson: LessonPage; checks: LessonCheck[] } | { kind: "surveyFirst" };

/**
 * The lesson page: the learner's state in one statement, the content from memory
 * (~/content/module-content.server), and the attitude survey first when it is due.
 */
export async function viewLesson(db: PrismaClient, options: LessonRequest): Promise<LessonView | null> {
  const found = await findLesson(db, options);
  if (!found) return null;
  const { state, content, lesson } = found;
  if (await beforeSurveyDue(db, state)) return { kind: "surveyFirst" };
  const page = await recordView(db, { ...options, state, content, lesson });
  const checks = lesson.checks.map((check) => lessonCheckView(check, state.checkAnswers.get(check.id), options.locale));
  return { kind: "lesson", lesson: page, checks };
}

/**
 * A lesson as a learner opens it. Opening it enrols the learner in the module (first time) and
 * records it as the lesson they are reading, which is what resuming on any device relies on.
 */
export async function openLesson(db: PrismaClient, options: LessonRequest): Promise<LessonPage | null> {
  const found = await findLesson(db, options);
  return found ? recordView(db, { ...options, ...found }) : null;
}

async function findLesson(
  db: PrismaClient,
  { moduleSlug, lessonSlug, userId }: { moduleSlug: string; lessonSlug: string; userId: string },
) {
  const lessonId = toLessonId(moduleSlug, lessonSlug);
  const state = await readLearnerModuleState(db, { moduleId: moduleSlug, userId, checksOfLessonId: lessonId });
  if (!state) return null;
  const content = await moduleContent(db, moduleSlug, state.contentStamp);
  const lesson = content?.lessons.find((candidate) => candidate.id === lessonId);
  return content && lesson ? { state, content, lesson } : null;
}

/** "Before" means before any lesson (see surveyPending); the item count is only read on a first visit. */
async function beforeSurveyDue(db: PrismaClient, state: LearnerModuleState): Promise<boolean> {
  if (!state.surveyKey || state.enrollment?.preSurvey || state.progress.size > 0) return false;
  return (await db.surveyItem.count({ where: { surveyKey: state.surveyKey, archived: false } })) > 0;
}

async function recordView(
  db: PrismaClient,
  {
    moduleSlug,
    lessonSlug,
    locale,
    userId,
    events,
    now = new Date(),
    state,
    content,
    lesson,
  }: LessonRequest & { state: LearnerModuleState; content: ModuleContent; lesson: CachedLesson },
): Promise<LessonPage> {
  const enrollment = state.enrollment;
  const somethingNew =
    !enrollment ||
    !state.progress.has(lesson.id) ||
    enrollment.lastLessonId !== lesson.id ||
    Math.abs(now.getTime() - enrollment.lastActivityAt.getTime()) >= ACTIVITY_RESOLUTION_MS;
  if (somethingNew) {
    await events.record(db, now, async (tx) => {
      const written = await tx.enrollment.upsert({
        where: { userId_moduleId: { userId, moduleId: moduleSlug } },
        create: {
          userId,
          moduleId: moduleSlug,
          contentHash: state.contentHash,
          lastLessonId: lesson.id,
          startedAt: now,
          lastActivityAt: now,
        },
        update: { lastLessonId: lesson.id, lastActivityAt: now },
        select: { startedAt: true },
      });
      await tx.lessonProgress.upsert({
        where: { userId_lessonId: { userId, lessonId: lesson.id } },
        create: {
          userId,
          lessonId: lesson.id,
          contentHash: lesson.contentHash,
          firstSeenAt: now,
          lastSeenAt: now,
          lastActiveAt: now,
        },
        // A new stretch of measured reading time; a reload that writes nothing restarts it through
        // the page's openedAt, which the heartbeat sends (activity.server).
        update: { lastSeenAt: now, lastActiveAt: now },
      });
      // Only the first opening (it creates the enrollment) changes what reports count.
      const started = written.startedAt.getTime() === now.getTime();
      return { value: undefined, event: started ? { type: "lessonOpened", userId, moduleId: moduleSlug } : null };
    });
  }

  const states = content.lessons.map((l) => lessonState(l.id, state));
  const index = content.lessons.indexOf(lesson);
  const text = pickLocale(lesson.locales, locale);
  return {
    moduleSlug,
    moduleTitle: pickLocale(content.locales, locale)?.title ?? moduleSlug,
    slug: lessonSlug,
    title: text?.title ?? lessonSlug,
    html: text?.html ?? "",
    contentLocale: text?.locale ?? DEFAULT_LOCALE,
    minutes: lesson.minutes,
    position: index + 1,
    total: content.lessons.length,
    previousSlug: content.lessons[index - 1]?.slug ?? null,
    nextSlug: content.lessons[index + 1]?.slug ?? null,
    completed: states[index]?.completed ?? false,
    fractionDone: completionFraction(states),
    openedAt: now.getTime(),
  };
}

export type CompleteLessonResult =
  | { ok: true; nextLessonSlug: string | null; moduleCompleted: boolean; assessmentPending: boolean }
  | { ok: false; error: "not_found" };

/**
 * Records a lesson as done (when the learner moves on); the lessonCompleted event completes the
 * module when the completion rule holds (app/events). Repeating it changes nothing: the first
 * completion time is kept.
 */
export async function completeLesson(
  db: PrismaClient,
  {
    moduleSlug,
    lessonSlug,
    userId,
    events,
    now = new Date(),
  }: { moduleSlug: string; lessonSlug: string; userId: string; events: LearningEvents; now?: Date },
): Promise<CompleteLessonResult> {
  const lesson = await db.lesson.findFirst({
    where: { moduleId: moduleSlug, slug: lessonSlug, archived: false, module: { archived: false } },
    select: { id: true, contentHash: true, module: { select: { contentHash: true, hasAssessment: true } } },
  });
  if (!lesson) return { ok: false, error: "not_found" };

  const { outcome } = await events.record(db, now, async (tx) => {
    await tx.enrollment.upsert({
      where: { userId_moduleId: { userId, moduleId: moduleSlug } },
      create: {
        userId,
        moduleId: moduleSlug,
        contentHash: lesson.module.contentHash,
        lastLessonId: lesson.id,
        startedAt: now,
        lastActivityAt: now,
      },
      update: { lastActivityAt: now },
    });
    const existing = await tx.lessonProgress.findUnique({
      where: { userId_lessonId: { userId, lessonId: lesson.id } },
      select: { completedAt: true, lastActiveAt: true },
    });
    if (!existing) {
      await tx.lessonProgress.create({
        data: {
          userId,
          lessonId: lesson.id,
          contentHash: lesson.contentHash,
          firstSeenAt: now,
          lastSeenAt: now,
          completedAt: now,
        },
      });
    } else if (!existing.completedAt) {
      await tx.lessonProgress.update({
        where: { userId_lessonId: { userId, lessonId: lesson.id } },
        data: {
          completedAt: now,
          lastSeenAt: now,
          contentHash: lesson.contentHash,
          ...activeTimeUpdate(existing.lastActiveAt, now),
        },
      });
    }
    // Also when the lesson was done already: the completion rule may hold by now (new content, a pass).
    return { value: undefined, event: { type: "lessonCompleted", userId, moduleId: moduleSlug } };
  });
  const moduleCompleted = outcome?.moduleCompleted ?? false;

  const lessons = await lessonStates(db, moduleSlug, userId);
  const index = lessons.findIndex((l) => l.id === lesson.id);
  const next = lessons[index + 1];
  const allDone = allLessonsCompleted(lessons.map((l) => l.state));
  return {
    ok: true,
    nextLessonSlug: next ? next.slug : null,
    moduleCompleted,
    assessmentPending: allDone && !moduleCompleted && lesson.module.hasAssessment,
  };
}

export interface LearningEntry {
  moduleSlug: string;
  title: string;
  contentLocale: string;
  status: string;
  fractionDone: number;
  lastActivityAt: Date;
  completedAt: Date | null;
  /** The lesson to continue with; for a SCORM module "speler/<scoId>" (the player, also under the module). */
  resumeLessonSlug: string | null;
  /** Every lesson is done but the final assessment is not passed yet: "continue" means the assessment. */
  assessmentPending: boolean;
  progressStatus: ModuleStatus;
}

/** "Mijn leren": every module the learner started, most recent activity first. */
export async function listMyLearning(
  db: PrismaClient,
  { userId, locale }: { userId: string; locale: Locale },
): Promise<LearningEntry[]> {
  const enrollments = await db.enrollment.findMany({
    where: { userId, module: { archived: false } },
    orderBy: { lastActivityAt: "desc" },
    select: {
      moduleId: true,
      status: true,
      lastActivityAt: true,
      completedAt: true,
      lastLessonId: true,
      module: {
        select: {
          hasAssessment: true,
          kind: true,
          locales: { select: { locale: true, title: true } },
          lessons: {
            where: { archived: false },
            orderBy: { position: "asc" },
            select: { id: true, progress: { where: { userId }, select: { completedAt: true } } },
          },
        },
      },
    },
  });
  // A SCORM module has SCOs instead of lessons; "continue" opens the player (a path under the module).
  const scorm = await scormScoStates(db, {
    userId,
    moduleIds: enrollments.filter((e) => e.module.kind === "scorm").map((e) => e.moduleId),
  });
  const openAttempts = await openAttemptProgress(db, {
    userId,
    moduleIds: enrollments.filter((e) => e.module.hasAssessment).map((e) => e.moduleId),
  });
  return enrollments.map((e) => {
    const text = pickLocale(e.module.locales, locale);
    const scos = scorm.get(e.moduleId);
    return {
      moduleSlug: e.moduleId,
      title: text?.title ?? e.moduleId,
      contentLocale: text?.locale ?? DEFAULT_LOCALE,
      status: e.status,
      lastActivityAt: e.lastActivityAt,
      completedAt: e.completedAt,
      ...(scos ? scormEntryProgress(scos, e.status) : lessonEntryProgress(e, openAttempts.get(e.moduleId) ?? null)),
    };
  });
}

type EntryProgress = Pick<LearningEntry, "fractionDone" | "resumeLessonSlug" | "assessmentPending" | "progressStatus">;

function lessonEntryProgress(
  e: {
    status: string;
    lastLessonId: string | null;
    module: { hasAssessment: boolean; lessons: { id: string; progress: { completedAt: Date | null }[] }[] };
  },
  openAttempt: OpenAttemptProgress | null,
): EntryProgress {
  const states: LessonState[] = e.module.lessons.map((l) => ({
    id: l.id,
    seen: l.progress.length > 0,
    completed: l.progress.some((p) => p.completedAt !== null),
  }));
  const resumeId = resumeLessonId(states, e.lastLessonId);
  return {
    fractionDone: completionFraction(states),
    resumeLessonSlug: resumeId ? lessonSlugOf(resumeId) : null,
    assessmentPending: e.module.hasAssessment && e.status !== "completed" && allLessonsCompleted(states),
    progressStatus: moduleStatus({
      enrolled: true,
      completed: e.status === "completed",
      hasAssessment: e.module.hasAssessment,
      lessons: states,
      openAttempt,
    }),
  };
}

function scormEntryProgress(scos: ScoState[], enrollmentStatus: string): EntryProgress {
  const resumeSco = resumeScoId(scos);
  return {
    fractionDone: scormFractionDone(scos),
    resumeLessonSlug: resumeSco ? `speler/${resumeSco}` : null,
    assessmentPending: false,
    progressStatus: enrollmentStatus === "completed" ? { kind: "completed" } : { kind: "in_progress" },
  };
}
