import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";

import { userHasPermission } from "~/auth/permissions";
import { parseCalendarDay } from "~/domain/calendar-day";
import { DEFAULT_LOCALE, isLocale, type Locale, type Role } from "~/domain/constants";
import { moduleTitle } from "~/domain/module-title";
import { organisationScopeFor } from "~/auth/scope.server";
import { dialectOf } from "~/db/dialect.server";

import { periodBounds } from "./attendance-form";
import { parseCode } from "./code";
import { CERTIFICATE_SNAPSHOT_SELECT } from "./issue.server";
import type { CachedPdfCertificate } from "./pdf-cache.server";
import { certificateStatus, type CertificateStatus } from "./validity";
import { moduleTitleFor, parseAccreditations, type VerifiedAccreditation } from "./verify.server";

/**
 * Who sees which certificates, and the lists built on that: a learner's own ("Mijn
 * certificaten") and the trainer/administrator overview with its filters, which the bulk ZIP
 * reuses so a bundle holds exactly what the list showed.
 */

export interface CertificateViewer {
  id: string;
  role: Role;
}

/**
 * `any`: every certificate (administrators and SWAD-wide trainers). `organisations`: the
 * learners of the organisations a trainer is appointed to (export:certificates:own). `none`:
 * only their own, as any learner; also a trainer who is appointed nowhere.
 */
export type CertificateScope =
  { kind: "any" } | { kind: "organisations"; organisationIds: string[] } | { kind: "none" };

export async function certificateScope(db: PrismaClient, viewer: CertificateViewer): Promise<CertificateScope> {
  if (!userHasPermission(viewer, "export:certificates:own")) return { kind: "none" };
  const scope = await organisationScopeFor(db, viewer);
  if (!scope) return { kind: "none" };
  if (scope.kind === "all") return { kind: "any" };
  return scope.organisationIds.length > 0
    ? { kind: "organisations", organisationIds: scope.organisationIds }
    : { kind: "none" };
}

// --- A learner's own certificates --------------------------------------------------------------

export interface MyCertificateRow {
  code: string;
  moduleId: string;
  moduleTitle: string;
  moduleTitleLocale: Locale;
  completedAt: Date;
  expiresAt: Date | null;
  status: CertificateStatus;
  accreditations: VerifiedAccreditation[];
}

export async function listMyCertificates(
  db: PrismaClient,
  { userId, locale, now }: { userId: string; locale: Locale; now: Date },
): Promise<MyCertificateRow[]> {
  const rows = await db.certificate.findMany({
    where: { userId },
    orderBy: [{ completedAt: "desc" }, { id: "desc" }],
    select: {
      code: true,
      moduleId: true,
      moduleTitles: true,
      completedAt: true,
      expiresAt: true,
      revokedAt: true,
      accreditations: true,
    },
  });
  return rows.map((row) => {
    const title = moduleTitleFor(row.moduleTitles, locale);
    return {
      code: row.code,
      moduleId: row.moduleId,
      moduleTitle: title?.title ?? row.moduleId,
      moduleTitleLocale: title?.locale ?? DEFAULT_LOCALE,
      completedAt: row.completedAt,
      expiresAt: row.expiresAt,
      status: certificateStatus(row, now),
      accreditations: parseAccreditations(row.accreditations),
    };
  });
}

// --- One certificate for its PDF ---------------------------------------------------------------

const PDF_SELECT = {
  ...CERTIFICATE_SNAPSHOT_SELECT,
  user: { select: { locale: true } },
} as const;

export interface PdfCertificateRow extends CachedPdfCertificate {
  /** The learner's language: their certificate is in it, whoever downloads it. */
  locale: Locale;
}

function toPdfRow({ user, ...row }: Prisma.CertificateGetPayload<{ select: typeof PDF_SELECT }>): PdfCertificateRow {
  return { ...row, locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE };
}

function scopeWhere(scope: CertificateScope): Prisma.CertificateWhereInput | null {
  if (scope.kind === "any") return {};
  if (scope.kind === "organisations") return { user: { organisationId: { in: scope.organisationIds } } };
  return null;
}

/**
 * The certificate with `code` if the viewer may download it: their own, or one in their scope.
 * Anything else is null, the same as a code that does not exist.
 */
export async function findDownloadableCertificate(
  db: PrismaClient,
  { viewer, code }: { viewer: CertificateViewer; code: string },
): Promise<PdfCertificateRow | null> {
  const canonical = parseCode(code);
  if (!canonical) return null;
  const scope = await certificateScope(db, viewer);
  const inScope = scopeWhere(scope);
  // Prisma reads an empty object inside OR as "matches nothing", so `any` gets no OR at all.
  const access: Prisma.CertificateWhereInput =
    scope.kind === "any" ? {} : { OR: [{ userId: viewer.id }, ...(inScope ? [inScope] : [])] };
  const row = await db.certificate.findFirst({ where: { code: canonical, ...access }, select: PDF_SELECT });
  return row ? toPdfRow(row) : null;
}

// --- The trainer/administrator overview ----------------------------------------------------------

export const CERTIFICATES_PAGE_SIZE = 50;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined);

/** The overview's filters as typed in the form (query string or posted fields). */
export const CertificateFilterSchema = z.object({
  q: optionalText(100),
  module: optionalText(200),
  organisation: optionalText(64),
  // Longer than any day, so a mistyped day is refused with a message rather than dropped.
  from: optionalText(40),
  to: optionalText(40),
});

export type CertificateFilter = z.infer<typeof CertificateFilterSchema>;

export function parseCertificateFilter(input: Record<string, unknown>): CertificateFilter {
  return CertificateFilterSchema.parse(input);
}

// The overview accepts an open-ended period: these stand in for a missing end.
const EARLIEST_DAY = "2000-01-01";
const LATEST_DAY = "2999-12-31";

/** The filter's days stay as typed (dd-mm-jjjj or jjjj-mm-dd), so the form shows them back unchanged. */
function filterBounds(filter: CertificateFilter): { from: Date; to: Date } | null {
  if (!filter.from && !filter.to) return { from: new Date(0), to: new Date(8.64e15) };
  const from = filter.from ? parseCalendarDay(filter.from) : EARLIEST_DAY;
  const to = filter.to ? parseCalendarDay(filter.to) : LATEST_DAY;
  return from && to ? periodBounds({ from, to }) : null;
}

/**
 * The SQL condition for a scope and filter over `Certificate c JOIN User u`, or null when the
 * filter's period is invalid. The search matches, case-insensitively and literally (a substring
 * position, not LIKE, so % and _ are plain characters), the name on the certificate, the
 * learner's current name, the module title in any language, or the code.
 */
function certificateCondition(
  db: PrismaClient,
  scope: CertificateScope,
  filter: CertificateFilter,
  options: { excludeRevoked?: boolean } = {},
): Prisma.Sql | null {
  if (scope.kind === "none") return null;
  const bounds = filterBounds(filter);
  if (!bounds) return null;
  const conditions: Prisma.Sql[] = [];
  if (scope.kind === "organisations")
    conditions.push(Prisma.sql`u."organisationId" IN (${Prisma.join(scope.organisationIds)})`);
  else if (filter.organisation) conditions.push(Prisma.sql`u."organisationId" = ${filter.organisation}`);
  if (filter.module) conditions.push(Prisma.sql`c."moduleId" = ${filter.module}`);
  if (filter.from || filter.to) {
    conditions.push(Prisma.sql`c."completedAt" >= ${bounds.from} AND c."completedAt" < ${bounds.to}`);
  }
  if (filter.q) {
    const { textPosition } = dialectOf(db);
    const needle = filter.q.toLowerCase();
    const code = parseCode(filter.q);
    conditions.push(Prisma.sql`(
      ${textPosition(Prisma.sql`lower(c."learnerName")`, needle)} > 0
      OR ${textPosition(Prisma.sql`lower(u.name)`, needle)} > 0
      OR ${textPosition(Prisma.sql`lower(c."moduleTitles")`, needle)} > 0
      OR ${textPosition(Prisma.sql`c.code`, filter.q.toUpperCase())} > 0
      OR c.code = ${code ?? ""})`);
  }
  if (options.excludeRevoked) conditions.push(Prisma.sql`c."revokedAt" IS NULL`);
  return conditions.length ? Prisma.join(conditions, " AND ") : Prisma.sql`1 = 1`;
}

export interface CertificateListRow {
  code: string;
  learnerName: string;
  moduleTitle: string;
  moduleTitleLocale: Locale;
  organisation: string | null;
  completedAt: Date;
  expiresAt: Date | null;
  status: CertificateStatus;
}

export type CertificateSearch =
  | { ok: true; rows: CertificateListRow[]; total: number; pageCount: number; bundleable: number }
  | { ok: false; error: "bad_period" | "no_scope" };

/** One page of the certificates in the viewer's scope that match the filter, newest first. */
export async function searchCertificates(
  db: PrismaClient,
  {
    scope,
    filter,
    page,
    locale,
    now,
  }: { scope: CertificateScope; filter: CertificateFilter; page: number; locale: Locale; now: Date },
): Promise<CertificateSearch> {
  if (scope.kind === "none") return { ok: false, error: "no_scope" };
  const condition = certificateCondition(db, scope, filter);
  if (!condition) return { ok: false, error: "bad_period" };
  const [counted, found] = await Promise.all([
    db.$queryRaw<{ total: bigint | number; bundleable: bigint | number | null }[]>`
      SELECT count(*) AS total, sum(CASE WHEN c."revokedAt" IS NULL THEN 1 ELSE 0 END) AS bundleable
      FROM "Certificate" c JOIN "User" u ON u.id = c."userId" WHERE ${condition}`,
    db.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "Certificate" c JOIN "User" u ON u.id = c."userId" WHERE ${condition}
      ORDER BY c."completedAt" DESC, c.id DESC
      LIMIT ${CERTIFICATES_PAGE_SIZE} OFFSET ${(page - 1) * CERTIFICATES_PAGE_SIZE}`,
  ]);
  const ids = found.map((row) => row.id);
  const certificates = await db.certificate.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      code: true,
      learnerName: true,
      moduleId: true,
      moduleTitles: true,
      completedAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { organisation: { select: { name: true } } } },
    },
  });
  const byId = new Map(certificates.map((c) => [c.id, c]));
  const rows = ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    const title = moduleTitleFor(c.moduleTitles, locale);
    return [
      {
        code: c.code,
        learnerName: c.learnerName,
        moduleTitle: title?.title ?? c.moduleId,
        moduleTitleLocale: title?.locale ?? DEFAULT_LOCALE,
        organisation: c.user.organisation?.name ?? null,
        completedAt: c.completedAt,
        expiresAt: c.expiresAt,
        status: certificateStatus(c, now),
      },
    ];
  });
  const total = Number(counted[0]?.total ?? 0);
  return {
    ok: true,
    rows,
    total,
    pageCount: Math.max(1, Math.ceil(total / CERTIFICATES_PAGE_SIZE)),
    bundleable: Number(counted[0]?.bundleable ?? 0),
  };
}

/** How many certificates a bundle of this filter would hold (revoked ones have no PDF). */
export async function countBundleCertificates(
  db: PrismaClient,
  scope: CertificateScope,
  filter: CertificateFilter,
): Promise<number | null> {
  const condition = certificateCondition(db, scope, filter, { excludeRevoked: true });
  if (!condition) return null;
  const [counted] = await db.$queryRaw<{ total: bigint | number }[]>`
    SELECT count(*) AS total FROM "Certificate" c JOIN "User" u ON u.id = c."userId" WHERE ${condition}`;
  return Number(counted?.total ?? 0);
}

export interface BundleCertificateRow extends PdfCertificateRow {
  id: string;
  moduleId: string;
}

/** The next `take` certificates of a bundle after `afterId`, in id order (stable while it runs). */
export async function bundleCertificateBatch(
  db: PrismaClient,
  {
    scope,
    filter,
    afterId,
    take,
  }: { scope: CertificateScope; filter: CertificateFilter; afterId: string | null; take: number },
): Promise<BundleCertificateRow[]> {
  const condition = certificateCondition(db, scope, filter, { excludeRevoked: true });
  if (!condition) return [];
  const found = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Certificate" c JOIN "User" u ON u.id = c."userId"
    WHERE ${condition} AND c.id > ${afterId ?? ""} ORDER BY c.id LIMIT ${take}`;
  const rows = await db.certificate.findMany({
    where: { id: { in: found.map((row) => row.id) } },
    orderBy: { id: "asc" },
    select: { ...PDF_SELECT, id: true, moduleId: true },
  });
  return rows.map((row) => ({ ...toPdfRow(row), id: row.id, moduleId: row.moduleId }));
}

export interface FilterOptions {
  modules: { id: string; title: string; locale: Locale }[];
  /** Only for a viewer who sees every organisation. */
  organisations: { id: string; name: string }[];
}

/** The choices for the module and organisation filters: those that have certificates in scope. */
export async function certificateFilterOptions(
  db: PrismaClient,
  { scope, locale }: { scope: CertificateScope; locale: Locale },
): Promise<FilterOptions> {
  const inScope = scopeWhere(scope);
  if (!inScope) return { modules: [], organisations: [] };
  const [modules, organisations] = await Promise.all([
    db.module.findMany({
      where: { certificates: { some: inScope } },
      orderBy: { position: "asc" },
      select: { id: true, locales: { select: { locale: true, title: true } } },
    }),
    scope.kind === "any"
      ? db.organisation.findMany({
          where: { users: { some: { certificates: { some: {} } } } },
          orderBy: { name: "asc" },
          select: { id: true, name: true },
        })
      : Promise.resolve([]),
  ]);
  return {
    modules: modules.map((module) => moduleTitle(module, locale)),
    organisations,
  };
}
