import path from "node:path";

import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["app/**/*.test.ts", "server/**/*.test.ts", "tests/unit/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["tests/setup/build-artefacts.ts", "tests/setup/postgres-template.ts"],
    setupFiles: ["tests/setup/unit.ts"],
    // Nothing may depend on the 5 s default: on a loaded two-core machine a test that hashes
    // passwords or migrates a database takes many times longer than on an idle one. Files with
    // heavier work (PDFs, ZIPs, courses) set a larger budget of their own.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
