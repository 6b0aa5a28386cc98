import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

import { describe, expect, it } from "vitest";

import { artefactPath } from "~/config/artefacts.server";
import { loadCourses } from "~/content/load.server";
import { buildPackageData, renderPackageDataScript } from "./html";
import type { ScormVersion } from "./runtime/package-data";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** assets/runtime.js as `npm run build` bundles it (the test setup runs the same build). */
const runtime = () => readFileSync(artefactPath("scormRuntime"), "utf8");

/**
 * Runs the bundled assets/package-data.js and assets/runtime.js as a browser would, in a window
 * framed by a fake LMS, with a document that has no sections: enough to see the plain-JS bundle
 * find the API, start the session, report and end it on pagehide.
 */
async function runPackage(version: ScormVersion, initial: (contentKey: string) => Record<string, string> = () => ({})) {
  const { modules } = await loadCourses(path.join(ROOT, "tests/fixtures/courses/valid"), { relativeTo: ROOT });
  const module = modules.find((candidate) => candidate.slug === "basis")!;
  const data = buildPackageData(module, "nl", version);
  const store = initial(data.contentKey);
  const calls: string[] = [];
  const record = (name: string) => () => {
    calls.push(name);
    return "true";
  };
  const get = (element: string) => store[element] ?? "";
  const set = (element: string, value: string) => {
    store[element] = value;
    return "true";
  };
  const lmsWindow: Record<string, unknown> =
    version === "1.2"
      ? {
          API: {
            LMSInitialize: record("initialize"),
            LMSFinish: record("terminate"),
            LMSGetValue: get,
            LMSSetValue: set,
            LMSCommit: record("commit"),
            LMSGetLastError: () => "0",
          },
        }
      : {
          API_1484_11: {
            Initialize: record("initialize"),
            Terminate: record("terminate"),
            GetValue: get,
            SetValue: set,
            Commit: record("commit"),
            GetLastError: () => "0",
          },
        };
  lmsWindow.parent = lmsWindow;

  const listeners = new Map<string, Array<() => void>>();
  const win: Record<string, unknown> = {
    parent: lmsWindow,
    location: { hash: "" },
    addEventListener: (type: string, listener: () => void) =>
      listeners.set(type, [...(listeners.get(type) ?? []), listener]),
  };
  const document = {
    readyState: "complete",
    documentElement: { classList: { add: () => undefined } },
    querySelectorAll: () => [],
    getElementById: () => null,
  };
  const context = vm.createContext({ window: win, document, Date, Intl, JSON, Math });
  win.window = win;
  vm.runInContext(renderPackageDataScript(data), context);
  vm.runInContext(runtime(), context);
  const fire = (type: string) => listeners.get(type)?.forEach((listener) => listener());
  return { calls, store, fire };
}

describe("the bundled runtime", () => {
  it("finds the SCORM 1.2 API through window.parent, reports and finishes on pagehide", async () => {
    const run = await runPackage("1.2");
    expect(run.calls[0]).toBe("initialize");
    expect(run.store["cmi.core.lesson_status"]).toBe("incomplete");
    expect(run.store["cmi.core.exit"]).toBe("suspend");
    run.fire("pagehide");
    run.fire("unload");
    expect(run.calls.filter((call) => call === "terminate")).toHaveLength(1);
    expect(run.store["cmi.core.session_time"]).toMatch(/^\d{2,4}:\d{2}:\d{2}\.\d{2}$/);
  });

  it("finds the SCORM 2004 API and restores location and progress on re-entry", async () => {
    const run = await runPackage("2004", (contentKey) => ({
      "cmi.entry": "resume",
      "cmi.location": "lesson-stigma",
      "cmi.suspend_data": JSON.stringify({ k: contentKey, v: [0, 1, 2], c: {}, h: [], o: null }),
    }));
    expect(run.calls[0]).toBe("initialize");
    expect(run.store["cmi.location"]).toBe("lesson-stigma");
    // Both lessons read, the assessment not yet: two of three steps.
    expect(run.store["cmi.progress_measure"]).toBe("0.6667");
    expect(run.store["cmi.completion_status"]).toBe("incomplete");
    expect(run.store["cmi.success_status"]).toBe("unknown");
    run.fire("pagehide");
    expect(run.calls.at(-1)).toBe("terminate");
    expect(run.store["cmi.session_time"]).toMatch(/^PT/);
    expect(run.store["cmi.exit"]).toBe("suspend");
  });

  it("is one self-contained script without the other language's texts", () => {
    const bundle = runtime();
    expect(bundle).not.toMatch(/\bimport\s*\(|\brequire\(/);
    expect(bundle).not.toContain("Naar de inhoud");
    expect(bundle).not.toContain("Skip to content");
  });
});
