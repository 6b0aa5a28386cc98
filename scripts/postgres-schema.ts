// `npm run db:schema`: derives prisma/postgresql/schema.prisma from prisma/schema.prisma, the one
// schema source (`npm run db:migration` does it too; `npm run db:drift` fails when it is stale).
import fs from "node:fs";

import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "../prisma/providers";

const derived = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
if (fs.existsSync(POSTGRES_SCHEMA) && fs.readFileSync(POSTGRES_SCHEMA, "utf8") === derived) {
  console.log(`${POSTGRES_SCHEMA} is already current`);
} else {
  fs.writeFileSync(POSTGRES_SCHEMA, derived);
  console.log(`wrote ${POSTGRES_SCHEMA}`);
}
