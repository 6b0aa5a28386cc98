import { ChartEmpty, ChartShell, percent, type ChartTexts } from "./chart-frame";

export interface ChangeDatum {
  key: string;
  label: string;
  /** On the chart's scale, where further right is always better. */
  before: number;
  after: number;
  /** Text for the row's <title>, e.g. "3,1 → 4,2". */
  valueText: string;
}

const ROW_HEIGHT = 28;
const R = 6;
/** The scale's ends sit this far in, so the dots at 1 and 5 are not cut off. */
const INSET = 0.03;

function Dot({ kind, cx }: { kind: "before" | "after"; cx: string }) {
  return <circle cx={cx} cy={ROW_HEIGHT / 2} r={R} className={`chart__dot chart__dot--${kind}`} />;
}

/**
 * Before → after per item on a fixed scale (1–5 for the attitude survey) where right is always
 * the desired direction: an open circle before, a filled circle after, joined by an arrow. Open
 * versus filled carries the meaning, not colour; the ends of the scale say which way is better.
 */
export function ChangeChart({
  id,
  texts,
  items,
  scale = [1, 5],
  legend,
  direction,
  formatTick = String,
}: {
  id: string;
  texts: ChartTexts;
  items: readonly ChangeDatum[];
  scale?: readonly [number, number];
  legend: { before: string; after: string };
  /** The words at the left (worse) and right (better) end of the scale. */
  direction: { worse: string; better: string };
  formatTick?: (value: number) => string;
}) {
  if (items.length === 0) return <ChartEmpty texts={texts} />;
  const [low, high] = scale;
  const fraction = (value: number) =>
    INSET + ((Math.min(high, Math.max(low, value)) - low) / (high - low)) * (1 - 2 * INSET);
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => low + i);
  const arrowId = `${id}-arrow`;
  return (
    <figure className="chart-figure">
      <ChartShell id={id} texts={texts} className="chart--change">
        <ul className="chart-legend">
          <li>
            <svg width="16" height="16" aria-hidden="true" focusable="false">
              <circle cx="8" cy="8" r={R} className="chart__dot chart__dot--before" />
            </svg>
            {legend.before}
          </li>
          <li>
            <svg width="16" height="16" aria-hidden="true" focusable="false">
              <circle cx="8" cy="8" r={R} className="chart__dot chart__dot--after" />
            </svg>
            {legend.after}
          </li>
        </ul>
        <div className="change-grid">
          <p className="change-grid__direction">
            <span>← {direction.worse}</span>
            <span>{direction.better} →</span>
          </p>
          <svg className="change-grid__ticks" width="100%" height="20" aria-hidden="true" focusable="false">
            {ticks.map((tick) => (
              <text key={tick} x={percent(fraction(tick))} y={14} className="chart__tick" textAnchor="middle">
                {formatTick(tick)}
              </text>
            ))}
          </svg>
          {items.map((item) => {
            const from = fraction(item.before);
            const to = fraction(item.after);
            return (
              <div key={item.key} className="change-grid__row" data-item={item.key}>
                <span className="change-grid__label">{item.label}</span>
                <svg
                  className="change-grid__track"
                  width="100%"
                  height={ROW_HEIGHT}
                  aria-hidden="true"
                  focusable="false"
                >
                  <title>{`${item.label}: ${item.valueText}`}</title>
                  <defs>
                    <marker
                      id={`${arrowId}-${item.key}`}
                      viewBox="0 0 10 10"
                      // The head stops short of the centre, so the filled after-dot does not cover it.
                      refX="14"
                      refY="5"
                      markerWidth="7"
                      markerHeight="7"
                      orient="auto-start-reverse"
                    >
                      <path d="M 0 0 L 10 5 L 0 10 z" className="chart__arrow-head" />
                    </marker>
                  </defs>
                  {ticks.map((tick) => (
                    <line
                      key={tick}
                      x1={percent(fraction(tick))}
                      x2={percent(fraction(tick))}
                      y1="0"
                      y2={ROW_HEIGHT}
                      className="chart__grid"
                    />
                  ))}
                  {Math.abs(to - from) > 0.04 ? (
                    <line
                      x1={percent(from)}
                      y1={ROW_HEIGHT / 2}
                      x2={percent(to)}
                      y2={ROW_HEIGHT / 2}
                      className="chart__arrow"
                      markerEnd={`url(#${arrowId}-${item.key})`}
                    />
                  ) : null}
                  <Dot kind="before" cx={percent(from)} />
                  <Dot kind="after" cx={percent(to)} />
                </svg>
              </div>
            );
          })}
        </div>
      </ChartShell>
    </figure>
  );
}
