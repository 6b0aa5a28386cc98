import { createReadStream } from "node:fs";

import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { bundleDownload } from "~/certificates/bundle.server";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import { amsterdamIsoDate } from "~/utils/amsterdam";

/**
 * GET /beheer/certificaten/bundel/<id>/download: the finished ZIP, streamed from disk, for the
 * trainer who asked for it or an administrator. Anyone else, or a bundle that is not (or no
 * longer) there, gets a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "export:certificates:own");
  const { t } = await getTranslator(request, user);
  const download = await bundleDownload(prisma, { viewer: user, bundleId: params.bundleId ?? "" });
  if (!download) {
    return new Response(t("certificates.bundle.gone"), {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const name = `${t("certificates.bundle.zipName")}-${amsterdamIsoDate(download.createdAt)}.zip`;
  return new Response(createReadableStreamFromReadable(createReadStream(download.file)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(download.size),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
