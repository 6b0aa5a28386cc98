import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { destroyUserSession } from "~/auth/session.server";

/** Logging out is a POST (a link could be triggered by another site); it ends the DB session. */
export async function action({ request }: ActionFunctionArgs) {
  return destroyUserSession(request, "/");
}

export async function loader() {
  return redirect("/");
}
