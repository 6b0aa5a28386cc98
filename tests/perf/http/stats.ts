// The pure parts of `npm run bench:http`: reading CPU time from /proc, medians and ratios, the
// targets of the hot-path issue and the printed table. Covered by tests/unit/perf-http-stats.test.ts.

/** Clock ticks per second of utime/stime in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
export const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime (clock ticks) from the text of /proc/<pid>/stat. */
export function cpuTicksFromProcStat(stat: string): number {
  // The command name is in parentheses and may contain spaces and ")"; fields follow the last ")".
  const close = stat.lastIndexOf(")");
  if (close < 0) throw new Error("not a /proc/<pid>/stat line");
  const fields = stat
    .slice(close + 2)
    .trim()
    .split(" ");
  // After the name: state is field 3, utime field 14 and stime field 15 (1-based in proc(5)).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isInteger(utime) || !Number.isInteger(stime)) throw new Error("no utime/stime in /proc/<pid>/stat");
  return utime + stime;
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function ratio(product: number, bare: number): number {
  return bare > 0 ? product / bare : Number.NaN;
}

/** One autocannon run against one server. */
export interface RunFigures {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Server CPU (user + system) per answered request, in ms. */
  cpuMsPerRequest: number;
  /** Answers other than the expected status, plus connection errors and timeouts. */
  errors: number;
}

/** The field-wise median of several runs (each figure on its own, as the issue measured). */
export function medianRun(runs: readonly RunFigures[]): RunFigures {
  const of = (key: keyof RunFigures) => median(runs.map((run) => run[key]));
  return {
    requests: of("requests"),
    requestsPerSecond: of("requestsPerSecond"),
    p50: of("p50"),
    p95: of("p95"),
    p99: of("p99"),
    cpuMsPerRequest: of("cpuMsPerRequest"),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

export function cpuMsPerRequest(ticksBefore: number, ticksAfter: number, requests: number): number {
  if (requests <= 0) return Number.NaN;
  return (((ticksAfter - ticksBefore) / CLOCK_TICKS_PER_SECOND) * 1000) / requests;
}

export type PathKind = "page" | "write";

export interface PathResult {
  name: string;
  kind: PathKind;
  product: RunFigures;
  bare: RunFigures;
  /** SQL statements per request on the product, or null when not counted. */
  sqlPerRequest: number | null;
}

/** Issue 14's targets: pages ≥ 0.7× bare, ≤ 3 ms CPU, ≤ 3 SQL; writes ≥ 0.5× a bare POST. */
export const TARGETS = {
  page: { ratio: 0.7, cpuMs: 3, sql: 3 },
  write: { ratio: 0.5 },
} as const;

export interface Verdict {
  ratio: boolean;
  cpu: boolean | null;
  sql: boolean | null;
}

export function verdict(result: PathResult): Verdict {
  const measured = ratio(result.product.requestsPerSecond, result.bare.requestsPerSecond);
  if (result.kind === "write") return { ratio: measured >= TARGETS.write.ratio, cpu: null, sql: null };
  return {
    ratio: measured >= TARGETS.page.ratio,
    cpu: result.product.cpuMsPerRequest <= TARGETS.page.cpuMs,
    sql: result.sqlPerRequest === null ? null : result.sqlPerRequest <= TARGETS.page.sql,
  };
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

function mark(met: boolean | null, target: string): string {
  if (met === null) return "";
  return `${target} ${met ? "met" : "NOT met"}`;
}

/** The benchmark's one table, as Markdown (it goes into docs/performance.md as printed). */
export function formatTable(results: readonly PathResult[]): string {
  const header = [
    "| path | req/s product | req/s bare | ratio | p50/p95/p99 ms product | p50/p95/p99 ms bare | CPU ms/req product / bare | SQL/req | errors | targets |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const lines = results.map((result) => {
    const { product, bare } = result;
    const v = verdict(result);
    const targets =
      result.kind === "page"
        ? [
            mark(v.ratio, `≥${TARGETS.page.ratio}×`),
            mark(v.cpu, `≤${TARGETS.page.cpuMs} ms`),
            mark(v.sql, `≤${TARGETS.page.sql} SQL`),
          ]
        : [mark(v.ratio, `≥${TARGETS.write.ratio}×`)];
    return [
      result.name,
      fixed(product.requestsPerSecond, 0),
      fixed(bare.requestsPerSecond, 0),
      `${fixed(ratio(product.requestsPerSecond, bare.requestsPerSecond), 3)}×`,
      `${fixed(product.p50, 0)} / ${fixed(product.p95, 0)} / ${fixed(product.p99, 0)}`,
      `${fixed(bare.p50, 0)} / ${fixed(bare.p95, 0)} / ${fixed(bare.p99, 0)}`,
      `${fixed(product.cpuMsPerRequest, 2)} / ${fixed(bare.cpuMsPerRequest, 2)}`,
      result.sqlPerRequest === null ? "–" : fixed(result.sqlPerRequest, 1),
      `${product.errors} / ${bare.errors}`,
      targets.filter(Boolean).join(", "),
    ].join(" | ");
  });
  return [...header, ...lines.map((line) => `| ${line} |`)].join("\n");
}
