import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireUser } from "~/auth/session.server";
import { ProgressBar } from "~/components/progress";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listMyLearning } from "~/learning/progress.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const entries = await listMyLearning(prisma, { userId: user.id, locale });
  return { pageTitle: t("myLearning.title"), entries };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function MyLearning() {
  const { entries } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div>
      <h1>{t("myLearning.title")}</h1>
      <p className="lead">{t("myLearning.intro")}</p>
      {entries.length === 0 ? (
        <p>
          {t("myLearning.empty")} <Link to="/modules">{t("myLearning.browse")}</Link>
        </p>
      ) : (
        <ul className="cards">
          {entries.map((e) => {
            const percent = Math.round(e.fractionDone * 100);
            const status = e.status === "completed" ? "completed" : "in_progress";
            return (
              <li key={e.moduleSlug} className="card">
                <h2 className="card__title" lang={e.contentLocale}>
                  <Link to={`/modules/${e.moduleSlug}`}>{e.title}</Link>
                </h2>
                <p>
                  <span className={`status status--${status}`}>{t(`module.status.${status}`)}</span>
                </p>
                <ProgressBar label={t("module.progressLabel")} value={percent} text={t("module.progress", { percent: `${percent}%` })} />
                <p className="muted">{t("myLearning.lastActivity", { date: formatDate(locale, e.lastActivityAt, "datetime") })}</p>
                {e.assessmentPending ? (
                  <Link className="button" to={`/modules/${e.moduleSlug}/toets`}>
                    {t("module.toAssessment")}
                    <span className="visually-hidden">: {e.title}</span>
                  </Link>
                ) : e.resumeLessonSlug && status !== "completed" ? (
                  <Link className="button" to={`/modules/${e.moduleSlug}/${e.resumeLessonSlug}`}>
                    {t("module.continue")}
                    <span className="visually-hidden">: {e.title}</span>
                  </Link>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
