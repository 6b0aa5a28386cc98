import type { ActionFunctionArgs } from "@remix-run/node";

import { getAuth } from "~/auth/session.server";
import { prisma } from "~/db/client.server";
import { commitSco } from "~/scorm/player.server";
import { learningEvents } from "~/learning-events.server";

/** Larger than any real commit (64,000 characters of suspend_data plus interactions); server.js caps bodies too. */
const MAX_COMMIT_BYTES = 1024 * 1024;

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The commit endpoint of the SCORM player (scorm-again's lmsCommitUrl): XHR commits as
 * application/json and the terminate commit by sendBeacon as text/plain, both parsed as JSON.
 * The attempt is the signed-in learner's own for the SCO in the URL; ?sessie= is the launch session.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ result: false, errorCode: 101 }, 405);
  const { user } = await getAuth(request);
  if (!user) return json({ result: false, errorCode: 101 }, 401);

  const text = await request.text();
  if (text.length > MAX_COMMIT_BYTES) return json({ result: false, errorCode: 101 }, 413);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const sessionParam = new URL(request.url).searchParams.get("sessie");
  const session = sessionParam !== null && /^\d{1,9}$/.test(sessionParam) ? Number(sessionParam) : null;
  const outcome = await commitSco(prisma, {
    events: learningEvents,
    moduleId: params.moduleSlug ?? "",
    scoId: params.scoId ?? "",
    userId: user.id,
    session,
    body,
    now: new Date(),
  });
  return json(outcome.body, outcome.httpStatus);
}
