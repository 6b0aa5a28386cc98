import { describe, expect, it } from "vitest";

import { contentsTree } from "./contents-tree";

const part = (title: string, ...parents: string[]) => ({ title, parents });

describe("contentsTree", () => {
  it("leaves a flat package flat", () => {
    const parts = [part("A"), part("B")];
    expect(contentsTree(parts)).toEqual(parts.map((p) => ({ kind: "part", part: p })));
  });

  it("groups consecutive parts by chapter, level by level, in content order", () => {
    const parts = [
      part("Intro"),
      part("1a", "Hoofdstuk 1"),
      part("1b", "Hoofdstuk 1", "Verdieping"),
      part("1c", "Hoofdstuk 1"),
      part("2a", "Hoofdstuk 2"),
      part("Slot"),
    ];
    const titles = (nodes: ReturnType<typeof contentsTree<(typeof parts)[number]>>): unknown =>
      nodes.map((node) => (node.kind === "part" ? node.part.title : { [node.title]: titles(node.children) }));
    expect(titles(contentsTree(parts))).toEqual([
      "Intro",
      { "Hoofdstuk 1": ["1a", { Verdieping: ["1b"] }, "1c"] },
      { "Hoofdstuk 2": ["2a"] },
      "Slot",
    ]);
  });
});
