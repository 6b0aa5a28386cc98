import { Link } from "@remix-run/react";

import { useTranslation } from "~/i18n/use-translation";
import type { PageInfo } from "~/reports/dashboard-pages.server";
import { formatCount } from "~/reports/tables";

/**
 * Plain links to the previous and next page of a long table (`pagina` in the query, the filter
 * kept), so paging works without JavaScript; nothing when everything fits on one page.
 */
export function TablePages({ info, query, label }: { info: PageInfo; query: string; label: string }) {
  const { t, locale } = useTranslation();
  if (info.pages <= 1) return null;
  const href = (page: number) => {
    const params = new URLSearchParams(query);
    if (page === 1) params.delete("pagina");
    else params.set("pagina", String(page));
    const search = params.toString();
    return search ? `?${search}` : "?";
  };
  return (
    <nav className="table-pages" aria-label={t("reports.pagination.label", { table: label })}>
      <p className="table-pages__range">
        {t("reports.pagination.range", {
          first: formatCount(locale, info.first),
          last: formatCount(locale, info.last),
          total: formatCount(locale, info.total),
        })}
        {" · "}
        {t("reports.pagination.page", { page: info.page })}
      </p>
      <ul className="table-pages__links">
        {info.page > 1 ? (
          <li>
            <Link to={href(info.page - 1)} rel="prev" preventScrollReset>
              {t("reports.pagination.previous")}
            </Link>
          </li>
        ) : null}
        {info.page < info.pages ? (
          <li>
            <Link to={href(info.page + 1)} rel="next" preventScrollReset>
              {t("reports.pagination.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
