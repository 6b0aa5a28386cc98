import path from "node:path";

import { z } from "zod";

import { parseScormContentHosts } from "../../server/scorm-content-policy.js";
import { parseTrustProxy } from "../../server/trust-proxy.js";
import { hasControlCharacters } from "~/domain/plain-text";

import { APP_ORIGIN_HELP } from "./app-origin.server";

/** A line under the certificate's signature: one line of plain text that fits under the line. */
const signatoryText = z
  .string()
  .trim()
  .min(1, "must not be empty (leave it unset for the default)")
  .max(60, "must be at most 60 characters: it is printed on one line under the signature")
  .refine((value) => !hasControlCharacters(value), "must be one line of text without control characters");

/**
 * Every environment variable the server reads, checked once at start-up so a typo fails loudly
 * with the variable's name instead of surfacing later as odd behaviour. Modules still read
 * process.env at call time (tests change it); this schema is where the allowed values live.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "must be a SQLite file: URL (file:./data/stigmavrij.db) or a PostgreSQL URL (postgresql://user:password@host:5432/db)",
    )
    .optional(),
  APP_ORIGIN: z
    .string()
    .url("must be the site's origin, e.g. https://stigmavrij.nl")
    .regex(/^https?:\/\//i, "must be an http:// or https:// origin, e.g. https://stigmavrij.nl")
    .optional(),
  TRUST_PROXY: z.string().superRefine(refuseBadTrustProxy).optional(),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  SMTP_URL: z.string().url("must be an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().min(3).optional(),
  MAIL_OUTBOX_DIR: z.string().min(1).optional(),
  MAX_BODY_BYTES: z.coerce.number().int().positive().optional(),
  CERTIFICATE_REMINDERS: z.enum(["on", "off"]).optional(),
  STORAGE_DIR: z
    .string()
    .refine((value) => path.isAbsolute(value), "must be an absolute path, e.g. /srv/stigmavrij/data")
    .optional(),
  CERTIFICATE_CACHE_DIR: z.string().min(1).optional(),
  CERTIFICATE_BUNDLE_DIR: z.string().min(1).optional(),
  CERTIFICATE_SIGNATORY_NAME: signatoryText.optional(),
  CERTIFICATE_SIGNATORY_ROLE: signatoryText.optional(),
  SCORM_PACKAGE_DIR: z.string().min(1).optional(),
  SCORM_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().optional(),
  SCORM_CONTENT_HOSTS: z.string().superRefine(refuseBadScormContentHosts).optional(),
  ARTEFACTS_DIR: z.string().min(1).optional(),
  HSTS_MAX_AGE: z.coerce.number().int().min(0, "must be a number of seconds (0 turns HSTS off)").optional(),
  OVERLOAD_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0, "must be a number of milliseconds (0 turns load shedding off)")
    .optional(),
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(0, "must be a whole number (0 = no limit)").optional(),
  // Read by server.js (server/cluster.js, server/shutdown.js), which refuses bad values itself first.
  WEB_CONCURRENCY: z
    .string()
    .regex(/^(auto|[1-9][0-9]*)$/, 'must be a number of processes, e.g. 2, or "auto" (one per core)')
    .optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0, "must be a whole number of milliseconds").optional(),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0, "must be a whole number of milliseconds").optional(),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .int("must be a whole number of hours, e.g. 12")
    .positive("must be a whole number of hours, e.g. 12")
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int("must be a whole number of minutes, e.g. 30")
    .min(2, "must be a whole number of minutes, at least 2")
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

function refuseBadScormContentHosts(value: string, context: z.RefinementCtx) {
  try {
    parseScormContentHosts(value);
  } catch (error) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: error instanceof Error ? error.message : String(error) });
  }
}

/** The hosts package content may load scripts, styles and fonts from (SCORM_CONTENT_HOSTS). */
export function scormContentHosts(env: Record<string, string | undefined> = process.env): string[] {
  return parseScormContentHosts(env.SCORM_CONTENT_HOSTS);
}

function refuseBadTrustProxy(value: string, context: z.RefinementCtx) {
  try {
    parseTrustProxy(value);
  } catch (error) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: error instanceof Error ? error.message : String(error) });
  }
}

export function checkEnv(env: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  const lines = parsed.success ? [] : parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  // Links in mails and certificates are built from APP_ORIGIN only, never from the Host header.
  if (env.NODE_ENV === "production" && !env.APP_ORIGIN)
    lines.push(`  APP_ORIGIN: is required in production. ${APP_ORIGIN_HELP}`);
  if (parsed.success && lines.length === 0) return parsed.data;
  throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
}

/**
 * Cookies are Secure in production; COOKIE_SECURE overrides both ways ("false" for a production
 * build served over plain http outside localhost, "true" behind TLS in another mode).
 */
export function secureCookies(env: Record<string, string | undefined> = process.env): boolean {
  return env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : env.NODE_ENV === "production";
}

/**
 * Who signs certificates on behalf of SWAD, as printed under the signature line; null means the
 * certificate's default (the name "SWAD", the role "Bestuur" / "Board" in the certificate's language).
 */
export function certificateSignatory(env: Record<string, string | undefined> = process.env): {
  name: string | null;
  role: string | null;
} {
  return {
    name: env.CERTIFICATE_SIGNATORY_NAME?.trim() || null,
    role: env.CERTIFICATE_SIGNATORY_ROLE?.trim() || null,
  };
}
