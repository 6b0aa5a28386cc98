import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportUserData } from "~/account/privacy.server";
import { requireUser } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { amsterdamIsoDate } from "~/utils/amsterdam";

/**
 * GET /account/export: a resource route (no component), so only this loader runs and the browser
 * saves the response as a file. Only ever the signed-in user's own data.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const exported = await exportUserData(prisma, user.id, { now });
  // The session was valid a moment ago; the account was deleted in between.
  if (!exported) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="stigmavrij-gegevens-${amsterdamIsoDate(now)}.json"`,
      // Personal data: no browser or proxy may keep a copy.
      "Cache-Control": "no-store",
    },
  });
}
