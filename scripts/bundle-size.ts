/**
 * `npm run bundle:size` (after `npm run build`): the size budget of the lesson page's JavaScript.
 * Sums the gzip size of every script a lesson page loads before it hydrates: the client entry,
 * the root and lesson route modules from the Remix manifest, and every chunk they import
 * statically. The page's messages travel in its HTML and the rest of its language is fetched as
 * JSON on the first interaction (app/i18n/client-messages.ts), so neither counts here.
 * Exits 1 when a budget is exceeded.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PUBLIC_DIR = path.join(ROOT, "public");

/** Route id → budget in bytes of gzip (level 9, as the build precompresses). */
const BUDGETS: Record<string, number> = {
  "routes/modules.$moduleSlug.$lessonSlug": 100_000,
};

interface Manifest {
  entry: { module: string };
  routes: Record<string, { module: string }>;
}

async function readManifest(publicDir = PUBLIC_DIR): Promise<Manifest> {
  const buildDir = path.join(publicDir, "build");
  const file = (await readdir(buildDir)).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error("public/build has no Remix manifest: run `npm run build` first");
  const source = await readFile(path.join(buildDir, file), "utf8");
  return JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as Manifest;
}

/** The scripts a route's page loads before hydrating, with their gzip sizes. */
async function routeScripts(manifest: Manifest, routeId: string, publicDir = PUBLIC_DIR) {
  const route = manifest.routes[routeId];
  const root = manifest.routes.root;
  if (!route || !root) throw new Error(`the manifest has no route ${routeId}`);
  const queue = [manifest.entry.module, root.module, route.module];
  const sizes = new Map<string, number>();
  while (queue.length > 0) {
    const script = queue.shift() as string;
    if (sizes.has(script)) continue;
    const content = await readFile(path.join(publicDir, script));
    sizes.set(script, zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }).length);
    // Static imports only (`import{a}from"/build/…"`, `import"/build/…"`); import("…") loads later.
    for (const match of content.toString("utf8").matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?"(\/build\/[^"]+\.js)"/g))
      if (match[1]) queue.push(match[1]);
  }
  return sizes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const manifest = await readManifest();
  let failed = false;
  for (const [routeId, budget] of Object.entries(BUDGETS)) {
    const sizes = await routeScripts(manifest, routeId);
    const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    const verdict = total <= budget ? "within" : "OVER";
    console.log(`${routeId}: ${sizes.size} scripts, ${total} bytes gzip (${verdict} the budget of ${budget})`);
    for (const [script, size] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 5))
      console.log(`  ${size}\t${script}`);
    if (total > budget) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
