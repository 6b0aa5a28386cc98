import fs from "node:fs";
import path from "node:path";

const DEFAULT_URL = "file:./data/stigmavrij.db";

/**
 * The SQLite URL the app, the CLI scripts and Prisma's config all use. It lives in prisma/ so
 * `prisma migrate deploy` (prisma.config.ts) needs no application source in a production install.
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL ?? DEFAULT_URL;
  ensureDirectoryFor(url);
  return url;
}

/** The file path behind a `file:` URL, resolved against the working directory. */
export function databaseFile(url: string): string {
  return path.resolve(url.replace(/^file:/, ""));
}

function ensureDirectoryFor(url: string) {
  if (!url.startsWith("file:")) return;
  fs.mkdirSync(path.dirname(databaseFile(url)), { recursive: true });
}
