import type { ActionFunctionArgs } from "@remix-run/node";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";
import type { UploadAnswer } from "~/components/scorm-upload-form";
import { importMessage, importedModulePath } from "~/scorm/upload-result.server";
import { receiveScormUpload } from "~/scorm/upload.server";

/** The upload form's XMLHttpRequest target (it shows upload progress); answers JSON. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:content:any");
  const { t } = await getTranslator(request, admin);
  const result = await receiveScormUpload(prisma, { request, adminId: admin.id, now: new Date() });
  const answer: UploadAnswer = result.ok
    ? { ok: true, redirectTo: importedModulePath(result.moduleId) }
    : { ok: false, message: importMessage(t, result) };
  return Response.json(answer, { status: result.ok ? 200 : 400, headers: { "Cache-Control": "no-store" } });
}
