import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { createTranslator } from "~/i18n";
import type { Dashboard } from "~/reports/dashboard.server";
import { completionRateBars } from "~/reports/tables";

import { BarChart, type BarDatum } from "./bar-chart";
import { ChangeChart } from "./change-chart";
import { truncateLabel } from "./chart-frame";
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
  it("draws one bar per row in an SVG named by its title and described by its desc", () => {
    const html = renderToStaticMarkup(createElement(BarChart, { id: "c", texts, bars: bars(3), max: 1 }));
    expect(count(html, /<rect [^>]*class="chart__bar/g)).toBe(3);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c-title c-desc"');
    expect(html).toContain('<title id="c-title">Percentage afgerond per cohort</title>');
    expect(html).toContain('<desc id="c-desc">Staafdiagram; de cijfers staan in de tabel.</desc>');
    expect(html).toContain(">Groep 2</text>");
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

  it("truncates long labels and keeps the full text in the row's title", () => {
    const label = "Gemeente Amsterdam — Werk, Participatie en Inkomen — regio Noord";
    const html = renderToStaticMarkup(
      createElement(BarChart, { id: "c", texts, bars: [{ key: "a", label, value: 0.5, valueText: "50%" }], max: 1 }),
    );
    expect(html).toContain(`<title>${label}: 50%</title>`);
    expect(html).toContain(">Gemeente Amsterdam — Werk,…</text>");
    expect(truncateLabel("Kort label")).toBe("Kort label");
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
    expect(html).toContain('<pattern id="q1-hatch"');
    expect(count(html, /fill="url\(#q1-hatch\)"/g)).toBe(1);
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

  it("draws a line per series, a marker per point and a legend", () => {
    const html = renderToStaticMarkup(
      createElement(TrendChart, { id: "t", texts, xLabels: ["jan 2026", "feb 2026", "mrt 2026"], series }),
    );
    expect(count(html, /<polyline/g)).toBe(3);
    expect(count(html, /chart__marker--/g)).toBe(9 + 3);
    expect(html).toContain("<title>Afgerond, feb 2026: 3</title>");
    expect(html).toContain('stroke-dasharray="8 4"');
    expect(html).toContain('aria-labelledby="t-title t-desc"');
  });

  it("draws markers but no lines for a single month", () => {
    const html = renderToStaticMarkup(
      createElement(TrendChart, {
        id: "t",
        texts,
        xLabels: ["jan 2026"],
        series: series.map((s) => ({ ...s, values: [s.values[0] ?? 0] })),
      }),
    );
    expect(count(html, /<polyline/g)).toBe(0);
    expect(html).toContain("<title>Gestart, jan 2026: 4</title>");
  });

  it("shows the empty text without months", () => {
    const html = renderToStaticMarkup(createElement(TrendChart, { id: "t", texts, xLabels: [], series }));
    expect(html).not.toContain("<svg");
    expect(html).toContain("Geen gegevens.");
  });
});

describe("ChangeChart", () => {
  const legend = { before: "voor de module", after: "na de module" };

  it("draws an open and a filled dot per item with an arrow between them", () => {
    const html = renderToStaticMarkup(
      createElement(ChangeChart, {
        id: "h",
        texts,
        legend,
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
  });

  it("shows the empty text when every item is suppressed", () => {
    const html = renderToStaticMarkup(createElement(ChangeChart, { id: "h", texts, legend, items: [] }));
    expect(html).not.toContain("<svg");
  });
});
