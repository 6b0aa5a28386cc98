import { ChartEmpty, ChartShell, niceMax, percent, type ChartTexts } from "./chart-frame";

export interface TrendSeries {
  key: string;
  label: string;
  values: readonly number[];
}

const HEIGHT = 220;
const PAD = 10;
const TICKS = 4;
/** Month labels at most; on a narrow chart only every other one (CSS hides the minor ones). */
const MAX_X_LABELS = 8;
/**
 * Series differ by line pattern, width and marker shape, not only by colour, and stay apart when
 * two of them have the same values (completed and passed often do): a wide pale solid line under
 * a thin dotted one, a large open square around a small filled triangle.
 */
const DASHES = [undefined, undefined, "2 4"] as const;

function Marker({ shape, x, y }: { shape: number; x: string; y: number }) {
  const className = `chart__marker chart__marker--${shape}`;
  if (shape === 0) return <circle cx={x} cy={y} r={4} className={className} />;
  // A nested SVG carries the shape to a percentage position without scaling it.
  return (
    <svg x={x} y={y} width="1" height="1" overflow="visible" className="chart__marker-box">
      {shape === 1 ? (
        <rect x={-6} y={-6} width={12} height={12} className={className} />
      ) : (
        <path d="M 0 -4 L 4 3 L -4 3 Z" className={className} />
      )}
    </svg>
  );
}

function LegendSwatch({ index }: { index: number }) {
  return (
    <svg width="40" height="16" aria-hidden="true" focusable="false" className="chart-legend__swatch">
      <line
        x1="2"
        y1="8"
        x2="38"
        y2="8"
        className={`chart__line chart__line--${index % 3}`}
        strokeDasharray={DASHES[index % 3]}
      />
      <Marker shape={index % 3} x="20" y={8} />
    </svg>
  );
}

/**
 * A line per series over the months, with a legend, a labelled vertical axis (a count) and the
 * months along the bottom. Values appear in the table that follows the chart.
 */
export function TrendChart({
  id,
  texts,
  xLabels,
  series,
  axis,
  formatValue = String,
}: {
  id: string;
  texts: ChartTexts;
  xLabels: readonly string[];
  series: readonly TrendSeries[];
  /** Names of the axes: what is counted (vertical) and over what (horizontal). */
  axis: { y: string; x: string };
  formatValue?: (value: number) => string;
}) {
  if (xLabels.length === 0 || series.length === 0) return <ChartEmpty texts={texts} />;
  // Whole-number steps: the values are counts.
  const step = Math.max(1, niceMax(Math.max(...series.flatMap((s) => s.values), 0) / TICKS));
  const top = step * TICKS;
  const last = xLabels.length - 1;
  const xFraction = (index: number) => (last === 0 ? 0.5 : 0.02 + (index / last) * 0.96);
  const x = (index: number) => percent(xFraction(index));
  const y = (value: number) => PAD + (HEIGHT - 2 * PAD) * (1 - value / top);
  const minorEvery = Math.ceil(xLabels.length / MAX_X_LABELS);
  const majorEvery = minorEvery * 2;
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => step * i);
  return (
    <figure className="chart-figure">
      <ChartShell id={id} texts={texts} className="chart--trend">
        <ul className="chart-legend">
          {series.map((s, index) => (
            <li key={s.key}>
              <LegendSwatch index={index} />
              {s.label}
            </li>
          ))}
        </ul>
        <p className="chart__measure">{axis.y}</p>
        <div className="trend">
          <svg className="trend__y" width="100%" height={HEIGHT} aria-hidden="true" focusable="false">
            {ticks.map((tick) => (
              <text
                key={tick}
                x="100%"
                dx={-6}
                y={y(tick)}
                className="chart__tick"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {formatValue(tick)}
              </text>
            ))}
          </svg>
          <svg className="trend__plot" width="100%" height={HEIGHT} aria-hidden="true" focusable="false">
            {ticks.map((tick) => (
              <line key={tick} x1="0" x2="100%" y1={y(tick)} y2={y(tick)} className="chart__grid" />
            ))}
            <line x1="0" x2="0" y1={PAD / 2} y2={y(0)} className="chart__axis" />
            <line x1="0" x2="100%" y1={y(0)} y2={y(0)} className="chart__axis" />
            {series.map((s, index) => (
              <g key={s.key} data-series={s.key}>
                {s.values.slice(1).map((value, i) => (
                  <line
                    key={i}
                    x1={x(i)}
                    y1={y(s.values[i] ?? 0)}
                    x2={x(i + 1)}
                    y2={y(value)}
                    className={`chart__line chart__line--${index % 3}`}
                    strokeDasharray={DASHES[index % 3]}
                  />
                ))}
                {s.values.map((value, i) => (
                  <g key={xLabels[i] ?? i}>
                    <title>{`${s.label}, ${xLabels[i] ?? ""}: ${formatValue(value)}`}</title>
                    <Marker shape={index % 3} x={x(i)} y={y(value)} />
                  </g>
                ))}
              </g>
            ))}
          </svg>
          <svg className="trend__x" width="100%" height="22" aria-hidden="true" focusable="false">
            {xLabels.map((label, index) => {
              const isLast = index === last;
              // Every minorEvery-th month and the last, without one crowding the last.
              if (!isLast && (index % minorEvery !== 0 || last - index < minorEvery)) return null;
              const major = index % majorEvery === 0 || isLast;
              return (
                <text
                  key={label}
                  x={x(index)}
                  y={16}
                  className={major ? "chart__tick" : "chart__tick chart__tick--minor"}
                  textAnchor={last === 0 ? "middle" : index === 0 ? "start" : isLast ? "end" : "middle"}
                >
                  {label}
                </text>
              );
            })}
          </svg>
        </div>
        <p className="chart__measure chart__measure--x">{axis.x}</p>
      </ChartShell>
    </figure>
  );
}
