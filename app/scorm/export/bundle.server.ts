import path from "node:path";

import { build } from "esbuild";

/**
 * Builds assets/runtime.js: the runtime in runtime/ bundled with the platform's own draw and
 * scoring code (app/assessment), so a package scores exactly like the platform. Bundled once per
 * process; the source is read from the application directory at export time.
 */

const bundles = new Map<string, Promise<string>>();

/** Browsers an LMS may still run the package in: ES2017 covers every evergreen browser since 2017. */
const TARGET = ["es2017"];

export function runtimeEntry(rootDir: string): string {
  return path.join(rootDir, "app", "scorm", "export", "runtime", "main.ts");
}

export function bundleRuntime(rootDir: string): Promise<string> {
  const entry = runtimeEntry(rootDir);
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: TARGET,
      minify: true,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    }).then((result) => {
      const file = result.outputFiles[0];
      if (!file) throw new Error("esbuild produced no runtime bundle");
      return file.text;
    });
    // A failed build is not cached, so the next export tries again.
    bundle.catch(() => bundles.delete(entry));
    bundles.set(entry, bundle);
  }
  return bundle;
}
