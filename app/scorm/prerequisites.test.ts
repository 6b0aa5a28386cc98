import { describe, expect, it } from "vitest";

import { parsePrerequisites, prerequisitesMet, referencedItems, type LessonStatus } from "./prerequisites";

function holds(source: string, statuses: Record<string, LessonStatus>): boolean {
  const expression = parsePrerequisites(source);
  if (!expression) throw new Error(`not parsed: ${source}`);
  return prerequisitesMet(expression, (id) => statuses[id] ?? "not attempted");
}

describe("parsePrerequisites", () => {
  it("reads identifiers, operators, comparisons, sets and parentheses", () => {
    expect(parsePrerequisites("A")).toEqual({ kind: "item", id: "A" });
    expect(parsePrerequisites("CH-1.a_2 & ~B")).toEqual({
      kind: "and",
      operands: [
        { kind: "item", id: "CH-1.a_2" },
        { kind: "not", operand: { kind: "item", id: "B" } },
      ],
    });
    expect(parsePrerequisites("A=not attempted | B<>p")).toEqual({
      kind: "or",
      operands: [
        { kind: "status", id: "A", status: "not attempted", equal: true },
        { kind: "status", id: "B", status: "passed", equal: false },
      ],
    });
    expect(parsePrerequisites('A = "failed"')).toEqual({ kind: "status", id: "A", status: "failed", equal: true });
    expect(parsePrerequisites("2*{A,B,(C|D)}")).toMatchObject({ kind: "atLeast", count: 2 });
  });

  it("returns null for empty text and for what is not aicc_script", () => {
    for (const source of [null, "", "   ", "A &", "(A", "A=done", "x*{A}", "2*{A,B", "A B", '"A', "& A"]) {
      expect(parsePrerequisites(source), String(source)).toBeNull();
    }
  });

  it("lists every referenced item once", () => {
    expect(referencedItems(parsePrerequisites("A & (B | ~A) & 1*{C, B=failed}")!)).toEqual(["A", "B", "C"]);
  });
});

describe("prerequisitesMet", () => {
  it("takes an identifier on its own as passed or completed", () => {
    expect(holds("A", { A: "passed" })).toBe(true);
    expect(holds("A", { A: "completed" })).toBe(true);
    for (const status of ["failed", "incomplete", "browsed", "not attempted"] as const) {
      expect(holds("A", { A: status }), status).toBe(false);
    }
  });

  it("compares statuses, negates and combines with ~ over & over |", () => {
    expect(holds("A=failed", { A: "failed" })).toBe(true);
    expect(holds("A<>failed", { A: "failed" })).toBe(false);
    expect(holds("~A", { A: "incomplete" })).toBe(true);
    // & binds tighter than |: A | (B & C).
    expect(holds("A | B & C", { A: "passed" })).toBe(true);
    expect(holds("A | B & C", { B: "passed" })).toBe(false);
    expect(holds("(A | B) & C", { B: "passed", C: "completed" })).toBe(true);
  });

  it("counts a set: at least n of its members hold", () => {
    const statuses = { A: "passed", B: "failed", C: "completed" } as const;
    expect(holds("2*{A,B,C}", statuses)).toBe(true);
    expect(holds("3*{A,B,C}", statuses)).toBe(false);
    expect(holds("3*{A,B=failed,C}", statuses)).toBe(true);
  });
});
