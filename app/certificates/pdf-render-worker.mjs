// Entry of a certificate-rendering worker thread (see pdf-pool.server.ts). Workers start without
// the main process's module loaders, so this registers tsx before loading the TypeScript renderer.
import { register } from "tsx/esm/api";

register();
await import("./pdf-render-worker.ts");
