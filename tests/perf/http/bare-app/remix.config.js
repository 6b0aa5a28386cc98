/**
 * The baseline of `npm run bench:http`: a Remix app with one page and one form action and nothing
 * else, built by the same Remix compiler and served by the same server.js as the product, so the
 * benchmark can tell what the framework itself costs per request.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  ignoredRouteFiles: ["**/.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
