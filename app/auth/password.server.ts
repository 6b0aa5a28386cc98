import { hash, parseOptions, verify, type Algorithm, type Options } from "@node-rs/argon2";

/**
 * `Algorithm` is an ambient const enum, which isolatedModules cannot inline, so the numeric value
 * from the package typings is used: Argon2d = 0, Argon2i = 1, Argon2id = 2.
 */
const ARGON2ID: Algorithm = 2;

/** OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 passes, 1 lane. */
const HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} satisfies Options;

/** The password policy lives with the form schemas, which the browser shares. */
export { newPasswordSchema as passwordSchema } from "./schemas";

export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

/** False for a wrong password and also for a malformed stored hash (never throws on bad data). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's, so it can be upgraded at login. */
export function passwordNeedsRehash(passwordHash: string): boolean {
  try {
    const current = parseOptions(passwordHash);
    return (
      current.algorithm !== HASH_OPTIONS.algorithm ||
      current.memoryCost !== HASH_OPTIONS.memoryCost ||
      current.timeCost !== HASH_OPTIONS.timeCost ||
      current.parallelism !== HASH_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}
