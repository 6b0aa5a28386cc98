/**
 * Exports a module as SCORM packages:
 *   npm run scorm:export -- <module> --version 1.2|2004 [--lang nl|en|all] [--out dir]
 * One ZIP per language (default: all the module's languages) in --out (default: ./scorm-export).
 * Like the server, it first syncs courses/ into the database (DATABASE_URL) and then packages the
 * synced module with the runtime `npm run build` produced. See docs/scorm-export.md.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";

import { MissingArtefactError } from "../app/config/artefacts.server";
import { syncCoursesAtStartup } from "../app/content/startup.server";
import { databaseReady, prisma } from "../app/db/client.server";
import { isLocale, LOCALES } from "../app/domain/constants";
import type { Locale } from "../app/domain/constants";
import { findExportModule, packageModule, ScormExportError } from "../app/scorm/export/package.server";
import { isScormVersion, SCORM_VERSIONS } from "../app/scorm/export/runtime/package-data";

const USAGE = `usage: npm run scorm:export -- <module> --version ${SCORM_VERSIONS.join("|")} [--lang ${LOCALES.join("|")}|all] [--out dir]`;

class UsageError extends Error {}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        version: { type: "string" },
        lang: { type: "string", default: "all" },
        out: { type: "string", default: "scorm-export" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const moduleId = positionals[0];
  if (!moduleId || positionals.length > 1) throw new UsageError("name exactly one module");
  if (!isScormVersion(values.version)) {
    throw new UsageError(
      `--version must be ${SCORM_VERSIONS.join(" or ")}${values.version ? ` (got "${values.version}")` : ""}`,
    );
  }
  const lang = values.lang ?? "all";
  if (lang !== "all" && !isLocale(lang))
    throw new UsageError(`--lang must be ${LOCALES.join(", ")} or all (got "${lang}")`);

  await databaseReady();
  await syncCoursesAtStartup(prisma);
  const module = await findExportModule(prisma, moduleId);
  const locales: Locale[] = lang === "all" ? module.languages : [lang];
  const outDir = path.resolve(values.out ?? "scorm-export");
  await mkdir(outDir, { recursive: true });

  for (const locale of locales) {
    console.log(`${module.slug} · SCORM ${values.version} · ${locale}`);
    const exported = await packageModule(
      module,
      { version: values.version, locale },
      {
        onFile: (file, bytes) => console.log(`  + ${file} (${bytes} bytes)`),
      },
    );
    const target = path.join(outDir, exported.fileName);
    await writeFile(target, exported.zip);
    console.log(`  → ${path.relative(process.cwd(), target) || target} (${exported.zip.length} bytes)`);
  }
  return 0;
}

main()
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`scorm:export: ${error.message}\n${USAGE}`);
        process.exitCode = 2;
      } else if (error instanceof ScormExportError || error instanceof MissingArtefactError) {
        console.error(`scorm:export: ${error.message}`);
        process.exitCode = 1;
      } else {
        console.error(error);
        process.exitCode = 2;
      }
    },
  )
  .finally(() => prisma.$disconnect());
