import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { attendanceBatchFile } from "~/certificates/attendance.server";
import { prisma } from "~/db/client.server";

/**
 * GET /beheer/presentie/<export>/<batch>: one batch of a recorded attendance export as a CSV
 * file. A resource route (no component): it can be downloaded again at any time, unchanged.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "export:attendance:any");
  const batch = /^\d{1,6}$/.test(params.batch ?? "") ? Number(params.batch) : NaN;
  const file = Number.isNaN(batch)
    ? null
    : await attendanceBatchFile(prisma, { exportId: params.exportId ?? "", batch });
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(file.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      // Registration numbers are personal data: no browser or proxy may keep a copy.
      "Cache-Control": "no-store",
    },
  });
}
