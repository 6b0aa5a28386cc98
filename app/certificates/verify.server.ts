import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

import { THROTTLE_RULES, ipThrottleKeys, reserveThrottle, throttleKeys } from "~/auth/throttle.server";
import { parseModuleAbout, type ModuleAbout } from "~/content/about";
import { jsonColumn } from "~/db/json-column";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/domain/constants";
import { titleFromSnapshot } from "~/domain/module-title";
import { REGISTER_INFO, isRegister } from "~/domain/registers";

import { parseCode } from "./code";
import { certificateStatus, type CertificateStatus } from "./validity";

/**
 * What the public verification page may say about a certificate: enough to check it, nothing
 * else about the learner (no e-mail, organisation, score or account id).
 */
export interface VerifiedCertificate {
  code: string;
  status: CertificateStatus;
  /** The name as issued (or as corrected by a re-issue). */
  learnerName: string;
  moduleTitle: string;
  /** Language of `moduleTitle`, for its `lang` attribute. */
  moduleTitleLocale: Locale;
  completedAt: Date;
  studyMinutes: number;
  /**
   * The short content version the module was completed on. Learners do not need it (the PDF and
   * their own pages leave it out); a verifier can use it to see which version of the module it was.
   */
  contentVersion: string;
  accreditations: VerifiedAccreditation[];
  expiresAt: Date | null;
  /** Only when the status is revoked. */
  revokedAt: Date | null;
  revokedReason: string | null;
  /** Who wrote and reviewed the module, as its current version states (not a snapshot). */
  about: { authors: string[]; reviewers: ModuleAbout["reviewers"]; lastReviewed: string | null; locale: Locale } | null;
}

export interface VerifiedAccreditation {
  register: string;
  /** The register's own name (the same in both languages). */
  registerName: string;
  accreditationId: string;
  points: number;
}

const AccreditationsSnapshot = z.array(
  z.object({ register: z.string(), accreditationId: z.string(), points: z.number() }),
);
const accreditationsColumn = jsonColumn(AccreditationsSnapshot, []);
const titlesColumn = jsonColumn(z.record(z.string()), {});

/** The accreditation snapshot stored on a certificate, with each register's display name. */
export function parseAccreditations(json: string): VerifiedAccreditation[] {
  return accreditationsColumn.parse(json).map((entry) => ({
    ...entry,
    registerName: isRegister(entry.register) ? REGISTER_INFO[entry.register].name : entry.register,
  }));
}

/** The module title at issue in `locale`, else in Dutch, else in whatever language it has. */
export function moduleTitleFor(json: string, locale: Locale): { title: string; locale: Locale } | null {
  return titleFromSnapshot(titlesColumn.parse(json), locale);
}

/** Short content version, as git shows a commit. */
export function shortContentVersion(contentHash: string): string {
  return contentHash.slice(0, 8);
}

/** The certificate with this canonical code as the verification page shows it, or null. */
export async function findCertificateForVerification(
  db: PrismaClient,
  { code, locale, now }: { code: string; locale: Locale; now: Date },
): Promise<VerifiedCertificate | null> {
  const row = await db.certificate.findUnique({
    where: { code },
    select: {
      code: true,
      moduleId: true,
      learnerName: true,
      moduleTitles: true,
      completedAt: true,
      studyMinutes: true,
      contentHash: true,
      accreditations: true,
      expiresAt: true,
      revokedAt: true,
      revokedReason: true,
      module: { select: { locales: { select: { locale: true, about: true } } } },
    },
  });
  if (!row) return null;
  const aboutRow =
    row.module.locales.find((entry) => entry.locale === locale) ??
    row.module.locales.find((entry) => entry.locale === DEFAULT_LOCALE);
  const about = parseModuleAbout(aboutRow?.about ?? null);
  const status = certificateStatus(row, now);
  const title = moduleTitleFor(row.moduleTitles, locale);
  return {
    code: row.code,
    status,
    learnerName: row.learnerName,
    moduleTitle: title?.title ?? row.moduleId,
    moduleTitleLocale: title?.locale ?? DEFAULT_LOCALE,
    completedAt: row.completedAt,
    studyMinutes: row.studyMinutes,
    contentVersion: shortContentVersion(row.contentHash),
    accreditations: parseAccreditations(row.accreditations),
    expiresAt: row.expiresAt,
    revokedAt: status === "revoked" ? row.revokedAt : null,
    revokedReason: status === "revoked" ? row.revokedReason : null,
    about:
      about && aboutRow && isLocale(aboutRow.locale)
        ? {
            authors: about.authors,
            reviewers: about.reviewers,
            lastReviewed: about.lastReviewed,
            locale: aboutRow.locale,
          }
        : null,
  };
}

export type VerificationLookup =
  | { kind: "found"; certificate: VerifiedCertificate }
  | { kind: "malformed" }
  | { kind: "not_found" }
  | { kind: "throttled"; retryAfterSeconds: number };

/**
 * One lookup from the public page: counted against the client's limit first (every lookup, so
 * trying codes costs the same whether they exist or not), then parsed, then found. An unknown
 * code gives the same answer whatever it is.
 */
export async function lookUpCertificate(
  db: PrismaClient,
  { input, ip, locale, now }: { input: string; ip: string; locale: Locale; now: Date },
): Promise<VerificationLookup> {
  const keys = ipThrottleKeys(ip, throttleKeys.certificateIp);
  // Counted and decided in one step, so parallel lookups share the allowance (reserveThrottle).
  const throttle = await reserveThrottle(keys, THROTTLE_RULES.certificateIp, { db, now });
  if (!throttle.allowed) return { kind: "throttled", retryAfterSeconds: throttle.retryAfterSeconds };

  const code = parseCode(input);
  if (!code) return { kind: "malformed" };
  const certificate = await findCertificateForVerification(db, { code, locale, now });
  return certificate ? { kind: "found", certificate } : { kind: "not_found" };
}
