import { isShuttingDown } from "~/config/lifecycle.server";
import { prisma } from "~/db/client.server";

const HEADERS = { "Content-Type": "text/plain", "Cache-Control": "no-store" };

/**
 * Readiness: 200 while this process takes new requests (its database answers and it is not
 * shutting down), 503 otherwise, so a load balancer stops sending it work before it stops.
 * Liveness is /healthz.
 */
export async function loader() {
  if (isShuttingDown()) return new Response("Shutting down\n", { status: 503, headers: HEADERS });
  try {
    await prisma.$queryRaw`SELECT 1`;
    return new Response("Ready\n", { headers: HEADERS });
  } catch (error) {
    console.error("readyz: database check failed", error);
    return new Response("Database unavailable\n", { status: 503, headers: HEADERS });
  }
}
