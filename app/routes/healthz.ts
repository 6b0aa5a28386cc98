import { prisma, sqlStatementCount } from "~/db/client.server";

/**
 * Liveness and readiness in one: answers 200 only when the database answers. With
 * STIGMAVRIJ_SQL_COUNT=1 (benchmarks only) it also reports the SQL statements sent so far,
 * counted before its own SELECT 1.
 */
export async function loader() {
  const statements = sqlStatementCount();
  try {
    await prisma.$queryRaw`SELECT 1`;
    const headers = new Headers({ "Content-Type": "text/plain", "Cache-Control": "no-store" });
    if (statements !== null) headers.set("X-Sql-Statements", String(statements));
    return new Response("OK\n", { headers });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return new Response("Database unavailable\n", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
}
