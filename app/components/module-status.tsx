import type { ModuleStatus } from "~/learning/module-status";
import { useTranslation } from "~/i18n/use-translation";

/** Where the learner stands in a module, in words (the class adds colour, never in place of them). */
export function ModuleStatusText({ status }: { status: ModuleStatus }) {
  const { t } = useTranslation();
  switch (status.kind) {
    case "assessment_open":
      return (
        <span className="status status--assessment_open">
          {status.attempt
            ? t("progressStatus.assessmentOpenCount", {
                answered: status.attempt.answered,
                total: status.attempt.total,
              })
            : t("progressStatus.assessmentOpen")}
        </span>
      );
    default:
      return <span className={`status status--${status.kind}`}>{t(`module.status.${status.kind}`)}</span>;
  }
}

/** Where "Ga verder" takes a learner whose lessons are done: the open attempt, else the assessment overview. */
export function assessmentTarget(
  moduleSlug: string,
  status: Extract<ModuleStatus, { kind: "assessment_open" }>,
): string {
  return status.attempt ? `/modules/${moduleSlug}/toets/${status.attempt.attemptId}` : `/modules/${moduleSlug}/toets`;
}
