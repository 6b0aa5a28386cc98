import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Files that `npm run build` writes beside the Remix server bundle (scripts/build-artefacts.ts),
 * so production runs nothing that needs TypeScript or a bundler: the PDF and bundle workers' entries, the
 * SCORM export's runtime and style sheets, and the certificate fonts.
 */
export const ARTEFACTS = {
  pdfWorker: "workers/pdf-worker.js",
  bundleWorker: "workers/bundle-worker.js",
  scormRuntime: "scorm/runtime.js",
  scormAppCss: "scorm/app.css",
  scormPackageCss: "scorm/package.css",
  fonts: "fonts",
} as const;

export type ArtefactName = keyof typeof ARTEFACTS;

/** Written last by the build script: its presence says the artefacts belong to that build. */
export const ARTEFACT_MANIFEST = "artefacts.json";

/** The build directory: ARTEFACTS_DIR (server.js sets it for the dev build; tests point it at their own), else build/. */
export function artefactsDir(): string {
  return path.resolve(process.env.ARTEFACTS_DIR || "build");
}

export class MissingArtefactError extends Error {
  constructor(file: string) {
    super(`${file} is missing: run \`npm run build\` first.`);
    this.name = "MissingArtefactError";
  }
}

/** Absolute path of a build artefact; throws a clear error when the build did not produce it. */
export function artefactPath(name: ArtefactName): string {
  const file = path.join(artefactsDir(), ARTEFACTS[name]);
  if (!existsSync(file)) throw new MissingArtefactError(file);
  return file;
}
