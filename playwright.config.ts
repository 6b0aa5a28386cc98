import { defineConfig } from "@playwright/test";

import {
  E2E_BUNDLE_DIR,
  E2E_CERTIFICATE_DIR,
  E2E_DATABASE_URL,
  E2E_ORIGIN,
  E2E_OUTBOX,
  E2E_PORT as PORT,
  E2E_SCORM_DIR,
} from "./tests/e2e/support/env";

/**
 * End-to-end tests run against the production build served by server.js, on a fresh database,
 * in Debian's Chromium (Playwright cannot download its own browsers here).
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // The UI follows the browser's language for anonymous visitors; the suite speaks Dutch
    // unless a test opens a context with another locale.
    locale: "nl-NL",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "bash scripts/e2e-server.sh",
    url: `http://localhost:${PORT}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      // Production refuses to start without it; links in mails and certificates use it.
      APP_ORIGIN: E2E_ORIGIN,
      DATABASE_URL: E2E_DATABASE_URL,
      MAIL_OUTBOX_DIR: E2E_OUTBOX,
      CERTIFICATE_CACHE_DIR: E2E_CERTIFICATE_DIR,
      CERTIFICATE_BUNDLE_DIR: E2E_BUNDLE_DIR,
      SCORM_PACKAGE_DIR: E2E_SCORM_DIR,
      // tests/e2e/scorm-data.spec.ts: package scripts from this host run, from others they are blocked.
      SCORM_CONTENT_HOSTS: "https://cdn.allowed.test",
      // Reminder mails are tested directly (reminders.server); the schedule would only add noise.
      CERTIFICATE_REMINDERS: "off",
      NODE_ENV: "production",
      // As behind one nginx: the hostile-input suite forges X-Forwarded-* headers against it.
      TRUST_PROXY: "1",
      // Small enough that the hostile-input suite can send a SCORM upload over the cap.
      SCORM_MAX_UPLOAD_BYTES: String(16 * 1024 * 1024),
      // The suite shares a busy machine; load shedding is covered by server/overload.test.ts
      // and measured with tests/perf/login-storm.ts.
      OVERLOAD_MAX_DELAY_MS: "0",
    },
  },
});
