import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";

import { createAccounts } from "~/auth/accounts.server";
import { SignupConfirmSchema } from "~/auth/schemas";
import { createUserSession } from "~/auth/session.server";
import { FormErrors } from "~/components/forms";
import { getTranslator, localeCookie } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { learningEvents } from "~/learning-events.server";
import { signUpJoinCodes } from "~/organisations/sign-up.server";
import { readFormData } from "~/utils/form-data.server";
import { pageMeta } from "~/utils/meta";

/**
 * The link from the sign-up mail. Opening it changes nothing (mail scanners open links too); the
 * button creates the account and signs in, replacing any session the browser had.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  return { pageTitle: t("signupConfirm.title") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = SignupConfirmSchema.safeParse(Object.fromEntries(await readFormData(request)));
  // Wired here, not at module scope: this module is also bundled for the browser.
  const { confirmSignup } = createAccounts({ joinCodes: signUpJoinCodes(learningEvents) });
  const outcome = parsed.success
    ? await confirmSignup(parsed.data.token)
    : ({ ok: false, error: "invalid_or_expired_token" } as const);
  if (!outcome.ok) {
    const message = outcome.error === "email_taken" ? t("signupConfirm.emailTaken") : t("signupConfirm.invalidToken");
    return data({ errors: [message] }, { status: 400 });
  }
  // A cohort code joined the cohort already: its confirmation is on "Mijn leren".
  return createUserSession(outcome.user.id, {
    redirectTo: outcome.cohortId
      ? `/mijn-leren?deelgenomen=${encodeURIComponent(outcome.cohortId)}`
      : outcome.redirectTo || "/modules",
    request,
    headers: { "Set-Cookie": await localeCookie.serialize(outcome.user.locale) },
  });
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function ConfirmSignupPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="form">
      <h1>{t("signupConfirm.title")}</h1>
      <FormErrors id="confirm-errors" errors={actionData?.errors} />
      {actionData?.errors ? (
        <p>
          <Link to="/registreren">{t("nav.register")}</Link> · <Link to="/inloggen">{t("nav.login")}</Link>
        </p>
      ) : (
        <Form method="post">
          <p>{t("signupConfirm.intro")}</p>
          <input type="hidden" name="token" value={searchParams.get("token") ?? ""} />
          <button type="submit" className="button">
            {t("signupConfirm.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
