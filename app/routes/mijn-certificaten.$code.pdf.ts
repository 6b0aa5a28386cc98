import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireUser } from "~/auth/session.server";
import { findDownloadableCertificate } from "~/certificates/list.server";
import { certificatePdf } from "~/certificates/pdf-cache.server";
import { appOrigin } from "~/config/app-origin.server";
import { prisma } from "~/db/client.server";
import { getTranslator } from "~/i18n/locale.server";

/**
 * GET /mijn-certificaten/<code>/pdf: the certificate as a PDF, in the learner's language. For the
 * learner, for trainers of their organisation (export:certificates:own) and for administrators
 * (export:certificates:any). Anyone else gets the same 404 as for a code that does not exist.
 * A resource route, so problems are short plain-text answers in the viewer's language.
 * The PDF carries a strong ETag; a browser that holds the current file gets a 304 without it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request, user);
  const certificate = await findDownloadableCertificate(prisma, { viewer: user, code: params.code ?? "" });
  if (!certificate) return problem(404, `${t("error.404.title")}. ${t("error.404.text")}`);

  const pdf = await certificatePdf(certificate, {
    locale: certificate.locale,
    origin: appOrigin(),
    now: new Date(),
    ifNoneMatch: request.headers.get("If-None-Match"),
  });
  if (!pdf.ok) return problem(410, t("certificates.pdfRevoked"));

  // Personal data: no shared cache may keep it, and the browser asks again every time, so a
  // revocation or a re-issue takes effect at once.
  const caching = { ETag: pdf.etag, "Cache-Control": "private, no-cache" };
  if (!("bytes" in pdf)) return new Response(null, { status: 304, headers: caching });
  return new Response(new Uint8Array(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.bytes.length),
      "Content-Disposition": `attachment; filename="${t("certificates.pdf.title").toLowerCase()}-${certificate.code}.pdf"`,
      ...caching,
    },
  });
}

function problem(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
