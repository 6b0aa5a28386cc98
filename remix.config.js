/**
 * The dev server (`npm run dev`, NODE_ENV=development) builds into .cache/dev/ instead of build/
 * and public/build/, so a development build can never replace the production build that
 * `npm run serve` loads (a dev bundle there answers 500: `jsxDEV is not a function`).
 */
export const DEV_BUILD_DIR = ".cache/dev/build";
const development = process.env.NODE_ENV === "development";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Server-only libraries with native parts stay external to the server bundle.
  serverDependenciesToBundle: [],
  ...(development
    ? { serverBuildPath: `${DEV_BUILD_DIR}/index.js`, assetsBuildDirectory: ".cache/dev/public/build" }
    : {}),
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
