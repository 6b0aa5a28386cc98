import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { exportModule, ScormExportError } from "~/scorm/export/package.server";
import { ScormExportQuery } from "~/scorm/export/request";

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A module as a SCORM package: GET /beheer/export/<module>?versie=1.2|2004&taal=nl|en. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:content:any");
  const { t } = await getTranslator(request, admin);
  const query = ScormExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return plain(400, t("export.error.badRequest"));
  try {
    const exported = await exportModule(prisma, {
      moduleId: params.moduleSlug ?? "",
      version: query.data.versie,
      locale: query.data.taal,
    });
    return new Response(new Uint8Array(exported.zip), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${exported.fileName}"`,
        "Content-Length": String(exported.zip.byteLength),
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof ScormExportError)) throw error;
    if (error.code === "unknown_language") return plain(404, t("export.error.unknownLanguage"));
    return plain(404, t("export.error.unknownModule"));
  }
}
