import { data, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";

import { getAuth } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { recordActivity } from "~/learning/activity.server";
import { readFormData } from "~/utils/form-data.server";

/** When the lesson page was served (ms since the epoch); pages from before this field have none. */
const openedSchema = z.coerce.number().int().positive().max(8.64e15).optional();

/**
 * Heartbeat of the lesson page (see activity.server): "the learner is still reading this lesson".
 * Answers 204; an anonymous or unknown lesson gets 404 and changes nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user } = await getAuth(request);
  if (!user) return data(null, { status: 401 });
  const form = await readFormData(request);
  const moduleSlug = String(form.get("module") ?? "");
  const lessonSlug = String(form.get("lesson") ?? "");
  const opened = openedSchema.safeParse(form.get("opened") ?? undefined);
  if (!opened.success) return data(null, { status: 400 });
  const openedAt = opened.data === undefined ? null : new Date(opened.data);
  const seconds = await recordActivity(prisma, { userId: user.id, moduleSlug, lessonSlug, openedAt });
  return new Response(null, { status: seconds === null ? 404 : 204 });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
