/**
 * The build step after `remix build` (`npm run build`): bundles what production would otherwise
 * transpile or bundle at run time, and copies the files the server reads, into the build
 * directory:
 *   workers/pdf-worker.js  the certificate-rendering worker thread (app/certificates/pdf-render-worker.ts)
 *   workers/bundle-worker.js  the worker thread that writes a bulk certificate ZIP (app/certificates/bundle-zip-worker.ts)
 *   scorm/runtime.js       the runtime of exported SCORM packages (app/scorm/export/runtime/main.ts)
 *   scorm/app.css, scorm/package.css  the style sheets exported packages carry
 *   fonts/                 the fonts certificate PDFs embed
 *   artefacts.json         written last: the SHA-256 of the server bundle these files belong to
 * and, for a production build, the .br and .gz siblings of the browser bundle in public/build
 * (scripts/precompress-assets.ts).
 *
 *   tsx scripts/build-artefacts.ts [--dev] [--out dir]
 * Default: build/ (with --dev, the dev server's build directory from remix.config.js). Tests call
 * `buildArtefacts` with a directory of their own.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { build } from "esbuild";

import { ARTEFACT_MANIFEST, ARTEFACTS } from "../app/config/artefacts.server";
import { DEV_BUILD_DIR } from "../remix.config.js";

import { precompressAssets } from "./precompress-assets";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Browsers an LMS may still run a package in: ES2017 covers every evergreen browser since 2017. */
const PACKAGE_BROWSER_TARGET = "es2017";

export interface ArtefactManifest {
  /** SHA-256 of the Remix server bundle at build time (null when built without one, as in tests). */
  serverBuild: string | null;
  files: string[];
}

export async function buildArtefacts(outDir: string, serverBuild: string | null = null): Promise<ArtefactManifest> {
  const out = (name: keyof typeof ARTEFACTS) => path.join(outDir, ARTEFACTS[name]);
  // A stale manifest must not vouch for a half-written directory.
  await rm(path.join(outDir, ARTEFACT_MANIFEST), { force: true });
  await Promise.all([
    ...(
      [
        ["app/certificates/pdf-render-worker.ts", "pdfWorker"],
        ["app/certificates/bundle-zip-worker.ts", "bundleWorker"],
      ] as const
    ).map(([entry, name]) =>
      build({
        entryPoints: [path.join(ROOT, entry)],
        outfile: out(name),
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        // Libraries load from node_modules like the server bundle's; only our TypeScript is bundled.
        packages: "external",
        tsconfig: path.join(ROOT, "tsconfig.json"),
        logLevel: "warning",
      }),
    ),
    build({
      entryPoints: [path.join(ROOT, "app/scorm/export/runtime/main.ts")],
      outfile: out("scormRuntime"),
      bundle: true,
      format: "iife",
      platform: "browser",
      target: PACKAGE_BROWSER_TARGET,
      minify: true,
      legalComments: "none",
      charset: "utf8",
      logLevel: "warning",
    }),
    copy("app/styles/app.css", out("scormAppCss")),
    copy("app/scorm/export/assets/package.css", out("scormPackageCss")),
    cp(path.join(ROOT, "app/certificates/fonts"), out("fonts"), { recursive: true }),
  ]);
  const manifest: ArtefactManifest = {
    serverBuild: serverBuild ? await sha256(serverBuild) : null,
    files: Object.values(ARTEFACTS),
  };
  await writeFile(path.join(outDir, ARTEFACT_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function copy(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  await cp(path.join(ROOT, from), to);
}

async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: "string" }, dev: { type: "boolean", default: false } } });
  // --dev: for `npm run dev`, into the dev server's build directory; the dev bundle is rebuilt
  // continuously there, so no hash of it is recorded (server.js checks it in production only).
  const outDir = path.resolve(values.out ?? (values.dev ? DEV_BUILD_DIR : "build"));
  const started = Date.now();
  const manifest = await buildArtefacts(outDir, values.dev ? null : path.join(outDir, "index.js"));
  console.log(
    `artefacts: ${manifest.files.join(", ")} → ${path.relative(process.cwd(), outDir) || "."} (${Date.now() - started} ms)`,
  );
  // The dev server rebuilds the browser bundle continuously; only a production build is precompressed.
  if (!values.dev) {
    const assets = await precompressAssets(path.join(ROOT, "public/build"));
    console.log(
      `precompressed ${assets.files} browser files: ${assets.bytes} bytes → ${assets.brotliBytes} br, ${assets.gzipBytes} gzip`,
    );
  }
}
