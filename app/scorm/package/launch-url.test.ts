import { describe, expect, it } from "vitest";

import { applyLaunchParameters, resolvePackageReference } from "./launch-url";

describe("resolvePackageReference", () => {
  it("combines the xml:base chain with the href", () => {
    expect(resolvePackageReference(["course/", "content/", "sco1/"], "launch.html")).toMatchObject({
      kind: "package",
      path: "course/content/sco1/launch.html",
      url: "course/content/sco1/launch.html",
    });
  });

  it("treats a base without trailing slash as a folder and resolves ..", () => {
    expect(resolvePackageReference(["course", "content/sco2"], "../shared/g.html")).toMatchObject({
      path: "course/content/shared/g.html",
    });
  });

  it("keeps query and fragment of the href apart from the file path", () => {
    expect(resolvePackageReference([], "a/b.html?x=1#top")).toEqual({
      kind: "package",
      path: "a/b.html",
      query: "x=1",
      fragment: "top",
      url: "a/b.html?x=1#top",
    });
  });

  it("decodes percent escapes for the file and encodes them again for the URL", () => {
    expect(resolvePackageReference([], "toets%20start.html")).toMatchObject({
      path: "toets start.html",
      url: "toets%20start.html",
    });
    expect(resolvePackageReference([], "les 1/start.html")).toMatchObject({
      path: "les 1/start.html",
      url: "les%201/start.html",
    });
  });

  it("lets an absolute base or href make the location external", () => {
    expect(resolvePackageReference(["https://example.org/docs/"], "guide.html")).toEqual({
      kind: "external",
      url: "https://example.org/docs/guide.html",
    });
    expect(resolvePackageReference(["content/"], "http://example.org/x.html")).toEqual({
      kind: "external",
      url: "http://example.org/x.html",
    });
  });

  it("reports references that climb out of the package", () => {
    expect(resolvePackageReference(["content/"], "../../etc/passwd")).toEqual({
      kind: "outside",
      reference: "../../etc/passwd",
    });
  });
});

describe("applyLaunchParameters", () => {
  const at = (href: string) => resolvePackageReference([], href);

  it.each([
    ["index.html", "?page=1", "index.html?page=1"],
    ["index.html", "page=1", "index.html?page=1"],
    ["index.html", "&page=1", "index.html?page=1"],
    ["index.html", "?&page=1", "index.html?page=1"],
    ["index.html?lang=nl", "?page=1", "index.html?lang=nl&page=1"],
    ["index.html?lang=nl", "page=1", "index.html?lang=nl&page=1"],
    ["index.html", "#part2", "index.html#part2"],
    ["index.html#own", "#part2", "index.html#own"],
    ["index.html#own", "?page=1", "index.html?page=1#own"],
    ["index.html?lang=nl", "#part2", "index.html?lang=nl#part2"],
    ["index.html", "page=1#part2", "index.html?page=1#part2"],
    ["index.html", "", "index.html"],
  ])("%s + %s → %s", (href, parameters, expected) => {
    const result = applyLaunchParameters(at(href), parameters);
    expect(result.kind === "package" ? result.url : null).toBe(expected);
  });

  it("leaves the location alone without parameters", () => {
    expect(applyLaunchParameters(at("a.html"), null)).toEqual(at("a.html"));
  });

  it("applies the same rules to external locations", () => {
    const result = applyLaunchParameters({ kind: "external", url: "https://example.org/a?x=1" }, "?y=2");
    expect(result).toEqual({ kind: "external", url: "https://example.org/a?x=1&y=2" });
  });
});
