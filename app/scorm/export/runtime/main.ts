import { connectLms, findApi } from "./lms";
import type { FrameLike } from "./lms";
import { PACKAGE_DATA_GLOBAL } from "./package-data";
import type { PackageData } from "./package-data";
import { CourseSession } from "./session";
import { mountUi } from "./ui";

/**
 * Entry of assets/runtime.js (bundled by bundle.server.ts): finds the LMS, restores the learner's
 * progress, mounts the page and ends the LMS session when the page goes away.
 */

function randomSeed(): string {
  const cryptoApi = globalThis.crypto;
  if (cryptoApi?.getRandomValues) {
    return Array.from(cryptoApi.getRandomValues(new Uint32Array(4)), (word) => word.toString(36)).join("");
  }
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

function boot(): void {
  const data = (window as unknown as Record<string, PackageData | undefined>)[PACKAGE_DATA_GLOBAL];
  if (!data) return;
  const api = findApi(window as unknown as FrameLike, data.version);
  const lms = api ? connectLms(api, data.version) : null;
  const session = new CourseSession(data, lms, { now: () => Date.now(), seed: randomSeed });
  const start = session.start();
  // pagehide is the event browsers still fire reliably when a frame or tab goes away; unload is
  // the fallback of older ones. Ending twice is harmless.
  window.addEventListener("pagehide", () => session.end());
  window.addEventListener("unload", () => session.end());
  document.documentElement.classList.add("js");
  mountUi(document, window, data, session, start);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
