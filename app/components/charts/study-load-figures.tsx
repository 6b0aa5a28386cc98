import { useTranslation } from "~/i18n/use-translation";
import type { StudyLoadBars } from "~/reports/study-load-view";
import type { ReportTable } from "~/reports/tables";

import { BarChart } from "./bar-chart";
import { CsvLinks, ReportTableView } from "./report-table";

/** Median study time per module and measure as bars, then the full table (quartiles, stated minutes). */
export function StudyLoadFigures({
  view,
  csv = true,
}: {
  view: { query: string; table: ReportTable; chart: StudyLoadBars };
  csv?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <BarChart
        id="chart-study-load"
        texts={{
          title: t("reports.studyLoad.chartTitle"),
          description: t("reports.studyLoad.chartDesc"),
          empty: t("reports.chart.empty"),
        }}
        bars={view.chart.bars}
        measure={t("trainer.chart.studyLoadMeasure")}
      />
      {view.chart.suppressed > 0 ? (
        <p className="chart-note">
          {view.chart.suppressed === 1
            ? t("reports.chart.suppressedNoteOne")
            : t("reports.chart.suppressedNote", { count: view.chart.suppressed })}
        </p>
      ) : null}
      <ReportTableView table={view.table} />
      {csv ? (
        <CsvLinks table="studielast" caption={view.table.caption} query={new URLSearchParams(view.query)} />
      ) : null}
    </>
  );
}
