import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { adminSectionsFor } from "~/admin/sections";
import { requireUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sections = adminSectionsFor(user);
  if (sections.length === 0) throw new Response("Forbidden", { status: 403 });
  const { t } = await getTranslator(request, user);
  return { pageTitle: t("nav.admin"), sections };
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function AdminIndex() {
  const { sections } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("nav.admin")}</h1>
      <ul className="cards">
        {sections.map((section) => (
          <li key={section.path} className="card">
            <h2 className="card__title">
              <Link to={section.path}>{t(section.title)}</Link>
            </h2>
            <p>{t(section.description)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
