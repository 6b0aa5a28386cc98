import { ChartEmpty, ChartShell, percent, type ChartTexts } from "./chart-frame";

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** The value as the table shows it ("62,5%"). */
  valueText: string;
  /** Drawn hatched (e.g. a correct option); the label must say so in words too. */
  marked?: boolean;
}

const BAR_HEIGHT = 18;

/**
 * Horizontal bars, one per row: the label (HTML, wraps on a phone), the bar and the value as
 * text, so no number depends on reading a bar's length or colour. The measure names what the
 * bars count and the scale runs from 0 to `max`. Long lists are capped at `limit`.
 */
export function BarChart({
  id,
  texts,
  bars,
  max,
  measure,
  scale,
  limit = 25,
  showing,
}: {
  id: string;
  texts: ChartTexts;
  bars: readonly BarDatum[];
  /** The value of a full-length bar (1 for shares); defaults to the largest value. */
  max?: number;
  /** What the bars measure, with its unit ("Percentage afgerond (%)"). */
  measure?: string;
  /** The texts at both ends of the scale ("0%", "100%"). */
  scale?: readonly [string, string];
  limit?: number;
  /** "Showing N of M" text, when the bars are capped. */
  showing?: (shown: number, total: number) => string;
}) {
  if (bars.length === 0) return <ChartEmpty texts={texts} />;
  const shown = bars.slice(0, limit);
  const scaleMax = max ?? Math.max(...bars.map((bar) => bar.value), 0);
  return (
    <figure className="chart-figure">
      <ChartShell id={id} texts={texts} className="chart--bars">
        {measure ? <p className="chart__measure">{measure}</p> : null}
        <ul className="bar-list">
          {shown.map((bar) => {
            const length = scaleMax > 0 ? bar.value / scaleMax : 0;
            const patternId = `${id}-${bar.key}-hatch`;
            return (
              <li key={bar.key} className="bar-list__row" data-bar={bar.key}>
                <span className="bar-list__label">{bar.label}</span>
                <svg className="bar-list__track" width="100%" height={BAR_HEIGHT} aria-hidden="true" focusable="false">
                  {bar.marked ? (
                    <defs>
                      <pattern
                        id={patternId}
                        patternUnits="userSpaceOnUse"
                        width="8"
                        height="8"
                        patternTransform="rotate(45)"
                      >
                        <rect width="8" height="8" className="chart__hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="8" className="chart__hatch-line" />
                      </pattern>
                    </defs>
                  ) : null}
                  <rect
                    x="0"
                    y="0"
                    width={percent(length)}
                    height={BAR_HEIGHT}
                    className={bar.marked ? "chart__bar chart__bar--marked" : "chart__bar"}
                    fill={bar.marked ? `url(#${patternId})` : undefined}
                  />
                  <line x1="0" x2="0" y1="0" y2={BAR_HEIGHT} className="chart__axis" />
                </svg>
                <span className="bar-list__value">{bar.valueText}</span>
              </li>
            );
          })}
          {scale ? (
            <li className="bar-list__scale" aria-hidden="true">
              <span className="bar-list__scale-ends">
                <span>{scale[0]}</span>
                <span>{scale[1]}</span>
              </span>
            </li>
          ) : null}
        </ul>
      </ChartShell>
      {bars.length > shown.length && showing ? (
        <figcaption className="chart-note">{showing(shown.length, bars.length)}</figcaption>
      ) : null}
    </figure>
  );
}
