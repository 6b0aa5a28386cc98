import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SERVER = path.resolve("server.js");
const run = promisify(execFile);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "stigmavrij-serve-"));
  await mkdir(path.join(dir, "build"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `npm run serve` (node server.js in production mode) from a directory holding the given build/. */
async function serve(): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [SERVER], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: "production", PORT: "0" },
      timeout: 20_000,
    });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

const SERVER_BUNDLE = 'throw new Error("the guard let this bundle load");\n';

describe("npm run serve refuses a build that npm run build did not make", { timeout: 30_000 }, () => {
  it("without a server build", async () => {
    const { code, stderr } = await serve();
    expect(code).toBe(1);
    expect(stderr).toContain("there is no server build. Run `npm run build` first.");
  });

  it("when only remix build ran (no artefacts)", async () => {
    await writeFile(path.join(dir, "build/index.js"), SERVER_BUNDLE);
    const { code, stderr } = await serve();
    expect(code).toBe(1);
    expect(stderr).toContain("the build is incomplete");
  });

  it("when the server bundle was replaced after npm run build, as a dev build used to", async () => {
    await writeFile(path.join(dir, "build/index.js"), SERVER_BUNDLE);
    const built = createHash("sha256").update("the production bundle").digest("hex");
    await writeFile(path.join(dir, "build/artefacts.json"), JSON.stringify({ serverBuild: built, files: [] }));
    const { code, stderr } = await serve();
    expect(code).toBe(1);
    expect(stderr).toContain("index.js is not the bundle `npm run build` made");
    expect(stderr).not.toContain("the guard let this bundle load");
  });

  it("and loads the bundle the artefacts were built for", async () => {
    await writeFile(path.join(dir, "build/index.js"), SERVER_BUNDLE);
    const built = createHash("sha256").update(SERVER_BUNDLE).digest("hex");
    await writeFile(path.join(dir, "build/artefacts.json"), JSON.stringify({ serverBuild: built, files: [] }));
    const { code, stderr } = await serve();
    expect(code).toBe(1);
    expect(stderr).toContain("the guard let this bundle load");
  });
});
