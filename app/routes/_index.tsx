import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getAuth } from "~/auth/session.server";
import { Notice } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listCatalogue } from "~/learning/catalogue.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getAuth(request);
  const { locale, t } = await getTranslator(request, user);
  const modules = await listCatalogue(prisma, { locale, sector: user?.sector });
  // Set by the account page after a deletion; the visitor is anonymous by then.
  const deleted = new URL(request.url).searchParams.get("account") === "verwijderd";
  return {
    pageTitle: t("home.title"),
    notice: deleted ? t("account.delete.done") : null,
    loggedIn: Boolean(user),
    modules: modules.map(({ slug, title, minutes, contentLocale }) => ({ slug, title, minutes, contentLocale })),
  };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Home() {
  const { loggedIn, modules, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="home">
      {notice ? <Notice>{notice}</Notice> : null}
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <p className="actions">
          {loggedIn ? (
            <Link className="button" to="/mijn-leren">
              {t("home.cta.continue")}
            </Link>
          ) : (
            <Link className="button" to="/registreren">
              {t("home.cta.start")}
            </Link>
          )}
          <Link className="button button--secondary" to="/modules">
            {t("home.cta.catalogue")}
          </Link>
        </p>
      </section>
      <div className="columns">
        <section aria-labelledby="how-title">
          <h2 id="how-title">{t("home.how.title")}</h2>
          <ol className="steps">
            <li>{t("home.how.step1")}</li>
            <li>{t("home.how.step2")}</li>
            <li>{t("home.how.step3")}</li>
          </ol>
        </section>
        <section aria-labelledby="who-title">
          <h2 id="who-title">{t("home.sectors.title")}</h2>
          <p>{t("home.sectors.text")}</p>
        </section>
      </div>
      {modules.length > 0 ? (
        <section aria-labelledby="modules-title">
          <h2 id="modules-title">{t("home.modules.title")}</h2>
          <ul className="link-list">
            {modules.map((m) => (
              <li key={m.slug}>
                <Link to={`/modules/${m.slug}`} lang={m.contentLocale}>
                  {m.title}
                </Link>{" "}
                <span className="muted">({t("module.minutes", { minutes: m.minutes })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
