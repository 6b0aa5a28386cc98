import { prisma } from "~/db/client.server";

/** Liveness and readiness in one: answers 200 only when the database answers. */
export async function loader() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return new Response("OK\n", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return new Response("Database unavailable\n", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}
