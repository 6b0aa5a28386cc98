import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// PostgreSQL's catalog types that @prisma/adapter-pg 6.19 has no column type for; Prisma's JS
// schema engine reads them when it inspects a database (migrate deploy/status, db pull), and
// fails with "Column type 'name' could not be deserialized" (prisma/prisma#27403). Their text
// form is what the engine expects, so the result reports them as text.
const CATALOG_TEXT_TYPES = new Map([
  [18, pg.types.builtins.TEXT], // "char"
  [19, pg.types.builtins.TEXT], // name
  [1002, 1009], // "char"[] → text[]
  [1003, 1009], // name[] → text[]
]);

function reportCatalogTypesAsText<T>(result: T): T {
  for (const field of (result as { fields?: { dataTypeID: number }[] }).fields ?? []) {
    field.dataTypeID = CATALOG_TEXT_TYPES.get(field.dataTypeID) ?? field.dataTypeID;
  }
  return result;
}

class CatalogAwareClient extends pg.Client {
  // @ts-expect-error pg's overloads cannot be restated; every call is passed on, only results change.
  override query(...args: unknown[]) {
    // pg.Pool#query calls its client with a callback; the adapter's own clients use the promise.
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: unknown) =>
        last(error, result && reportCatalogTypesAsText(result));
    }
    const pending = (super.query as (...all: unknown[]) => unknown)(...args);
    return pending instanceof Promise ? pending.then(reportCatalogTypesAsText) : pending;
  }
}

/** The driver adapter for the Prisma CLI (prisma.config.ts) on PostgreSQL. */
export function postgresCliAdapter(connectionString: string): PrismaPg {
  // pg types the option as a plain Client constructor; this one differs only in the loosened query signature.
  return new PrismaPg({ connectionString, Client: CatalogAwareClient as unknown as typeof pg.Client });
}
