import { readFile } from "node:fs/promises";
import path from "node:path";

import { ZipFile } from "yazl";

import { loadCourses } from "../../content/load.server";
import type { ParsedModule } from "../../content/types";
import type { Locale } from "../../domain/constants";
import { bundleRuntime } from "./bundle.server";
import { buildPackageData, PACKAGE_FILES, renderLaunchPage, renderPackageDataScript } from "./html";
import { buildManifest } from "./manifest";
import type { ScormVersion } from "./runtime/package-data";

/**
 * Exports a Markdown module as a SCORM package: one ZIP per module, SCORM version and language.
 * See docs/scorm-export.md.
 */

export const MANIFEST_FILE = "imsmanifest.xml";

export interface ExportRequest {
  /** The module's id (its slug, e.g. "politie"). */
  moduleId: string;
  version: ScormVersion;
  locale: Locale;
}

export interface ExportOptions {
  /** The application directory: app/styles/app.css and the runtime source are read from it. */
  rootDir?: string;
  /** The course files (default: `<rootDir>/courses`). */
  coursesDir?: string;
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

export type ScormExportErrorCode = "unknown_module" | "invalid_module" | "unknown_language";

export class ScormExportError extends Error {
  constructor(
    readonly code: ScormExportErrorCode,
    message: string,
    /** Module ids (or languages, for unknown_language) that can be exported instead. */
    readonly available: string[]
  ) {
    super(message);
    this.name = "ScormExportError";
  }
}

export async function exportModule(request: ExportRequest, options: ExportOptions = {}): Promise<ExportedPackage> {
  const modules = await loadExportableModules(options);
  return packageModule(findModule(modules, request.moduleId), request, options);
}

export interface ExportableModules {
  modules: ParsedModule[];
  /** Slugs of modules whose files have problems (`npm run courses:check` lists them). */
  invalid: string[];
}

export async function loadExportableModules(options: ExportOptions = {}): Promise<ExportableModules> {
  const rootDir = options.rootDir ?? process.cwd();
  const { modules, skipped } = await loadCourses(options.coursesDir ?? path.join(rootDir, "courses"), { relativeTo: rootDir });
  return { modules, invalid: skipped };
}

export function findModule({ modules, invalid }: ExportableModules, moduleId: string): ParsedModule {
  const module = modules.find((candidate) => candidate.slug === moduleId);
  if (module) return module;
  const available = modules.map((candidate) => candidate.slug);
  if (invalid.includes(moduleId)) {
    throw new ScormExportError(
      "invalid_module",
      `Module "${moduleId}" has problems in its files; run npm run courses:check to see them.`,
      available
    );
  }
  throw new ScormExportError("unknown_module", `Unknown module "${moduleId}". Available: ${available.join(", ") || "none"}.`, available);
}

export function packageFileName({ moduleId, version, locale }: ExportRequest): string {
  return `stigmavrij-${moduleId}-scorm${version === "1.2" ? "12" : "2004"}-${locale}.zip`;
}

/** Builds the package of a loaded module. */
export async function packageModule(
  module: ParsedModule,
  { version, locale }: Omit<ExportRequest, "moduleId">,
  options: ExportOptions = {}
): Promise<ExportedPackage> {
  const moduleText = module.locales[locale];
  if (!module.languages.includes(locale) || !moduleText) {
    throw new ScormExportError(
      "unknown_language",
      `Module "${module.slug}" is not available in "${locale}" (languages: ${module.languages.join(", ")}).`,
      [...module.languages]
    );
  }
  const rootDir = options.rootDir ?? process.cwd();
  const data = buildPackageData(module, locale, version);
  const [styles, packageStyles, runtime] = await Promise.all([
    readFile(path.join(rootDir, "app", "styles", "app.css"), "utf8"),
    readFile(path.join(rootDir, "app", "scorm", "export", "assets", "package.css"), "utf8"),
    bundleRuntime(rootDir),
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

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("error", reject);
    stream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
