import type { ReactNode } from "react";

export interface ChartTexts {
  /** Names the chart. */
  title: string;
  /** Says what the chart shows and where the same numbers are. */
  description: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string;
}

/**
 * The accessible shell every chart shares: an image named by its title and described by its
 * description; the numbers themselves are in the table that follows every chart.
 *
 * No chart scales its drawing with a viewBox: text would shrink with the width (to 7 px on a
 * phone). Text is HTML or SVG text at CSS pixel sizes; SVGs have no viewBox and place things
 * horizontally in percentages, so only the distances stretch. No inline styles: the
 * Content-Security-Policy allows only the style sheet.
 */
export function ChartShell({
  id,
  texts,
  className,
  children,
}: {
  id: string;
  texts: ChartTexts;
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={`chart ${className}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
      <span id={`${id}-title`} className="visually-hidden">
        {texts.title}
      </span>
      <span id={`${id}-desc`} className="visually-hidden">
        {texts.description}
      </span>
      {children}
    </div>
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

/** A percentage for an SVG coordinate, rounded so the markup stays short. */
export function percent(fraction: number): string {
  return `${Math.round(Math.max(0, Math.min(1, fraction)) * 10000) / 100}%`;
}
