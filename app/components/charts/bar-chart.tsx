import { ChartEmpty, ChartSvg, truncateLabel, type ChartTexts } from "./chart-frame";

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  /** The value as the table shows it ("62,5%"). */
  valueText: string;
  /** Drawn hatched (e.g. a correct option); the label must say so in words too. */
  marked?: boolean;
}

const WIDTH = 640;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 110;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 18;
const PADDING = 8;

/**
 * Horizontal bars, one per row, with the label on the left and the value as text on the right,
 * so no number depends on reading a bar's length or colour. Long lists are capped at `limit`.
 */
export function BarChart({
  id,
  texts,
  bars,
  max,
  limit = 25,
  showing,
}: {
  id: string;
  texts: ChartTexts;
  bars: readonly BarDatum[];
  /** The value of a full-length bar (1 for shares); defaults to the largest value. */
  max?: number;
  limit?: number;
  /** "Showing N of M" text, when the bars are capped. */
  showing?: (shown: number, total: number) => string;
}) {
  if (bars.length === 0) return <ChartEmpty texts={texts} />;
  const shown = bars.slice(0, limit);
  const scaleMax = max ?? Math.max(...bars.map((bar) => bar.value), 0);
  const barArea = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = shown.length * ROW_HEIGHT + PADDING * 2;
  const patternId = `${id}-hatch`;
  return (
    <figure className="chart-figure">
      <ChartSvg id={id} texts={texts} width={WIDTH} height={height}>
        <defs>
          <pattern id={patternId} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
            <rect width="8" height="8" className="chart__hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="8" className="chart__hatch-line" />
          </pattern>
        </defs>
        <line x1={LABEL_WIDTH} y1={PADDING / 2} x2={LABEL_WIDTH} y2={height - PADDING / 2} className="chart__axis" />
        {shown.map((bar, index) => {
          const y = PADDING + index * ROW_HEIGHT;
          const length = scaleMax > 0 ? Math.max(0, Math.min(1, bar.value / scaleMax)) * barArea : 0;
          const label = truncateLabel(bar.label);
          return (
            <g key={bar.key} className="chart__row" data-bar={bar.key}>
              <title>{`${bar.label}: ${bar.valueText}`}</title>
              <text
                x={LABEL_WIDTH - 8}
                y={y + ROW_HEIGHT / 2}
                className="chart__label"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + (ROW_HEIGHT - BAR_HEIGHT) / 2}
                width={length}
                height={BAR_HEIGHT}
                className={bar.marked ? "chart__bar chart__bar--marked" : "chart__bar"}
                fill={bar.marked ? `url(#${patternId})` : undefined}
              />
              <text
                x={LABEL_WIDTH + length + 6}
                y={y + ROW_HEIGHT / 2}
                className="chart__value"
                dominantBaseline="middle"
              >
                {bar.valueText}
              </text>
            </g>
          );
        })}
      </ChartSvg>
      {bars.length > shown.length && showing ? (
        <figcaption className="chart-note">{showing(shown.length, bars.length)}</figcaption>
      ) : null}
    </figure>
  );
}
