import { defineConfig } from "@playwright/test";

import baseConfig from "./playwright.config";

/**
 * The multi-instance tests (tests/e2e-multi): nginx in front of two instances of the production
 * build on one PostgreSQL database and one storage directory. scripts/multi-instance.sh starts
 * all of that and runs Playwright inside it (`npm run test:multi`), so there is no webServer here.
 */
export default defineConfig({
  ...baseConfig,
  testDir: "tests/e2e-multi",
  webServer: undefined,
  timeout: 120_000,
  use: {
    ...baseConfig.use,
    baseURL: `http://localhost:${process.env.E2E_PORT ?? 3202}`,
  },
});
