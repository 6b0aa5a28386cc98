/**
 * Importing an uploaded SCORM ZIP as a catalogue module: unpack and check it (app/scorm/package),
 * move it into SCORM_PACKAGE_DIR/<storageKey>/, and create the Module, its texts, the ScormPackage
 * and one ScormSco per visible launchable item in one transaction. Any refusal or failure leaves
 * nothing behind, on disk or in the database.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

import type { PrismaClient } from "@prisma/client";

import { writeAudit } from "~/db/audit.server";
import { scormContentHosts } from "~/config/env.server";
import { slugify } from "~/content/markdown.server";
import { SECTORS, type Locale } from "~/domain/constants";
import { stripControlCharacters } from "~/domain/plain-text";

import { detectPackageLanguage } from "./language.server";
import { isScormPackageError, scormWarning, type ScormMessageParams, type ScormWarning } from "./package/errors";
import { inspectScormPackage } from "./package/inspect.server";
import type { ScormItem, ScormManifest, ScormSco as ManifestSco } from "./package/manifest.server";
import type { UnzipLimits } from "./package/unzip.server";
import { packageDirectory, packageRoot, stagingDirectory } from "./storage.server";
import { isAllowedContentHost } from "../../server/scorm-content-policy.js";

/** Minutes a new SCORM module starts with; the admin sets the real duration on the edit page. */
export const DEFAULT_SCORM_MINUTES = 30;

export type ImportResult =
  | { ok: true; moduleId: string; packageId: string; warnings: ScormWarning[] }
  | { ok: false; messageKey: string; params: ScormMessageParams };

export interface ImportInput {
  /** Path of the uploaded ZIP (or its bytes, in tests). The caller removes an uploaded file. */
  zip: string | Buffer;
  uploadedById: string | null;
  now: Date;
  /** Tests lower the unzip limits. */
  limits?: Partial<UnzipLimits>;
  /** Defaults to SCORM_PACKAGE_DIR. */
  root?: string;
}

export async function importScormPackage(db: PrismaClient, input: ImportInput): Promise<ImportResult> {
  const root = input.root ?? packageRoot();
  const storageKey = randomBytes(16).toString("hex");
  const staging = stagingDirectory(storageKey, root);
  const destination = packageDirectory(storageKey, root);

  let inspected;
  try {
    inspected = await inspectScormPackage(input.zip, staging, { limits: input.limits });
  } catch (error) {
    await removeEmptyStagingParent(root);
    if (isScormPackageError(error)) return { ok: false, messageKey: error.messageKey, params: error.params };
    throw error;
  }

  try {
    // The manifest's folder becomes the package root, whether or not the ZIP had a top folder.
    await fs.rename(inspected.root, destination);
    await fs.rm(inspected.directory, { recursive: true, force: true });
    await removeEmptyStagingParent(root);

    inspected.warnings.push(...externalHostWarnings(inspected.externalOrigins));
    const { fileCount, totalBytes } = await measure(destination);
    const contentHash = await hashOf(input.zip);
    const { locale } = await detectPackageLanguage(destination, inspected.manifest);
    const created = await createModuleRows(db, {
      manifest: inspected.manifest,
      locale,
      warnings: inspected.warnings,
      storageKey,
      fileCount,
      totalBytes,
      contentHash,
      uploadedById: input.uploadedById,
      now: input.now,
    });
    return { ok: true, ...created, warnings: inspected.warnings };
  } catch (error) {
    await fs.rm(destination, { recursive: true, force: true });
    await fs.rm(inspected.directory, { recursive: true, force: true });
    await removeEmptyStagingParent(root);
    throw error;
  }
}

async function createModuleRows(
  db: PrismaClient,
  input: {
    manifest: ScormManifest;
    locale: Locale;
    warnings: ScormWarning[];
    storageKey: string;
    fileCount: number;
    totalBytes: number;
    contentHash: string;
    uploadedById: string | null;
    now: Date;
  },
): Promise<{ moduleId: string; packageId: string }> {
  const { manifest } = input;
  // Titles come from the package author: clean them like the edit form refuses them.
  const title = stripControlCharacters(manifest.title) || stripControlCharacters(manifest.identifier) || "SCORM";
  const summary = manifest.description?.trim() ?? "";
  const visible = new Set(launchableScos(manifest));
  // Hidden items stay: sequencing may deliver them (e.g. a post-test it selects), and the
  // activity tree the rollup runs over must be whole.
  const scos = manifest.scos;
  const chapterTitles = itemTitles(manifest);

  return db.$transaction(async (tx) => {
    const moduleId = await freeModuleSlug(tx, title);
    const last = await tx.module.aggregate({ _max: { position: true } });
    await tx.module.create({
      data: {
        id: moduleId,
        kind: "scorm",
        position: (last._max.position ?? 0) + 1,
        sectors: JSON.stringify(SECTORS),
        minutes: DEFAULT_SCORM_MINUTES,
        contentHash: input.contentHash,
        syncedAt: input.now,
        // A draft until an administrator has reviewed and published it (see publishScormModule).
        archived: true,
        draft: true,
        // Texts only in the package's own language: pickLocale falls back to it for the other.
        locales: { create: { locale: input.locale, title, summary, objectives: "[]", introHtml: "" } },
      },
    });
    const created = await tx.scormPackage.create({
      data: {
        moduleId,
        version: manifest.version,
        identifier: manifest.identifier,
        manifest: JSON.stringify(manifest),
        storageKey: input.storageKey,
        fileCount: input.fileCount,
        totalBytes: input.totalBytes,
        warnings: JSON.stringify(input.warnings),
        uploadedById: input.uploadedById,
        createdAt: input.now,
        scos: {
          create: scos.map((sco, position) => ({
            itemId: sco.itemId,
            position,
            title: stripControlCharacters(sco.title) || stripControlCharacters(sco.itemId) || "SCO",
            launch: sco.launch.url,
            scormType: sco.scormType,
            runtime: JSON.stringify(sco.runtime),
            visible: visible.has(sco),
            parents: JSON.stringify(
              sco.parentItemIds.map((id) => stripControlCharacters(chapterTitles.get(id) ?? "") || id),
            ),
          })),
        },
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId: input.uploadedById,
      action: "scorm.imported",
      details: {
        moduleId,
        version: manifest.version,
        identifier: manifest.identifier,
        scos: scos.length,
        language: input.locale,
      },
      at: input.now,
    });
    return { moduleId, packageId: created.id };
  });
}

/** The import report names the other websites a package loads from, and whether the player lets it. */
export function externalHostWarnings(origins: readonly string[], allowed = scormContentHosts()): ScormWarning[] {
  const permitted = origins.filter((origin) => isAllowedContentHost(origin, allowed));
  const blocked = origins.filter((origin) => !permitted.includes(origin));
  return [
    ...(blocked.length > 0 ? [scormWarning("externalHostsBlocked", { hosts: blocked.join(", ") })] : []),
    ...(permitted.length > 0 ? [scormWarning("externalHostsAllowed", { hosts: permitted.join(", ") })] : []),
  ];
}

/**
 * The items a learner can open from the table of contents: the visible ones (isvisible="false"
 * items are left out of the learner's navigation). A manifest that hides every item is played
 * as a whole rather than not at all.
 */
export function launchableScos(manifest: ScormManifest): ManifestSco[] {
  const visible = manifest.scos.filter((sco) => sco.visible);
  return visible.length > 0 ? visible : manifest.scos;
}

/** A lowercase ASCII slug of the title, made unique among all modules (Markdown ones included). */
async function freeModuleSlug(tx: Pick<PrismaClient, "module">, title: string): Promise<string> {
  const base = moduleSlug(title) || "scorm-module";
  const taken = new Set(
    (await tx.module.findMany({ where: { id: { startsWith: base } }, select: { id: true } })).map((m) => m.id),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The title as a module id: lowercase ASCII words joined by hyphens, at most 60 characters. */
export function moduleSlug(title: string): string {
  return slugify(title).slice(0, 60).replace(/-+$/, "");
}

async function measure(directory: string): Promise<{ fileCount: number; totalBytes: number }> {
  const entries = await fs.readdir(directory, { recursive: true, withFileTypes: true });
  let fileCount = 0;
  let totalBytes = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    fileCount += 1;
    totalBytes += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { fileCount, totalBytes };
}

async function hashOf(zip: string | Buffer): Promise<string> {
  const hash = createHash("sha256");
  if (typeof zip !== "string") return hash.update(zip).digest("hex");
  for await (const chunk of createReadStream(zip)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The staging folder only exists while an import runs; leave no empty folder behind. */
async function removeEmptyStagingParent(root: string) {
  try {
    await fs.rmdir(path.dirname(stagingDirectory("0".repeat(32), root)));
  } catch {
    // Not empty (another import is running) or already gone.
  }
}

/** Item identifier → title over every organization's tree, for the chapters a SCO sits in. */
function itemTitles(manifest: ScormManifest): Map<string, string> {
  const titles = new Map<string, string>();
  const visit = (items: readonly ScormItem[]) => {
    for (const item of items) {
      titles.set(item.identifier, item.title);
      visit(item.children);
    }
  };
  for (const organization of manifest.organizations) visit(organization.items);
  return titles;
}
