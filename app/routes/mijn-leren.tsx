import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { requireUser } from "~/auth/session.server";
import { currentCertificatesByModule } from "~/certificates/latest.server";
import { certificatePageUrl, CertificatePdfLink } from "~/components/certificate-links";
import { Notice } from "~/components/forms";
import { assessmentTarget, ModuleStatusText } from "~/components/module-status";
import { ProgressBar } from "~/components/progress";
import { TableRegion } from "~/components/table-region";
import { prisma } from "~/db/client.server";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listMyLearning } from "~/learning/progress.server";
import styles from "~/organisations/cohorts.css";
import { listMyCohorts } from "~/organisations/cohort-progress.server";
import { pageMeta } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { locale, t } = await getTranslator(request, user);
  const now = new Date();
  const [entries, cohorts, certificates] = await Promise.all([
    listMyLearning(prisma, { userId: user.id, locale }),
    listMyCohorts(prisma, { userId: user.id, locale, now }),
    currentCertificatesByModule(prisma, { userId: user.id, now }),
  ]);
  const joined = cohorts.find((c) => c.id === new URL(request.url).searchParams.get("deelgenomen"));
  return {
    pageTitle: t("myLearning.title"),
    entries: entries.map((entry) => ({ ...entry, certificate: certificates.get(entry.moduleSlug) ?? null })),
    cohorts,
    joinedNotice: joined ? t("cohorts.join.joined", { name: joined.name }) : null,
  };
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
            const status = e.progressStatus;
            return (
              <li key={e.moduleSlug} className="card">
                <h2 className="card__title" lang={e.contentLocale}>
                  <Link to={`/modules/${e.moduleSlug}`}>{e.title}</Link>
                </h2>
                <p>
                  <ModuleStatusText status={status} />
                </p>
                {status.kind === "assessment_open" ? null : (
                  <ProgressBar
                    label={t("module.progressLabel")}
                    value={percent}
                    text={t("module.progress", { percent: `${percent}%` })}
                  />
                )}
                <p className="muted">
                  {t("myLearning.lastActivity", { date: formatDate(locale, e.lastActivityAt, "datetime") })}
                </p>
                {status.kind === "assessment_open" ? (
                  <Link className="button" to={assessmentTarget(e.moduleSlug, status)}>
                    {t("module.continue")}
                    <span className="visually-hidden">: {e.title}</span>
                  </Link>
                ) : e.resumeLessonSlug && status.kind !== "completed" ? (
                  <Link className="button" to={`/modules/${e.moduleSlug}/${e.resumeLessonSlug}`}>
                    {t("module.continue")}
                    <span className="visually-hidden">: {e.title}</span>
                  </Link>
                ) : null}
                {status.kind === "completed" && e.certificate ? (
                  <p className="card__certificate">
                    <span className="card__certificate-label">{t("myLearning.certificate")}:</span>{" "}
                    <CertificatePdfLink code={e.certificate.code} status={e.certificate.status} />
                    {" · "}
                    <Link to={certificatePageUrl(e.certificate.code)}>
                      {t("certificates.verificationPage")}
                      <span className="visually-hidden">
                        {" "}
                        {t("certificates.verificationPageFor", { code: e.certificate.code })}
                      </span>
                    </Link>
                  </p>
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
                {cohort.deadline
                  ? ` · ${t("cohorts.mine.deadline", { date: formatDate(locale, cohort.deadline) })}`
                  : null}
              </p>
              <TableRegion caption={t("cohorts.mine.modulesCaption", { name: cohort.name })}>
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
              </TableRegion>
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
