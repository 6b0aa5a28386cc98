import path from "node:path";

/**
 * The one directory for files every server process and instance must see (like Moodle's
 * dataroot): SCORM packages (`scorm/`), the certificate PDF cache (`certificates/`) and bulk ZIPs
 * (`bundles/`). Several instances mount the same volume there. STORAGE_DIR must be absolute;
 * without it server.js and the release scripts set it to `data/` beside server.js, so the
 * working directory never decides where files go. Each folder can still be moved on its own
 * (SCORM_PACKAGE_DIR, CERTIFICATE_CACHE_DIR, CERTIFICATE_BUNDLE_DIR).
 */
export function storageDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.STORAGE_DIR || "data");
}

/** `specific` when that variable is set, otherwise `folder` inside the storage directory. */
export function storagePath(
  specific: string | undefined,
  folder: string,
  env: Record<string, string | undefined> = process.env,
): string {
  return specific ? path.resolve(specific) : path.join(storageDir(env), folder);
}
