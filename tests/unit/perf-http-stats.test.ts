import { describe, expect, it } from "vitest";

import { renderChart } from "../perf/http/chart";
import { mergeCookies, clientAddress } from "../perf/http/client";
import {
  cpuMsPerRequest,
  cpuTicksFromProcStat,
  formatTable,
  median,
  medianRun,
  percentile,
  ratio,
  verdict,
  type PathResult,
  type RunFigures,
} from "../perf/http/stats";

// A real line's shape: pid, (comm), state, then fields 4…; utime is field 14, stime field 15.
const STAT =
  "4242 (node) S 4200 4242 4200 34816 4242 4194304 12345 0 0 0 1500 250 0 0 20 0 11 0 98765 1234567890 45678 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 1 0 0 0 0 0";

function run(overrides: Partial<RunFigures> = {}): RunFigures {
  return {
    requests: 100,
    requestsPerSecond: 100,
    p50: 10,
    p95: 20,
    p99: 30,
    cpuMsPerRequest: 2,
    errors: 0,
    ...overrides,
  };
}

describe("cpuTicksFromProcStat", () => {
  it("adds utime and stime", () => {
    expect(cpuTicksFromProcStat(STAT)).toBe(1750);
  });

  it("reads past a command name with spaces and parentheses", () => {
    const odd = STAT.replace("(node)", "(node (worker) 2)");
    expect(cpuTicksFromProcStat(odd)).toBe(1750);
  });

  it("refuses text that is not a stat line", () => {
    expect(() => cpuTicksFromProcStat("no fields here")).toThrow();
    expect(() => cpuTicksFromProcStat("1 (x) S 1 2")).toThrow(/utime/);
  });
});

describe("median, percentile, ratio", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(median([Number.NaN, 5])).toBe(5);
  });

  it("uses the nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it("divides product by bare, NaN without a bare figure", () => {
    expect(ratio(30, 120)).toBe(0.25);
    expect(ratio(30, 0)).toBeNaN();
  });

  it("turns clock ticks into CPU ms per request", () => {
    expect(cpuMsPerRequest(1000, 1050, 250)).toBe(2);
    expect(cpuMsPerRequest(1000, 1050, 0)).toBeNaN();
  });

  it("takes each figure's median across runs and adds up the errors", () => {
    const combined = medianRun([
      run({ requestsPerSecond: 90, p95: 40, errors: 1 }),
      run({ requestsPerSecond: 110, p95: 20 }),
      run({ requestsPerSecond: 100, p95: 30, errors: 2 }),
    ]);
    expect(combined).toMatchObject({ requestsPerSecond: 100, p95: 30, errors: 3 });
  });
});

describe("verdict and formatTable", () => {
  const page: PathResult = {
    name: "lesson page",
    kind: "page",
    product: run({ requestsPerSecond: 80, cpuMsPerRequest: 2.5 }),
    bare: run({ requestsPerSecond: 100, cpuMsPerRequest: 1.2 }),
    sqlPerRequest: 4,
  };
  const write: PathResult = {
    name: "autosave answers",
    kind: "write",
    product: run({ requestsPerSecond: 40, cpuMsPerRequest: 12.3 }),
    bare: run({ requestsPerSecond: 100 }),
    sqlPerRequest: null,
  };

  it("judges pages on ratio, CPU and SQL and writes on ratio only", () => {
    expect(verdict(page)).toEqual({ ratio: true, cpu: true, sql: false });
    expect(verdict(write)).toEqual({ ratio: false, cpu: null, sql: null });
  });

  it("prints one Markdown row per path with the figures and the targets", () => {
    const lines = formatTable([page, write]).split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| path \| req\/s product \| req\/s bare \| ratio \|/);
    expect(lines[2]).toBe(
      "| lesson page | 80 | 100 | 0.800× | 10 / 20 / 30 | 10 / 20 / 30 | 2.50 / 1.20 | 4.0 | 0 / 0 | ≥0.7× met, ≤3 ms met, ≤3 SQL NOT met |",
    );
    expect(lines[3]).toBe(
      "| autosave answers | 40 | 100 | 0.400× | 10 / 20 / 30 | 10 / 20 / 30 | 12.30 / 2.00 | – | 0 / 0 | ≥0.5× NOT met |",
    );
  });
});

describe("benchmark HTTP client helpers", () => {
  it("merges Set-Cookie into a Cookie header and drops cleared cookies", () => {
    const cookie = mergeCookies("a=1; b=2", ["b=3; Path=/; HttpOnly", "c=4; Path=/", "a=; Max-Age=0"]);
    expect(cookie).toBe("b=3; c=4");
  });

  it("gives every index its own private address", () => {
    const addresses = new Set(Array.from({ length: 70_000 }, (_, i) => clientAddress(i)));
    expect(addresses.size).toBe(70_000);
    for (const address of ["10.0.0.1", clientAddress(249), clientAddress(69_999)])
      expect(address).toMatch(/^10\.\d{1,3}\.\d{1,3}\.([1-9]\d?|1\d\d|2[0-4]\d|250)$/);
  });
});

describe("renderChart", () => {
  it("draws one labelled row per path with its ratio and CPU figures", () => {
    const results: PathResult[] = [
      {
        name: "lesson <page>",
        kind: "page",
        product: run({ requestsPerSecond: 10, cpuMsPerRequest: 20.8 }),
        bare: run({ cpuMsPerRequest: 1.7 }),
        sqlPerRequest: 17,
      },
      { name: "heartbeat", kind: "write", product: run({ requestsPerSecond: 50 }), bare: run(), sqlPerRequest: 3 },
    ];
    const svg = renderChart(results, "before");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("lesson &lt;page&gt;");
    expect(svg).toContain(">0.10×<");
    expect(svg).toContain(">0.50×<");
    expect(svg).toContain(">20.8 / 1.7<");
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2);
  });
});
