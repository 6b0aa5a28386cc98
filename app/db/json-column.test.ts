import { z } from "zod";
import { describe, expect, it } from "vitest";

import { jsonColumn } from "./json-column";

describe("jsonColumn", () => {
  const list = jsonColumn(z.array(z.string()), [] as string[]);

  it("reads what it wrote", () => {
    expect(list.parse(list.serialise(["a", "b"]))).toEqual(["a", "b"]);
  });

  it("reads missing text, text that is not JSON and JSON of another shape as the fallback", () => {
    expect(list.parse(null)).toEqual([]);
    expect(list.parse(undefined)).toEqual([]);
    expect(list.parse("[not json")).toEqual([]);
    expect(list.parse('{"a":1}')).toEqual([]);
    expect(list.parse("[1]")).toEqual([]);
  });

  it("applies the schema's own transforms and catches", () => {
    const tolerant = jsonColumn(
      z.array(z.unknown()).transform((xs) => xs.filter((x) => typeof x === "number")),
      null,
    );
    expect(tolerant.parse('[1,"x",2]')).toEqual([1, 2]);
    expect(tolerant.parse('"x"')).toBeNull();
  });
});
