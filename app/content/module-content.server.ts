import type { PrismaClient } from "@prisma/client";

import type { Question } from "./questions";

/**
 * The synced content of a Markdown module (titles, lessons with their rendered HTML, knowledge
 * checks), held in memory per module and version stamp. Content only changes when the course sync
 * rewrites the module, which sets a new content hash and `syncedAt`; so a request reads the
 * module's stamp (it does anyway, with the learner's state) and gets the content from here: the
 * database is read once per version and process. Several processes stay correct because each
 * compares the stamp it has just read; a sync in another process shows up on the next request.
 */

export interface CachedLessonText {
  locale: string;
  title: string;
  html: string;
}

export interface CachedCheck {
  /** Question row id ("<module>/<check id>"). */
  id: string;
  slug: string;
  question: Question;
}

export interface CachedLesson {
  /** "<module slug>/<lesson slug>" */
  id: string;
  slug: string;
  minutes: number;
  contentHash: string;
  locales: CachedLessonText[];
  /** Knowledge checks the lesson places, in quiz order. */
  checks: CachedCheck[];
}

export interface ModuleContent {
  id: string;
  contentHash: string;
  hasAssessment: boolean;
  /** Texts per language; objectives and about are the stored JSON. */
  locales: {
    locale: string;
    title: string;
    summary: string;
    objectives: string;
    introHtml: string;
    about: string | null;
  }[];
  /** Current (not archived) lessons in module order. */
  lessons: CachedLesson[];
}

/**
 * The version of a module's synced rows; `syncedAt` also changes when only the survey it shows
 * does. Null for an imported SCORM module: its administrator edits texts without a new hash, so
 * it is read from the database every time.
 */
export function contentStamp(module: { contentHash: string; syncedAt: Date; kind: string }): string | null {
  return module.kind === "scorm" ? null : `${module.contentHash}@${module.syncedAt.getTime()}`;
}

interface Entry {
  stamp: string;
  content: Promise<ModuleContent | null>;
}

/** Per database client, so tests with their own database never share entries. */
const caches = new WeakMap<PrismaClient, Map<string, Entry>>();

/**
 * The module's content for `stamp` (`contentStamp` of the Module row the caller just read). Null
 * when the module has no row any more. A different stamp replaces the entry, so memory holds one
 * version per module.
 */
export function moduleContent(db: PrismaClient, moduleId: string, stamp: string | null): Promise<ModuleContent | null> {
  if (stamp === null) return loadModuleContent(db, moduleId);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const cached = cache.get(moduleId);
  if (cached && cached.stamp === stamp) return cached.content;
  const entry: Entry = { stamp, content: loadModuleContent(db, moduleId) };
  cache.set(moduleId, entry);
  // A failed read (database busy, say) is not kept: the next request tries again.
  entry.content.catch(() => {
    if (cache.get(moduleId) === entry) cache.delete(moduleId);
  });
  return entry.content;
}

async function loadModuleContent(db: PrismaClient, moduleId: string): Promise<ModuleContent | null> {
  // One read transaction: the rows belong to one sync even if another process syncs meanwhile.
  const [module, lessons, checks] = await db.$transaction([
    db.module.findUnique({
      where: { id: moduleId },
      select: {
        id: true,
        contentHash: true,
        hasAssessment: true,
        locales: {
          select: { locale: true, title: true, summary: true, objectives: true, introHtml: true, about: true },
        },
      },
    }),
    db.lesson.findMany({
      where: { moduleId, archived: false },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        minutes: true,
        contentHash: true,
        locales: { select: { locale: true, title: true, html: true } },
      },
    }),
    db.question.findMany({
      where: { moduleId, kind: "check", archived: false, lessonId: { not: null } },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, lessonId: true, data: true },
    }),
  ]);
  if (!module) return null;
  return {
    id: module.id,
    contentHash: module.contentHash,
    hasAssessment: module.hasAssessment,
    locales: module.locales,
    lessons: lessons.map((lesson) => ({
      ...lesson,
      checks: checks
        .filter((check) => check.lessonId === lesson.id)
        .map((check) => ({ id: check.id, slug: check.slug, question: JSON.parse(check.data) as Question })),
    })),
  };
}
