/**
 * Where a learner stands in a module, in the words the learner pages use. Pure, so the rule is
 * tested once and every page that shows a module's state agrees: a module whose lessons are done
 * but whose assessment is still open is "lessons done, assessment to do", never "in progress" at
 * 100 %.
 */

import type { LessonState } from "./progress";

export interface OpenAttemptProgress {
  attemptId: string;
  answered: number;
  total: number;
}

export type ModuleStatus =
  | { kind: "not_started" }
  | { kind: "in_progress" }
  /** Every lesson is done, the assessment is not passed yet; `attempt` is the unsubmitted one, if any. */
  | { kind: "assessment_open"; attempt: OpenAttemptProgress | null }
  | { kind: "completed" };

export function moduleStatus({
  enrolled,
  completed,
  hasAssessment,
  lessons,
  openAttempt,
}: {
  enrolled: boolean;
  completed: boolean;
  hasAssessment: boolean;
  lessons: readonly LessonState[];
  openAttempt: OpenAttemptProgress | null;
}): ModuleStatus {
  if (completed) return { kind: "completed" };
  const lessonsDone = lessons.length > 0 && lessons.every((lesson) => lesson.completed);
  if (hasAssessment && lessonsDone) return { kind: "assessment_open", attempt: openAttempt };
  if (!enrolled && !lessons.some((lesson) => lesson.seen)) return { kind: "not_started" };
  return { kind: "in_progress" };
}
