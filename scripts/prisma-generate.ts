// `npm run db:generate`: generates the Prisma client of both providers. Prisma makes one client
// per datasource provider: SQLite's into the default node_modules/.prisma/client, PostgreSQL's
// into node_modules/.prisma/client-postgresql (prisma/postgresql/schema.prisma, derived from
// prisma/schema.prisma). A client with a custom output gets its own copy of Prisma's runtime,
// whose classes (Prisma.Sql fragments, PrismaClientKnownRequestError) would then differ from
// the ones the app imports from @prisma/client; the PostgreSQL client is pointed at
// @prisma/client's runtime instead, which is byte for byte the same code.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { POSTGRES_CLIENT_PACKAGE, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../prisma/providers";

const COPIED_RUNTIME = "./runtime/client.js";
const SHARED_RUNTIME = "@prisma/client/runtime/client.js";

function generate(schema: string) {
  execFileSync("npx", ["prisma", "generate", "--schema", schema], { stdio: ["ignore", "ignore", "inherit"] });
  console.log(`generated the Prisma client of ${schema}`);
}

function shareRuntime(clientDir: string) {
  for (const file of ["index.js", "index.d.ts"]) {
    const target = path.join(clientDir, file);
    const source = fs.readFileSync(target, "utf8");
    if (!source.includes(`'${COPIED_RUNTIME}'`)) {
      throw new Error(`${target} does not import ${COPIED_RUNTIME}: has Prisma's generated layout changed?`);
    }
    fs.writeFileSync(target, source.replaceAll(`'${COPIED_RUNTIME}'`, `'${SHARED_RUNTIME}'`));
  }
}

generate(SQLITE_SCHEMA);
generate(POSTGRES_SCHEMA);
shareRuntime(path.join("node_modules", POSTGRES_CLIENT_PACKAGE));
