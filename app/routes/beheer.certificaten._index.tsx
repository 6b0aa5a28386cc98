import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { userHasPermission } from "~/auth/permissions";
import { requireUserWithPermission } from "~/auth/permissions.server";
import { listRecentBundles, requestCertificateBundle } from "~/certificates/bundle.server";
import {
  certificateFilterOptions,
  certificateScope,
  CertificateFilterSchema,
  searchCertificates,
  type CertificateFilter,
} from "~/certificates/list.server";
import { DataTable, PageHeader, Pagination } from "~/components/admin-page";
import { appOrigin } from "~/config/app-origin.server";
import { CertificatePdfLink, CertificateStatusText } from "~/components/certificate-links";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { formatDate, type MessageKey } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The filter fields in a URL, empty ones left out. */
function filterQuery(filter: CertificateFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  return params;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "export:certificates:own");
  const { locale, t } = await getTranslator(request, user);
  const url = new URL(request.url);
  const filter = CertificateFilterSchema.parse(Object.fromEntries(url.searchParams));
  const page = PageSchema.parse(url.searchParams.get("page") ?? undefined);
  const scope = await certificateScope(prisma, user);
  const now = new Date();
  const [search, options, bundles] = await Promise.all([
    searchCertificates(prisma, { scope, filter, page, locale, now }),
    certificateFilterOptions(prisma, { scope, locale }),
    listRecentBundles(prisma, { viewer: user, now }),
  ]);
  const body = {
    pageTitle: t("certificates.admin.title"),
    scope: scope.kind,
    canManage: userHasPermission(user, "manage:certificates:any"),
    filter,
    page,
    search,
    options,
    bundles,
  };
  // A mistyped day shows the page with its message, as the answer to a bad request.
  return !search.ok && search.error === "bad_period" ? data(body, { status: 400 }) : body;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "export:certificates:own");
  const { t } = await getTranslator(request, user);
  const filter = CertificateFilterSchema.parse(Object.fromEntries(await readFormData(request)));
  const result = await requestCertificateBundle(prisma, { viewer: user, filter, now: new Date(), origin: appOrigin() });
  if (result.ok) return redirect(`/beheer/certificaten/bundel/${result.bundleId}`);
  const messages: Record<typeof result.error, MessageKey> = {
    empty: "certificates.bundle.empty",
    bad_period: "certificates.admin.badPeriod",
    no_scope: "certificates.admin.noOrganisation",
  };
  return data({ error: t(messages[result.error]) }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function CertificatesAdminPage() {
  const { scope, canManage, filter, page, search, options, bundles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const query = filterQuery(filter);
  const pageLink = (p: number) => {
    const params = new URLSearchParams(query);
    params.set("page", String(p));
    return `?${params}`;
  };

  if (scope === "none") {
    return (
      <div>
        <h1>{t("certificates.admin.title")}</h1>
        <p className="notice">{t("certificates.admin.noOrganisation")}</p>
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title={t("certificates.admin.title")}
        intro={scope === "any" ? t("certificates.admin.introAny") : t("certificates.admin.introOwn")}
      />

      <section aria-labelledby="filter-title">
        <h2 id="filter-title">{t("certificates.admin.filters")}</h2>
        {search.ok ? null : <FormErrors id="filter-errors" errors={[t("certificates.admin.badPeriod")]} />}
        <Form method="get" className="inline-form filter-form" role="search" aria-labelledby="filter-title">
          <div className="field">
            <label htmlFor="certificate-search">{t("certificates.admin.search")}</label>
            <input id="certificate-search" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="certificate-module">{t("certificates.module")}</label>
            <select id="certificate-module" name="module" defaultValue={filter.module ?? ""}>
              <option value="">{t("certificates.admin.allModules")}</option>
              {options.modules.map((m) => (
                <option key={m.id} value={m.id} lang={m.locale === locale ? undefined : m.locale}>
                  {m.title}
                </option>
              ))}
            </select>
          </div>
          {scope === "any" ? (
            <div className="field">
              <label htmlFor="certificate-organisation">{t("certificates.organisation")}</label>
              <select id="certificate-organisation" name="organisation" defaultValue={filter.organisation ?? ""}>
                <option value="">{t("certificates.admin.allOrganisations")}</option>
                {options.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {(["from", "to"] as const).map((bound) => (
            <div className="field" key={bound}>
              <label htmlFor={`certificate-${bound}`}>{t(`certificates.admin.${bound}`)}</label>
              <input
                id={`certificate-${bound}`}
                name={bound}
                type="text"
                autoComplete="off"
                defaultValue={filter[bound] ?? ""}
                aria-describedby={search.ok ? "date-hint" : "filter-errors date-hint"}
                aria-invalid={search.ok ? undefined : true}
              />
            </div>
          ))}
          <button type="submit" className="button button--secondary">
            {t("certificates.admin.apply")}
          </button>
          {query.toString() ? <Link to="/beheer/certificaten">{t("certificates.admin.reset")}</Link> : null}
        </Form>
        <p id="date-hint" className="field-hint">
          {t("certificates.admin.dateHint")}
        </p>
      </section>

      {search.ok ? (
        <>
          <p>
            {search.total === 1
              ? t("certificates.admin.countOne")
              : t("certificates.admin.count", { count: search.total })}
          </p>
          <DataTable
            caption={t("certificates.admin.caption")}
            columns={[
              t("certificates.learner"),
              t("certificates.module"),
              scope === "any" && t("certificates.organisation"),
              t("certificates.completedOn"),
              t("certificates.status"),
              t("certificates.validUntil"),
              t("certificates.code"),
              t("certificates.actions"),
            ]}
            rows={search.rows}
            // A page past the last one shows an empty table, not "none".
            empty={search.total === 0 ? t("certificates.admin.none") : undefined}
          >
            {(c) => (
              <tr key={c.code}>
                <th scope="row">{c.learnerName}</th>
                <td lang={c.moduleTitleLocale === locale ? undefined : c.moduleTitleLocale}>{c.moduleTitle}</td>
                {scope === "any" ? <td>{c.organisation ?? "—"}</td> : null}
                <td>{formatDate(locale, c.completedAt)}</td>
                <td>
                  <CertificateStatusText status={c.status} />
                </td>
                <td>{c.expiresAt ? formatDate(locale, c.expiresAt) : t("certificates.noExpiry")}</td>
                <td>
                  <Link to={`/certificaat/${c.code}`}>
                    <code>{c.code}</code>
                    <span className="visually-hidden"> ({t("certificates.verificationPage")})</span>
                  </Link>
                </td>
                <td>
                  <div className="actions">
                    <CertificatePdfLink code={c.code} status={c.status} />
                    {canManage ? (
                      <Link to={`/beheer/certificaat/${c.code}`}>
                        {t("certificates.admin.manage")}
                        <span className="visually-hidden"> {t("certificates.admin.manageFor", { code: c.code })}</span>
                      </Link>
                    ) : null}
                  </div>
                </td>
              </tr>
            )}
          </DataTable>
          <Pagination
            label={t("certificates.admin.pagination")}
            page={page}
            pageCount={search.pageCount}
            href={pageLink}
            previous={t("certificates.admin.previous")}
            next={t("certificates.admin.next")}
            status={t("certificates.admin.page", { page, pageCount: search.pageCount })}
          />

          <section aria-labelledby="bundle-title" className="section">
            <h2 id="bundle-title">{t("certificates.bundle.title")}</h2>
            <FormErrors id="bundle-errors" errors={actionData?.error ? [actionData.error] : null} />
            {search.bundleable === 0 ? (
              <p>{t("certificates.bundle.empty")}</p>
            ) : (
              <Form method="post">
                <p>
                  {search.bundleable === 1
                    ? t("certificates.bundle.introOne")
                    : t("certificates.bundle.intro", { count: search.bundleable })}
                </p>
                {[...query].map(([key, value]) => (
                  <input key={key} type="hidden" name={key} value={value} />
                ))}
                <button type="submit" className="button">
                  {t("certificates.bundle.submit")}
                </button>
              </Form>
            )}
          </section>
        </>
      ) : null}

      {bundles.length > 0 ? (
        <section aria-labelledby="recent-title" className="section">
          <h2 id="recent-title">{t("certificates.bundle.recent")}</h2>
          <ul>
            {bundles.map((b) => (
              <li key={b.id}>
                <Link to={`/beheer/certificaten/bundel/${b.id}`}>
                  {t(b.total === 1 ? "certificates.bundle.recentItemOne" : "certificates.bundle.recentItem", {
                    date: formatDate(locale, b.createdAt, "datetime"),
                    count: b.total,
                  })}
                </Link>{" "}
                — {t(`certificates.bundle.status.${b.status as "done"}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
