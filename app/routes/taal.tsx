import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { setUserLocale } from "~/auth/accounts.server";
import { LanguageSchema } from "~/auth/schemas";
import { getAuth, safeRedirectPath } from "~/auth/session.server";
import { localeCookie } from "~/i18n/locale.server";
import { readFormData } from "~/utils/form-data.server";

/** The language switch: kept on the user when logged in, and in a cookie for everyone. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  const { user, headers } = await getAuth(request);
  if (user) await setUserLocale(user.id, parsed.data.locale);
  headers.append("Set-Cookie", await localeCookie.serialize(parsed.data.locale));
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/"), { headers });
}

export async function loader() {
  return redirect("/");
}
