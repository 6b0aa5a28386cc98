import path from "node:path";

import { describe, expect, it } from "vitest";

import { contentTypeFor, maxUploadBytes, packageDirectory, packageRoot, resolvePackageFile } from "./storage.server";

const PACKAGE = path.resolve("/srv/scorm/0123456789abcdef0123456789abcdef");

describe("resolvePackageFile", () => {
  it("maps encoded request paths onto files inside the package", () => {
    expect(resolvePackageFile(PACKAGE, "index.html")).toBe(path.join(PACKAGE, "index.html"));
    expect(resolvePackageFile(PACKAGE, "story_content/Les%201/media%20%C3%A9.mp4")).toBe(
      path.join(PACKAGE, "story_content", "Les 1", "media é.mp4"),
    );
  });

  it.each([
    "",
    "folder/",
    "../other/index.html",
    "a/../../etc/passwd",
    "%2e%2e/etc/passwd",
    "a/%2e%2e/%2e%2e/x",
    "a//b.html",
    "./index.html",
    "a%2fb.html",
    "a%5C..%5Cb.html",
    "bad%zzescape.html",
    "nul%00.html",
  ])("refuses %j", (requested) => {
    expect(resolvePackageFile(PACKAGE, requested)).toBeNull();
  });
});

describe("contentTypeFor", () => {
  it.each([
    ["index.html", "text/html"],
    ["app.MJS", "text/javascript"],
    ["story.js", "text/javascript"],
    ["data.json", "application/json"],
    ["imsmanifest.xml", "application/xml"],
    ["icon.svg", "image/svg+xml"],
    ["clip.webm", "video/webm"],
    ["sound.mp3", "audio/mpeg"],
    ["captions.vtt", "text/vtt"],
    ["font.woff2", "font/woff2"],
    ["hand-out.pdf", "application/pdf"],
    ["manifest.xsd", "application/xml"],
    ["favicon.ico", "image/vnd.microsoft.icon"],
    ["old.swf", "application/octet-stream"],
    ["OLD.SWF", "application/octet-stream"],
    ["notes.unknown-extension", "application/octet-stream"],
    ["no-extension", "application/octet-stream"],
  ])("%s → %s", (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe("settings", () => {
  it("reads the package folder and upload limit from the environment", () => {
    expect(packageRoot({})).toBe(path.resolve("data/scorm"));
    expect(packageRoot({ SCORM_PACKAGE_DIR: "/var/scorm" })).toBe("/var/scorm");
    expect(maxUploadBytes({})).toBe(500 * 1024 * 1024);
    expect(maxUploadBytes({ SCORM_MAX_UPLOAD_BYTES: "1048576" })).toBe(1048576);
    expect(maxUploadBytes({ SCORM_MAX_UPLOAD_BYTES: "veel" })).toBe(500 * 1024 * 1024);
    expect(() => packageDirectory("../etc")).toThrow();
  });
});
