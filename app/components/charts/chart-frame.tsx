import type { ReactNode } from "react";

/** Labels longer than this are cut with an ellipsis; the full text stays in the element's <title>. */
export const MAX_LABEL_CHARS = 28;

export function truncateLabel(label: string, max = MAX_LABEL_CHARS): string {
  const chars = Array.from(label);
  return chars.length <= max
    ? label
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

export interface ChartTexts {
  /** Names the chart (the SVG's <title>). */
  title: string;
  /** Says what the chart shows and where the same numbers are (the SVG's <desc>). */
  description: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string;
}

/**
 * The accessible shell every chart shares: an SVG image named by its <title> and described by
 * its <desc>, at most its natural width and narrower on small screens (CSS). No inline styles:
 * the Content-Security-Policy allows only the style sheet.
 */
export function ChartSvg({
  id,
  texts,
  width,
  height,
  children,
}: {
  id: string;
  texts: ChartTexts;
  width: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{texts.title}</title>
      <desc id={`${id}-desc`}>{texts.description}</desc>
      {children}
    </svg>
  );
}

export function ChartEmpty({ texts }: { texts: ChartTexts }) {
  return <p className="chart-empty">{texts.empty}</p>;
}

/** Rounds a maximum up to a tidy axis end (1, 2, 5 × 10ⁿ). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}
