// The chart of docs/performance.md, drawn from the JSON that `npm run bench:http -- --json <file>`
// writes: per path, product req/s as a share of the bare app's (with the target line) and CPU ms
// per request of both. Plain SVG, no library: bars and text only.
//   npx tsx tests/perf/http/chart.ts docs/performance/before.json docs/performance/before.svg
import fs from "node:fs";
import { pathToFileURL } from "node:url";

import { ratio, TARGETS, type PathResult } from "./stats";

const ROW = 26;
const LABEL = 230;
const PANEL = 300;
const GAP = 60;
const TOP = 56;

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function renderChart(results: readonly PathResult[], title: string): string {
  const height = TOP + results.length * ROW + 40;
  const width = LABEL + PANEL + GAP + PANEL + 20;
  const cpuMax = Math.max(
    1,
    ...results.flatMap((r) => [r.product.cpuMsPerRequest, r.bare.cpuMsPerRequest]).filter(Number.isFinite),
  );
  const ratioX = (value: number) => LABEL + Math.min(1, Math.max(0, value)) * PANEL;
  const cpuLeft = LABEL + PANEL + GAP;
  const cpuX = (value: number) => cpuLeft + (value / cpuMax) * PANEL;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">${escape(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<text x="${LABEL}" y="42">req/s product ÷ bare (0–1×; dashed: target)</text>`,
    `<text x="${cpuLeft}" y="42">CPU ms per request: product (dark), bare (light)</text>`,
  ];
  results.forEach((result, i) => {
    const y = TOP + i * ROW;
    const share = ratio(result.product.requestsPerSecond, result.bare.requestsPerSecond);
    const target = result.kind === "page" ? TARGETS.page.ratio : TARGETS.write.ratio;
    parts.push(
      `<text x="${LABEL - 8}" y="${y + 14}" text-anchor="end">${escape(result.name)}</text>`,
      `<rect x="${LABEL}" y="${y + 3}" width="${PANEL}" height="16" fill="#eee"/>`,
      `<rect x="${LABEL}" y="${y + 3}" width="${(Number.isFinite(share) ? ratioX(share) : LABEL) - LABEL}" height="16" fill="#1f5f8b"/>`,
      `<line x1="${ratioX(target)}" x2="${ratioX(target)}" y1="${y}" y2="${y + 22}" stroke="#b00" stroke-dasharray="3,2"/>`,
      `<text x="${ratioX(Math.min(share, 0.85)) + 4}" y="${y + 15}">${Number.isFinite(share) ? share.toFixed(2) : "–"}×</text>`,
      `<rect x="${cpuLeft}" y="${y + 3}" width="${Math.max(0, cpuX(result.product.cpuMsPerRequest) - cpuLeft) || 0}" height="8" fill="#8b3a1f"/>`,
      `<rect x="${cpuLeft}" y="${y + 11}" width="${Math.max(0, cpuX(result.bare.cpuMsPerRequest) - cpuLeft) || 0}" height="8" fill="#e0a080"/>`,
      `<text x="${cpuX(result.product.cpuMsPerRequest) + 4}" y="${y + 15}">${result.product.cpuMsPerRequest.toFixed(1)} / ${result.bare.cpuMsPerRequest.toFixed(1)}</text>`,
    );
  });
  parts.push(
    `<text x="${cpuLeft}" y="${height - 12}">scale: 0–${cpuMax.toFixed(0)} ms; page target ≤ ${TARGETS.page.cpuMs} ms</text>`,
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}

function main() {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) throw new Error("usage: tsx tests/perf/http/chart.ts <bench.json> <chart.svg>");
  const data = JSON.parse(fs.readFileSync(input, "utf8")) as { date: string; cores: number; results: PathResult[] };
  const title = `npm run bench:http, ${data.date.slice(0, 10)}, ${data.cores} cores (median of interleaved runs)`;
  fs.writeFileSync(output, renderChart(data.results, title));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
