import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { getAuth } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { isSector, SECTORS, type Sector } from "~/domain/constants";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listCatalogue, type CatalogueEntry } from "~/learning/catalogue.server";
import { pageMeta } from "~/utils/meta";

const ALL_SECTORS = "alle";

/** `?sector=` overrides the learner's own sector; "alle" shows every module in one list. */
function selectedSector(url: URL, own: Sector | null): Sector | null {
  const requested = url.searchParams.get("sector");
  if (requested === ALL_SECTORS) return null;
  return isSector(requested) ? requested : own;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getAuth(request);
  const { locale, t } = await getTranslator(request, user);
  const sector = selectedSector(new URL(request.url), user?.sector ?? null);
  const modules = await listCatalogue(prisma, { locale, sector });
  return { pageTitle: t("catalogue.title"), sector, ownSector: user?.sector ?? null, modules };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Catalogue() {
  const { sector, ownSector, modules } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const mine = modules.filter((m) => m.forLearnerSector);
  const others = modules.filter((m) => !m.forLearnerSector);
  const sectorTitle = sector
    ? t(sector === ownSector ? "catalogue.forYourSector" : "catalogue.forSector", { sector: t(`sector.${sector}`) })
    : "";
  return (
    <div>
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.intro")}</p>
      <Form method="get" className="inline-form filter-form">
        <label htmlFor="sector-filter">{t("catalogue.filterLabel")}</label>
        <select id="sector-filter" name="sector" defaultValue={sector ?? ALL_SECTORS} key={sector ?? ALL_SECTORS}>
          <option value={ALL_SECTORS}>{t("module.allSectors")}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {t(`sector.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary button--small">
          {t("catalogue.filterSubmit")}
        </button>
      </Form>
      {modules.length === 0 ? <p>{t("catalogue.empty")}</p> : null}
      {sector && mine.length > 0 ? <ModuleSection id="mine" title={sectorTitle} modules={mine} /> : null}
      {others.length > 0 ? (
        <ModuleSection
          id="others"
          title={sector && mine.length > 0 ? t("catalogue.otherModules") : t("catalogue.allModules")}
          modules={others}
        />
      ) : null}
    </div>
  );
}

function ModuleSection({ id, title, modules }: { id: string; title: string; modules: CatalogueEntry[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ul className="cards">
        {modules.map((m) => (
          <li key={m.slug} className="card">
            <h3 lang={m.contentLocale}>
              <Link to={`/modules/${m.slug}`}>{m.title}</Link>
            </h3>
            <p lang={m.contentLocale}>{m.summary}</p>
            <p className="meta-line">
              <span>{t("module.minutes", { minutes: m.minutes })}</span>
              <span>{t("module.lessonCount", { count: m.lessonCount })}</span>
            </p>
            <p className="meta-line">
              <span className="visually-hidden">{t("module.audience")}: </span>
              {m.sectors.length === SECTORS.length ? (
                <span className="tag">{t("module.allSectors")}</span>
              ) : (
                m.sectors.map((s) => (
                  <span key={s} className="tag">
                    {t(`sector.${s}`)}
                  </span>
                ))
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
