import type { ChartBar, TableContext } from "./tables";
import type { StudyLoadRow } from "./study-load.server";

/** Median bars per module and measure, each saying its quartiles and the stated minutes in words. */
export interface StudyLoadBars {
  bars: ChartBar[];
  suppressed: number;
}

export function studyLoadBars(ctx: TableContext, rows: StudyLoadRow[]): StudyLoadBars {
  const bars: ChartBar[] = [];
  let suppressed = 0;
  const format = new Intl.NumberFormat(ctx.locale === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 1 });
  const minutes = (value: number) => format.format(value);
  for (const row of rows) {
    for (const measure of ["measured", "reported"] as const) {
      const spread = row[measure].spread;
      if (!spread) {
        suppressed += 1;
        continue;
      }
      bars.push({
        key: `${row.moduleId}#${measure}`,
        label: `${row.title}: ${ctx.t(`reports.studyLoad.${measure}`)}`,
        value: spread.median,
        valueText: `${minutes(spread.median)} (${minutes(spread.q1)}–${minutes(spread.q3)}) / ${minutes(row.statedMinutes)} min`,
        marked: measure === "reported",
      });
    }
  }
  return { bars, suppressed };
}
