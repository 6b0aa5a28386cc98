import { readFile } from "node:fs/promises";

import type { PrismaClient } from "@prisma/client";
import { ZipFile } from "yazl";

import { artefactPath, type ArtefactName } from "~/config/artefacts.server";
import type { Locale } from "~/domain/constants";
import { exportableModuleIds, loadExportModule } from "./exportable.server";
import { buildPackageData, PACKAGE_FILES, renderLaunchPage, renderPackageDataScript, type ExportModule } from "./html";
import { buildManifest } from "./manifest";
import type { ScormVersion } from "./runtime/package-data";

/**
 * Exports a synced Markdown module as a SCORM package: one ZIP per module, SCORM version and
 * language, from the database rows the content sync wrote and the runtime and style sheets
 * `npm run build` produced. See docs/scorm-export.md.
 */

export const MANIFEST_FILE = "imsmanifest.xml";

export interface ExportRequest {
  /** The module's id (its slug, e.g. "politie"). */
  moduleId: string;
  version: ScormVersion;
  locale: Locale;
}

export interface ExportOptions {
  /** Modification time stored in the ZIP (default: now). */
  mtime?: Date;
  /** Called for every file added, e.g. for progress output. */
  onFile?: (file: string, bytes: number) => void;
}

export interface ExportedPackage {
  /** Suggested download name, e.g. `stigmavrij-politie-scorm12-nl.zip`. */
  fileName: string;
  zip: Buffer;
  /** Paths inside the ZIP, manifest first. */
  files: string[];
}

export type ScormExportErrorCode = "unknown_module" | "unknown_language";

export class ScormExportError extends Error {
  constructor(
    readonly code: ScormExportErrorCode,
    message: string,
    /** Module ids (or languages, for unknown_language) that can be exported instead. */
    readonly available: string[],
  ) {
    super(message);
    this.name = "ScormExportError";
  }
}

export async function exportModule(
  db: PrismaClient,
  request: ExportRequest,
  options: ExportOptions = {},
): Promise<ExportedPackage> {
  return packageModule(await findExportModule(db, request.moduleId), request, options);
}

/** The synced module, or a ScormExportError naming the modules that can be exported. */
export async function findExportModule(db: PrismaClient, moduleId: string): Promise<ExportModule> {
  const module = await loadExportModule(db, moduleId);
  if (module) return module;
  const available = await exportableModuleIds(db);
  throw new ScormExportError(
    "unknown_module",
    `Unknown module "${moduleId}". Available: ${available.join(", ") || "none"}.`,
    available,
  );
}

export function packageFileName({ moduleId, version, locale }: ExportRequest): string {
  return `stigmavrij-${moduleId}-scorm${version === "1.2" ? "12" : "2004"}-${locale}.zip`;
}

/** Builds the package of a loaded module. */
export async function packageModule(
  module: ExportModule,
  { version, locale }: Omit<ExportRequest, "moduleId">,
  options: ExportOptions = {},
): Promise<ExportedPackage> {
  const moduleText = module.locales[locale];
  if (!module.languages.includes(locale) || !moduleText) {
    throw new ScormExportError(
      "unknown_language",
      `Module "${module.slug}" is not available in "${locale}" (languages: ${module.languages.join(", ")}).`,
      [...module.languages],
    );
  }
  const data = buildPackageData(module, locale, version);
  const [styles, packageStyles, runtime] = await Promise.all([
    readArtefact("scormAppCss"),
    readArtefact("scormPackageCss"),
    readArtefact("scormRuntime"),
  ]);
  const contents = new Map<string, string>([
    [PACKAGE_FILES.launch, renderLaunchPage(module, data)],
    [PACKAGE_FILES.styles, styles],
    [PACKAGE_FILES.packageStyles, packageStyles],
    [PACKAGE_FILES.data, renderPackageDataScript(data)],
    [PACKAGE_FILES.runtime, runtime],
  ]);
  const manifest = buildManifest({
    version,
    identifier: `stigmavrij-${module.slug}-scorm${version === "1.2" ? "12" : "2004"}-${locale}`,
    contentVersion: module.contentHash.slice(0, 12),
    language: locale,
    title: moduleText.title,
    description: moduleText.summary,
    keywords: ["Stigmavrij"],
    minutes: module.minutes,
    passMark: module.assessment?.passMark ?? null,
    launch: PACKAGE_FILES.launch,
    files: [...contents.keys()],
  });

  const zip = new ZipFile();
  const mtime = options.mtime ?? new Date();
  const files: string[] = [];
  for (const [file, text] of [[MANIFEST_FILE, manifest] as const, ...contents]) {
    const buffer = Buffer.from(text, "utf8");
    zip.addBuffer(buffer, file, { mtime });
    files.push(file);
    options.onFile?.(file, buffer.length);
  }
  zip.end();
  return {
    fileName: packageFileName({ moduleId: module.slug, version, locale }),
    zip: await collect(zip.outputStream),
    files,
  };
}

const artefacts = new Map<string, Promise<string>>();

/** A build artefact's text, read once per process (a build never changes under a running server). */
function readArtefact(name: ArtefactName): Promise<string> {
  const file = artefactPath(name);
  let text = artefacts.get(file);
  if (!text) {
    text = readFile(file, "utf8");
    // A failed read is not kept, so the next export tries again.
    text.catch(() => artefacts.delete(file));
    artefacts.set(file, text);
  }
  return text;
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", reject);
    stream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
