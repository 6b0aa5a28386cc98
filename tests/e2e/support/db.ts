import { randomUUID } from "node:crypto";

import type { PrismaClient } from "@prisma/client";

import { hashPassword } from "~/auth/password.server";
import { createPrismaClient } from "~/db/client.server";
import type { Locale, Role, Sector } from "~/domain/constants";

import { E2E_DATABASE_URL } from "./env";

let client: PrismaClient | undefined;

/** The e2e server's database, for arranging users directly (faster than the sign-up UI). */
export function e2eDb(): PrismaClient {
  client ??= createPrismaClient(E2E_DATABASE_URL);
  return client;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
}

export async function createTestUser(
  options: { role?: Role; locale?: Locale; sector?: Sector; name?: string } = {},
): Promise<TestUser> {
  const email = `e2e-${randomUUID()}@stigmavrij.test`;
  const password = `wachtwoord-${randomUUID().slice(0, 8)}`;
  const name = options.name ?? "Eva Testpersoon";
  const user = await e2eDb().user.create({
    data: {
      email,
      name,
      passwordHash: await hashPassword(password),
      role: options.role ?? "learner",
      locale: options.locale ?? "nl",
      sector: options.sector ?? "bank",
    },
    select: { id: true },
  });
  return { id: user.id, email, password, name };
}
