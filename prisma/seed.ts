// Demo data for a fresh install. Safe to re-run: existing rows are left as they are.
import { hashPassword } from "../app/auth/password.server";
import { applyPragmas, createPrismaClient } from "../app/db/client.server";

import { DEMO_ACCOUNTS, DEMO_ORGANISATION } from "./demo-accounts";

const prisma = createPrismaClient();

async function seed() {
  await applyPragmas(prisma);
  const organisation =
    (await prisma.organisation.findUnique({ where: { joinCode: DEMO_ORGANISATION.joinCode } })) ??
    (await prisma.organisation.create({ data: DEMO_ORGANISATION }));

  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const exists = await prisma.user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (exists) continue;
    await prisma.user.create({
      data: {
        email: account.email,
        name: account.name,
        role: account.role,
        locale: account.locale,
        sector: account.sector,
        passwordHash: await hashPassword(account.password),
        organisationId: account.inDemoOrganisation ? organisation.id : null,
      },
    });
    created += 1;
  }
  console.log(`seed: ${created} demo account(s) created, ${DEMO_ACCOUNTS.length - created} already present`);
}

seed()
  .catch((error: unknown) => {
    console.error("seed failed:", error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
