/** Shared by playwright.config.ts and the e2e helpers. Runs on different ports never share files. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
// scripts/multi-instance.sh sets the E2E_* paths below to its PostgreSQL database and shared
// storage directory, so the same helpers arrange and check the multi-instance setup.
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? `file:./data/e2e-${E2E_PORT}.db`;
export const E2E_OUTBOX = process.env.E2E_OUTBOX ?? `data/e2e-${E2E_PORT}-outbox`;
/** The e2e server's origin, for same-origin POSTs made with `page.request` (server.js checks Origin). */
export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;
/** Certificate PDF cache and bulk ZIPs of the e2e server, removed with its database at start. */
export const E2E_CERTIFICATE_DIR = process.env.E2E_CERTIFICATE_DIR ?? `data/e2e-${E2E_PORT}-certificates`;
export const E2E_BUNDLE_DIR = process.env.E2E_BUNDLE_DIR ?? `data/e2e-${E2E_PORT}-bundles`;
/** Imported SCORM packages of the e2e server, removed with its database at start. */
export const E2E_SCORM_DIR = process.env.E2E_SCORM_DIR ?? `data/e2e-${E2E_PORT}-scorm`;
