import { ChartEmpty, ChartSvg, niceMax, type ChartTexts } from "./chart-frame";

export interface TrendSeries {
  key: string;
  label: string;
  values: readonly number[];
}

const WIDTH = 640;
const HEIGHT = 300;
const LEFT = 48;
const RIGHT = 16;
const TOP = 44;
const BOTTOM = 40;
const TICKS = 4;
/** Series differ by line pattern and marker shape, not only by colour. */
const DASHES = [undefined, "8 4", "2 4"] as const;
const MAX_X_LABELS = 8;

function Marker({ shape, x, y }: { shape: number; x: number; y: number }) {
  if (shape === 1) return <rect x={x - 4} y={y - 4} width={8} height={8} className="chart__marker chart__marker--1" />;
  if (shape === 2)
    return (
      <path
        d={`M ${x} ${y - 5} L ${x + 5} ${y + 4} L ${x - 5} ${y + 4} Z`}
        className="chart__marker chart__marker--2"
      />
    );
  return <circle cx={x} cy={y} r={4} className="chart__marker chart__marker--0" />;
}

/**
 * A line per series over the months (x labels), with a legend on top. Values appear in the
 * table that follows the chart; each point's value is also in its <title>.
 */
export function TrendChart({
  id,
  texts,
  xLabels,
  series,
  formatValue = String,
}: {
  id: string;
  texts: ChartTexts;
  xLabels: readonly string[];
  series: readonly TrendSeries[];
  formatValue?: (value: number) => string;
}) {
  if (xLabels.length === 0 || series.length === 0) return <ChartEmpty texts={texts} />;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  // Whole-number steps: the values are counts.
  const step = Math.max(1, niceMax(Math.max(...series.flatMap((s) => s.values), 0) / TICKS));
  const top = step * TICKS;
  const x = (index: number) =>
    LEFT + (xLabels.length === 1 ? plotWidth / 2 : (index / (xLabels.length - 1)) * plotWidth);
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.ceil(xLabels.length / MAX_X_LABELS);
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => step * i);
  return (
    <ChartSvg id={id} texts={texts} width={WIDTH} height={HEIGHT}>
      <g className="chart__legend">
        {series.map((s, index) => {
          const lx = LEFT + index * 180;
          return (
            <g key={s.key}>
              <line
                x1={lx}
                y1={16}
                x2={lx + 28}
                y2={16}
                className={`chart__line chart__line--${index % 3}`}
                strokeDasharray={DASHES[index % 3]}
              />
              <Marker shape={index % 3} x={lx + 14} y={16} />
              <text x={lx + 36} y={16} className="chart__label" dominantBaseline="middle">
                {s.label}
              </text>
            </g>
          );
        })}
      </g>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(tick)} y2={y(tick)} className="chart__grid" />
          <text x={LEFT - 6} y={y(tick)} className="chart__tick" textAnchor="end" dominantBaseline="middle">
            {formatValue(tick)}
          </text>
        </g>
      ))}
      {xLabels.map((label, index) =>
        index % labelEvery === 0 || index === xLabels.length - 1 ? (
          <text key={label} x={x(index)} y={HEIGHT - BOTTOM + 18} className="chart__tick" textAnchor="middle">
            {label}
          </text>
        ) : null,
      )}
      {series.map((s, index) => (
        <g key={s.key} data-series={s.key}>
          {s.values.length > 1 ? (
            <polyline
              points={s.values.map((value, i) => `${x(i)},${y(value)}`).join(" ")}
              className={`chart__line chart__line--${index % 3}`}
              strokeDasharray={DASHES[index % 3]}
            />
          ) : null}
          {s.values.map((value, i) => (
            <g key={xLabels[i] ?? i}>
              <title>{`${s.label}, ${xLabels[i] ?? ""}: ${formatValue(value)}`}</title>
              <Marker shape={index % 3} x={x(i)} y={y(value)} />
            </g>
          ))}
        </g>
      ))}
    </ChartSvg>
  );
}
