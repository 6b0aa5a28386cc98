import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { getSessionUser } from "~/auth/session.server";
import { parseCode } from "~/certificates/code";
import { CertificateLookupForm, EXAMPLE_CODE } from "~/components/certificate-verification";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";

/** `?code=` from the form: a well-formed code goes to its page; anything else is explained here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSessionUser(request);
  const { t } = await getTranslator(request, session?.user);
  const typed = new URL(request.url).searchParams.get("code");
  if (typed === null) return { pageTitle: t("verify.title"), typed: "", error: null };
  const code = parseCode(typed);
  if (code) return redirect(`/certificaat/${code}`);
  const error = typed.trim() === "" ? t("verify.codeRequired") : t("verify.malformed.text", { example: EXAMPLE_CODE });
  return data({ pageTitle: t("verify.title"), typed: typed.slice(0, 64), error }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = (args) => [...pageMeta(args), { name: "robots", content: "noindex" }];

export default function CertificateLookupPage() {
  const { typed, error } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("verify.title")}</h1>
      <p className="lead">{t("verify.intro")}</p>
      <CertificateLookupForm defaultValue={typed} error={error} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
