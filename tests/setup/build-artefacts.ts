import { mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";

import { buildArtefacts } from "../../scripts/build-artefacts";

/**
 * vitest global setup: builds the artefacts `npm run build` makes (PDF worker, SCORM runtime and
 * style sheets, fonts) into a temporary directory with the same build code, and points
 * ARTEFACTS_DIR at it. Tests thereby run the real bundled worker and runtime, need no TypeScript
 * loader in worker threads, and never touch build/. The directory is inside the project (in the
 * ignored .cache/) because the bundled worker imports its libraries from node_modules.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const parent = path.resolve(".cache");
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(path.join(parent, "test-artefacts-"));
  await buildArtefacts(dir);
  process.env.ARTEFACTS_DIR = dir;
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
