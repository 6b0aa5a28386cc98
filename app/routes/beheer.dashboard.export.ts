import type { LoaderFunctionArgs } from "@remix-run/node";

import { prisma } from "~/db/client.server";
import { isCsvSeparator, reportCsvFileName, reportTableCsv } from "~/reports/csv.server";
import { dashboardTable, readDashboardFilter, requireReportViewer } from "~/reports/dashboard-view.server";
import { isTableId } from "~/reports/tables";

function badRequest(message: string) {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * GET /beheer/dashboard/export?tabel=…&scheiding=komma|puntkomma plus the dashboard filter: one
 * dashboard table as a CSV download, with the same access and filter checks as the pages.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, locale, t } = await requireReportViewer(prisma, request);
  const params = new URL(request.url).searchParams;
  const table = params.get("tabel");
  const separator = params.get("scheiding") ?? "komma";
  if (!isTableId(table)) return badRequest(t("reports.export.badTable"));
  if (!isCsvSeparator(separator)) return badRequest(t("reports.export.badSeparator"));
  const parsed = await readDashboardFilter(prisma, scope, request);
  if (!parsed.ok)
    return badRequest([t("reports.form.invalid"), ...Object.values(parsed.errors).map((key) => t(key))].join("\n"));
  const now = new Date();
  const result = await dashboardTable(prisma, { scope, filter: parsed.filter, table, ctx: { t, locale }, now });
  if (!result) return badRequest(t("reports.export.needsModule"));
  return new Response(reportTableCsv(result, separator), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${reportCsvFileName(table, now)}"`,
      "Cache-Control": "no-store",
    },
  });
}
