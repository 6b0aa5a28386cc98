/** Pure progress rules, shared by the server modules and their tests. */

export type LessonStatus = "not_started" | "in_progress" | "completed";

export interface LessonState {
  id: string;
  seen: boolean;
  completed: boolean;
}

export function lessonStatus(state: { seen: boolean; completed: boolean }): LessonStatus {
  if (state.completed) return "completed";
  return state.seen ? "in_progress" : "not_started";
}

/** Share of the module's current lessons that are completed, 0..1. */
export function completionFraction(lessons: readonly LessonState[]): number {
  if (lessons.length === 0) return 0;
  return lessons.filter((l) => l.completed).length / lessons.length;
}

export function allLessonsCompleted(lessons: readonly LessonState[]): boolean {
  return lessons.length > 0 && lessons.every((l) => l.completed);
}

/**
 * Where "continue" takes a learner, with lessons in module order: the lesson they were last
 * reading if they had not finished it, else the first lesson not yet completed, else (all done)
 * the last lesson they read, else the first lesson.
 */
export function resumeLessonId(lessons: readonly LessonState[], lastLessonId: string | null): string | null {
  if (lessons.length === 0) return null;
  const last = lastLessonId ? lessons.find((l) => l.id === lastLessonId) : undefined;
  if (last && !last.completed) return last.id;
  const firstOpen = lessons.find((l) => !l.completed);
  if (firstOpen) return firstOpen.id;
  return last?.id ?? lessons[0]!.id;
}
