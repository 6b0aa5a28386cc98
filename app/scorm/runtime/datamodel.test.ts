import { describe, expect, it } from "vitest";

import { collectionCount, elementDefinitions, isCollection, keywordValue } from "./datamodel";
import type { ScormVersion } from "./types";

describe.each(["1.2", "2004"] as ScormVersion[])("SCORM %s data model", (version) => {
  it("gives every writable element a check and no read-only element one", () => {
    for (const definition of elementDefinitions(version)) {
      expect(definition.check !== undefined, definition.pattern).toBe(definition.access !== "read-only");
    }
  });

  it("lists every pattern once", () => {
    const patterns = elementDefinitions(version).map((definition) => definition.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it("knows its array collections", () => {
    expect(isCollection(version, "cmi.interactions")).toBe(true);
    expect(isCollection(version, "cmi.interactions.4.correct_responses")).toBe(true);
    expect(isCollection(version, "cmi.interactions.4")).toBe(false);
  });
});

describe("keyword values", () => {
  const state = { "cmi.objectives.0.id": "a", "cmi.objectives.1.id": "b", "cmi.objectives.1.score.raw": "5" };

  it("counts array entries from the highest index", () => {
    expect(collectionCount(state, "cmi.objectives")).toBe(2);
    expect(collectionCount(state, "cmi.interactions")).toBe(0);
    expect(keywordValue("2004", "cmi.objectives._count", state)).toBe("2");
  });

  it("answers _version and _children per version", () => {
    expect(keywordValue("1.2", "cmi._version", state)).toBe("3.4");
    expect(keywordValue("2004", "cmi._version", state)).toBe("1.0");
    expect(keywordValue("1.2", "cmi.objectives.0.score._children", state)).toBe("raw,min,max");
    expect(keywordValue("2004", "cmi.objectives.0.score._children", state)).toBe("scaled,raw,min,max");
  });
});
