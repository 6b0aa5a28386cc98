import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { createTranslator } from "~/i18n";
import type { Dashboard } from "~/reports/dashboard.server";
import { completionRateBars } from "~/reports/tables";

import { BarChart, type BarDatum } from "./bar-chart";
import { ChangeChart } from "./change-chart";
import { TrendChart } from "./trend-chart";

const texts = {
  title: "Percentage afgerond per cohort",
  description: "Staafdiagram; de cijfers staan in de tabel.",
  empty: "Geen gegevens.",
};

const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

function bars(n: number): BarDatum[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `g${i}`,
    label: `Groep ${i + 1}`,
    value: (i + 1) / n,
    valueText: `${i + 1}`,
  }));
}

describe("BarChart", () => {
  it("draws one bar per row in an image named by its title and described by its description", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        id: "c",
        texts,
        bars: bars(3),
        max: 1,
        measure: "Percentage afgerond (%)",
        scale: ["0%", "100%"],
      }),
    );
    expect(count(html, /<rect [^>]*class="chart__bar/g)).toBe(3);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c-title c-desc"');
    expect(html).toContain('<span id="c-title" class="visually-hidden">Percentage afgerond per cohort</span>');
    expect(html).toContain("Percentage afgerond (%)");
    expect(html).toContain("<span>100%</span>");
    expect(html).toContain('<span class="bar-list__label">Groep 2</span>');
  });

  it("never scales its text with a viewBox: labels are HTML and bars are placed in percentages", () => {
    const html = renderToStaticMarkup(createElement(BarChart, { id: "c", texts, bars: bars(4), max: 1 }));
    expect(html).not.toContain("viewBox");
    expect(html).not.toContain("<text");
    expect(html).toContain('width="50%"');
  });

  it("draws one bar for a single group", () => {
    const html = renderToStaticMarkup(createElement(BarChart, { id: "c", texts, bars: bars(1), max: 1 }));
    expect(count(html, /class="chart__bar/g)).toBe(1);
  });

  it("shows the empty text and no SVG when there is nothing to draw", () => {
    const html = renderToStaticMarkup(createElement(BarChart, { id: "c", texts, bars: [] }));
    expect(html).not.toContain("<svg");
    expect(html).toContain("Geen gegevens.");
  });

  it("caps many groups and says how many it shows", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        id: "c",
        texts,
        bars: bars(40),
        max: 1,
        limit: 25,
        showing: (shown: number, total: number) => `${shown} van ${total}`,
      }),
    );
    expect(count(html, /class="chart__bar/g)).toBe(25);
    expect(html).toContain("25 van 40");
  });

  it("shows long labels whole, to wrap rather than be cut", () => {
    const label = "Gemeente Amsterdam — Werk, Participatie en Inkomen — regio Noord";
    const html = renderToStaticMarkup(
      createElement(BarChart, { id: "c", texts, bars: [{ key: "a", label, value: 0.5, valueText: "50%" }], max: 1 }),
    );
    expect(html).toContain(`>${label}</span>`);
  });

  it("hatches marked bars so they differ by more than colour", () => {
    const html = renderToStaticMarkup(
      createElement(BarChart, {
        id: "q1",
        texts,
        bars: [
          { key: "a", label: "✓ Ja (juist)", value: 3, valueText: "3", marked: true },
          { key: "b", label: "Nee", value: 1, valueText: "1" },
        ],
      }),
    );
    expect(html).toContain('<pattern id="q1-a-hatch"');
    expect(count(html, /fill="url\(#q1-a-hatch\)"/g)).toBe(1);
    expect(html).not.toContain("style=");
  });

  it("leaves suppressed groups out of the chart", () => {
    const dashboard: Dashboard = {
      totals: { key: "t", label: "Totaal", suppressed: true, figures: null },
      groups: [
        {
          key: "a",
          label: "Groot cohort",
          suppressed: false,
          figures: {
            enrolled: 10,
            started: 8,
            completed: 5,
            passed: 5,
            overdue: 0,
            completionRate: 0.5,
            averageScore: 70,
            medianMinutes: 30,
            learners: 10,
          },
        },
        { key: "b", label: "Klein cohort", suppressed: true, figures: null },
      ],
      trend: null,
    };
    const { bars: chartBars } = completionRateBars({ t: createTranslator("nl"), locale: "nl" }, dashboard, "cohort");
    const html = renderToStaticMarkup(createElement(BarChart, { id: "c", texts, bars: chartBars, max: 1 }));
    expect(html).toContain("Groot cohort");
    expect(html).not.toContain("Klein cohort");
    expect(count(html, /class="chart__bar/g)).toBe(1);
  });
});

describe("TrendChart", () => {
  const series = [
    { key: "started", label: "Gestart", values: [4, 6, 2] },
    { key: "completed", label: "Afgerond", values: [1, 3, 2] },
    { key: "passed", label: "Geslaagd", values: [1, 2, 2] },
  ];

  const axis = { y: "Aantal modules", x: "Maand" };

  it("draws a line per series, a marker per point, a legend and named axes", () => {
    const html = renderToStaticMarkup(
      createElement(TrendChart, { id: "t", texts, axis, xLabels: ["jan 2026", "feb 2026", "mrt 2026"], series }),
    );
    // Two segments per series between three months.
    expect(count(html, /<line [^>]*class="chart__line chart__line--/g)).toBe(6 + 3);
    expect(count(html, /chart__marker--/g)).toBe(9 + 3);
    expect(html).toContain("<title>Afgerond, feb 2026: 3</title>");
    expect(html).toContain('stroke-dasharray="2 4"');
    expect(html).toContain('aria-labelledby="t-title t-desc"');
    expect(html).toContain(">Aantal modules</p>");
    expect(html).toContain(">Maand</p>");
    expect(html).not.toContain("viewBox");
  });

  it("tells completed and passed apart when their values coincide: other marker shape and line", () => {
    const same = [1, 3, 2];
    const html = renderToStaticMarkup(
      createElement(TrendChart, {
        id: "t",
        texts,
        axis,
        xLabels: ["jan 2026", "feb 2026", "mrt 2026"],
        series: [series[0]!, { ...series[1]!, values: same }, { ...series[2]!, values: same }],
      }),
    );
    // Squares for completed, triangles for passed (legend included); passed dotted over completed's solid line.
    expect(count(html, /<rect [^>]*chart__marker--1/g)).toBe(3 + 1);
    expect(count(html, /<path [^>]*chart__marker--2/g)).toBe(3 + 1);
    expect(count(html, /chart__line--2" stroke-dasharray="2 4"/g)).toBe(2 + 1);
    expect(count(html, /chart__line--1" stroke-dasharray/g)).toBe(0);
  });

  it("draws markers but no lines for a single month", () => {
    const html = renderToStaticMarkup(
      createElement(TrendChart, {
        id: "t",
        texts,
        axis,
        xLabels: ["jan 2026"],
        series: series.map((s) => ({ ...s, values: [s.values[0] ?? 0] })),
      }),
    );
    expect(count(html, /<line [^>]*class="chart__line chart__line--/g)).toBe(3);
    expect(html).toContain("<title>Gestart, jan 2026: 4</title>");
  });

  it("shows the empty text without months", () => {
    const html = renderToStaticMarkup(createElement(TrendChart, { id: "t", texts, axis, xLabels: [], series }));
    expect(html).not.toContain("<svg");
    expect(html).toContain("Geen gegevens.");
  });
});

describe("ChangeChart", () => {
  const legend = { before: "voor de module", after: "na de module" };
  const direction = { worse: "minder gewenst", better: "gewenster" };

  it("draws an open and a filled dot per item with an arrow between them", () => {
    const html = renderToStaticMarkup(
      createElement(ChangeChart, {
        id: "h",
        texts,
        legend,
        direction,
        items: [
          { key: "a", label: "Sekswerk is werk.", before: 3, after: 4.5, valueText: "3 → 4,5" },
          { key: "b", label: "Zelf schuld (omgekeerd)", before: 2.5, after: 2.5, valueText: "2,5 → 2,5" },
        ],
      }),
    );
    expect(count(html, /chart__dot--before/g)).toBe(3);
    expect(count(html, /chart__dot--after/g)).toBe(3);
    // No arrow where nothing changed.
    expect(count(html, /class="chart__arrow"/g)).toBe(1);
    expect(html).toContain("<title>Sekswerk is werk.: 3 → 4,5</title>");
    expect(html).toContain("voor de module");
    expect(html).toContain("gewenster →");
    expect(html).not.toContain('viewBox="0 0 640');
  });

  it("shows the empty text when every item is suppressed", () => {
    const html = renderToStaticMarkup(createElement(ChangeChart, { id: "h", texts, legend, direction, items: [] }));
    expect(html).not.toContain("<svg");
  });
});
