/**
 * Small SCORM packages built in code for the tests (no third-party packages): manifests for the
 * behaviours of docs/scorm.md's conformance table and SCO pages that run a scripted list of API
 * calls and list every call with its answer and error code, so a test can read what the content saw.
 */
import { zipEntries, type TestZipEntry } from "./zip-test-support";

/** One API call: the function name without the 1.2 "LMS" prefix, then its arguments. */
export type ScoCall = readonly [
  "Initialize" | "Terminate" | "Commit" | "GetValue" | "SetValue" | "GetLastError",
  ...string[],
];

export interface ScoScript {
  /** Run when the page has loaded. */
  load?: readonly ScoCall[];
  /** Run by the page's "Finish" button. */
  finish?: readonly ScoCall[];
  /** Run on the page's pagehide; the log goes to localStorage["sco-unload-log"] (the page is gone then). */
  unload?: readonly ScoCall[];
}

export interface ScoPageOptions {
  version: "1.2" | "2004";
  title: string;
  script: ScoScript;
  /** Extra markup for <head>, e.g. a script from another host. */
  head?: string;
}

/**
 * An HTML page that finds the API in its parent, runs the script and lists each call as
 * `GetValue(cmi.entry) = resume [0]` in <ol id="log">.
 */
export function scoPage({ version, title, script, head = "" }: ScoPageOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
${head}
</head>
<body>
<h1>${title}</h1>
<button type="button" id="finish">Finish</button>
<ol id="log"></ol>
<script>
(function () {
  var version = ${JSON.stringify(version)};
  var script = ${JSON.stringify(script)};
  function findApi(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      var api = version === "1.2" ? win.API : win.API_1484_11;
      if (api) return api;
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findApi(window.parent);
  function run(calls) {
    var lines = [];
    calls.forEach(function (call) {
      var name = version === "1.2" ? "LMS" + (call[0] === "Terminate" ? "Finish" : call[0]) : call[0];
      var args = call.slice(1);
      if (call[0] === "Initialize" || call[0] === "Terminate" || call[0] === "Commit") args = [""];
      var result = api ? String(api[name].apply(api, args)) : "no API";
      var code = api ? String(api[version === "1.2" ? "LMSGetLastError" : "GetLastError"]()) : "";
      lines.push(call[0] + "(" + call.slice(1).join(", ") + ") = " + result + " [" + code + "]");
    });
    return lines;
  }
  function show(lines) {
    var log = document.getElementById("log");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      log.appendChild(item);
    });
  }
  show(run(script.load || []));
  document.getElementById("finish").addEventListener("click", function () { show(run(script.finish || [])); });
  window.addEventListener("pagehide", function () {
    if (script.unload) localStorage.setItem("sco-unload-log", JSON.stringify(run(script.unload)));
  });
})();
</script>
</body>
</html>
`;
}

export interface TestItem {
  identifier: string;
  title: string;
  /** The launch href as written in the manifest (may hold %20 or a query string). */
  href: string;
  /** The file in the ZIP (defaults to href without its query string). */
  file?: string;
  page: string;
  /** Extra markup inside <item> after <title> (sequencing, adlcp:data, …). */
  itemExtra?: string;
  /** Files the resource lists that the ZIP lacks. */
  missingFiles?: string[];
}

const MANIFEST_HEAD_12 = `<manifest identifier="TEST-12" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>`;

const MANIFEST_HEAD_2004 = `<manifest identifier="TEST-2004" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>`;

function escapeAttribute(value: string) {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** A one-organization package whose items each launch their own SCO resource. */
export function testManifest(version: "1.2" | "2004", title: string, items: readonly TestItem[]): string {
  const typeAttribute = version === "1.2" ? "adlcp:scormtype" : "adlcp:scormType";
  return `<?xml version="1.0" encoding="UTF-8"?>
${version === "1.2" ? MANIFEST_HEAD_12 : MANIFEST_HEAD_2004}
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>${title}</title>
${items
  .map(
    (item) => `      <item identifier="${item.identifier}" identifierref="RES-${item.identifier}">
        <title>${item.title}</title>${item.itemExtra ?? ""}
      </item>`,
  )
  .join("\n")}
    </organization>
  </organizations>
  <resources>
${items
  .map(
    (
      item,
    ) => `    <resource identifier="RES-${item.identifier}" type="webcontent" ${typeAttribute}="sco" href="${escapeAttribute(item.href)}">
      <file href="${escapeAttribute(item.href.replace(/\?.*$/, ""))}"/>${(item.missingFiles ?? [])
        .map((file) => `\n      <file href="${escapeAttribute(file)}"/>`)
        .join("")}
    </resource>`,
  )
  .join("\n")}
  </resources>
</manifest>
`;
}

export function testPackageEntries(version: "1.2" | "2004", title: string, items: readonly TestItem[]): TestZipEntry[] {
  return [
    { name: "imsmanifest.xml", data: testManifest(version, title, items) },
    ...items.map((item) => ({ name: item.file ?? item.href.replace(/\?.*$/, ""), data: item.page })),
  ];
}

export function testPackage(version: "1.2" | "2004", title: string, items: readonly TestItem[]): Promise<Buffer> {
  return zipEntries(testPackageEntries(version, title, items));
}
