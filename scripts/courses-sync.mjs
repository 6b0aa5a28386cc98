// The release step, `npm run courses:sync`: syncs courses/ into the database once per deploy,
// holding the course-sync lease, so two runs at once (two hosts deploying) take turns and the
// second finds nothing changed. Starting servers do not sync (except into an empty database).
// It runs the production build's code, so `npm run build` comes first and a production install
// (`npm ci --omit=dev`, no tsx) can run it.
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

const buildPath = path.resolve("build/index.js");
if (!fs.existsSync(buildPath)) {
  console.error("courses:sync: build/index.js not found. Run `npm run build` first.");
  process.exit(1);
}
process.env.ARTEFACTS_DIR ||= path.dirname(buildPath);
const build = await import(url.pathToFileURL(buildPath).href);
try {
  const summary = await build.entry.module.syncCoursesForRelease();
  // null: there is no courses/ directory, which is a deployment mistake.
  process.exitCode = summary === null ? 1 : 0;
} catch (error) {
  console.error("courses:sync failed:", error);
  process.exitCode = 1;
}
