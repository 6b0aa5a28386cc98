import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { requireUser } from "~/auth/session.server";
import { Notice } from "~/components/forms";
import { ProgressBar } from "~/components/progress";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listMyLearning } from "~/learning/progress.server";
import styles from "~/organisations/cohorts.css";
import { listMyCohorts } from "~/organisations/cohorts.server";
import { pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const [entries, cohorts] = await Promise.all([
    listMyLearning(prisma, { userId: user.id, locale }),
    listMyCohorts(prisma, { userId: user.id, locale, now: new Date() }),
  ]);
  const joined = cohorts.find((c) => c.id === new URL(request.url).searchParams.get("deelgenomen"));
  return { pageTitle: t("myLearning.title"), entries, cohorts, joinedNotice: joined ? t("cohorts.join.joined", { name: joined.name }) : null };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function MyLearning() {
  const { entries, cohorts, joinedNotice } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div>
      <h1>{t("myLearning.title")}</h1>
      <p className="lead">{t("myLearning.intro")}</p>
      {joinedNotice ? <Notice>{joinedNotice}</Notice> : null}
      <MyCohorts cohorts={cohorts} />
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

type Cohorts = Awaited<ReturnType<typeof listMyCohorts>>;

/** The learner's cohorts with their modules and deadlines, and a form to join another one. */
function MyCohorts({ cohorts }: { cohorts: Cohorts }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="my-cohorts-title">
      {cohorts.length > 0 ? (
        <>
          <h2 id="my-cohorts-title">{t("cohorts.mine.title")}</h2>
          {cohorts.map((cohort) => (
            <div key={cohort.id} className="card">
              <h3 className="card__title">{cohort.name}</h3>
              <p className="muted">
                {t("cohorts.mine.organisation", { name: cohort.organisation })}
                {cohort.deadline ? ` · ${t("cohorts.mine.deadline", { date: formatDate(locale, cohort.deadline) })}` : null}
              </p>
              <div className="table-wrapper">
                <table className="table">
                  <caption className="visually-hidden">{t("cohorts.mine.modulesCaption", { name: cohort.name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("cohorts.mine.module")}</th>
                      <th scope="col">{t("cohorts.mine.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {cohort.modules.map((module) => (
                      <tr key={module.id}>
                        <th scope="row" lang={module.locale}>
                          <Link to={`/modules/${module.id}`}>{module.title}</Link>
                        </th>
                        <td>
                          {t(`cohorts.status.${module.status}`)}
                          {module.overdue ? <span className="overdue"> · {t("cohorts.mine.overdue")}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
        </>
      ) : (
        <h2 id="my-cohorts-title" className="visually-hidden">
          {t("cohorts.mine.title")}
        </h2>
      )}
      <Form method="post" action="/deelnemen" className="inline-form">
        <label htmlFor="my-join-code">{t("cohorts.mine.haveCode")}</label>
        <input id="my-join-code" name="code" type="text" autoComplete="off" required maxLength={64} />
        <button type="submit" className="button button--secondary">
          {t("cohorts.mine.codeSubmit")}
        </button>
      </Form>
    </section>
  );
}
