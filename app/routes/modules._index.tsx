import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getAuth } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { SECTORS } from "~/domain/constants";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { listCatalogue, type CatalogueEntry } from "~/learning/catalogue.server";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getAuth(request);
  const { locale, t } = await getTranslator(request, user);
  const modules = await listCatalogue(prisma, { locale, sector: user?.sector });
  return { pageTitle: t("catalogue.title"), sector: user?.sector ?? null, modules };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function Catalogue() {
  const { sector, modules } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const mine = modules.filter((m) => m.forLearnerSector);
  const others = modules.filter((m) => !m.forLearnerSector);
  return (
    <div>
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.intro")}</p>
      {modules.length === 0 ? <p>{t("catalogue.empty")}</p> : null}
      {sector && mine.length > 0 ? (
        <ModuleSection id="mine" title={t("catalogue.forYourSector", { sector: t(`sector.${sector}`) })} modules={mine} />
      ) : null}
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
