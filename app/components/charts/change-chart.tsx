import { ChartEmpty, ChartSvg, truncateLabel, type ChartTexts } from "./chart-frame";

export interface ChangeDatum {
  key: string;
  label: string;
  before: number;
  after: number;
  /** Text for the row's <title>, e.g. "3,1 → 4,2". */
  valueText: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 250;
const RIGHT = 24;
const TOP = 56;
const ROW_HEIGHT = 34;

/**
 * Before → after per item on a fixed scale (1–5 for the attitude survey): an open circle before,
 * a filled circle after, joined by an arrow. Open versus filled carries the meaning, not colour.
 */
export function ChangeChart({
  id,
  texts,
  items,
  scale = [1, 5],
  legend,
  formatTick = String,
}: {
  id: string;
  texts: ChartTexts;
  items: readonly ChangeDatum[];
  scale?: readonly [number, number];
  legend: { before: string; after: string };
  formatTick?: (value: number) => string;
}) {
  if (items.length === 0) return <ChartEmpty texts={texts} />;
  const [low, high] = scale;
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
  const x = (value: number) => LABEL_WIDTH + ((Math.min(high, Math.max(low, value)) - low) / (high - low)) * plotWidth;
  const height = TOP + items.length * ROW_HEIGHT + 8;
  const arrowId = `${id}-arrow`;
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => low + i);
  return (
    <ChartSvg id={id} texts={texts} width={WIDTH} height={height}>
      <defs>
        <marker
          id={arrowId}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" className="chart__arrow-head" />
        </marker>
      </defs>
      <g className="chart__legend">
        <circle cx={LABEL_WIDTH} cy={14} r={6} className="chart__dot chart__dot--before" />
        <text x={LABEL_WIDTH + 12} y={14} className="chart__label" dominantBaseline="middle">
          {legend.before}
        </text>
        <circle cx={LABEL_WIDTH + 180} cy={14} r={6} className="chart__dot chart__dot--after" />
        <text x={LABEL_WIDTH + 192} y={14} className="chart__label" dominantBaseline="middle">
          {legend.after}
        </text>
      </g>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={TOP - 8} y2={height - 4} className="chart__grid" />
          <text x={x(tick)} y={TOP - 14} className="chart__tick" textAnchor="middle">
            {formatTick(tick)}
          </text>
        </g>
      ))}
      {items.map((item, index) => {
        const cy = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2;
        const from = x(item.before);
        const to = x(item.after);
        // The arrow stops short of the after-dot so its head stays visible.
        const direction = Math.sign(to - from);
        const showArrow = Math.abs(to - from) > 12;
        return (
          <g key={item.key} className="chart__row" data-item={item.key}>
            <title>{`${item.label}: ${item.valueText}`}</title>
            <text x={LABEL_WIDTH - 10} y={cy} className="chart__label" textAnchor="end" dominantBaseline="middle">
              {truncateLabel(item.label, 34)}
            </text>
            {showArrow ? (
              <line
                x1={from + direction * 6}
                y1={cy}
                x2={to - direction * 7}
                y2={cy}
                className="chart__arrow"
                markerEnd={`url(#${arrowId})`}
              />
            ) : null}
            <circle cx={from} cy={cy} r={6} className="chart__dot chart__dot--before" />
            <circle cx={to} cy={cy} r={6} className="chart__dot chart__dot--after" />
          </g>
        );
      })}
    </ChartSvg>
  );
}
