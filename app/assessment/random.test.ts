import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { createRandom, shuffle } from "./random";

const SEED = 20240601;

const take = (random: () => number, n: number): number[] => Array.from({ length: n }, () => random());

/** A stand-in generator that replays given values in [0, 1), cycling. */
const replay = (values: readonly number[]): (() => number) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe("createRandom", () => {
  it("returns floats in [0, 1) for any seed", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const values = take(createRandom(seed), 200);
        expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...values)).toBeLessThan(1);
      }),
      { seed: SEED },
    );
  });

  it("replays the same sequence for the same seed", () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        expect(take(createRandom(seed), 50)).toEqual(take(createRandom(seed), 50));
      }),
      { seed: SEED },
    );
  });

  it("gives different sequences for seeds that differ in one character or are empty", () => {
    const seeds = ["", "a", "b", "attempt-1", "attempt-2", "attempt-1:q1", "attempt-1:q2"];
    const firsts = seeds.map((seed) => take(createRandom(seed), 3).join(","));
    expect(new Set(firsts).size).toBe(seeds.length);
  });

  it("does not repeat itself within a long run and spreads evenly over [0, 1)", () => {
    const values = take(createRandom("spread"), 10_000);
    expect(new Set(values).size).toBe(values.length);
    const buckets = Array.from({ length: 10 }, () => 0);
    for (const value of values) buckets[Math.floor(value * 10)]! += 1;
    for (const bucket of buckets) expect(bucket).toBeGreaterThan(850);
  });
});

describe("shuffle", () => {
  it("returns a permutation of the items and leaves the input untouched", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const before = [...items];
        const result = shuffle(items, createRandom(seed));
        expect(items).toEqual(before);
        expect(result).not.toBe(items);
        expect([...result].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { seed: SEED },
    );
  });

  it("returns a permutation whatever values the generator yields", () => {
    const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 20 }), fc.array(unit, { minLength: 1 }), (items, values) => {
        const result = shuffle(items, replay(values));
        expect([...result].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { seed: SEED },
    );
  });

  it("is deterministic for the same generator seed", () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffle(items, createRandom("x"))).toEqual(shuffle(items, createRandom("x")));
    expect(shuffle(items, createRandom("x"))).not.toEqual(shuffle(items, createRandom("y")));
  });

  it("makes every order about equally likely", () => {
    const random = createRandom("uniform");
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = shuffle(["a", "b", "c"], random).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
  });

  it("handles empty and one-item lists", () => {
    expect(shuffle([], createRandom("s"))).toEqual([]);
    expect(shuffle(["only"], createRandom("s"))).toEqual(["only"]);
  });
});
