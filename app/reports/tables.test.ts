import { describe, expect, it } from "vitest";

import { createTranslator } from "~/i18n";

import type { AttitudeRow } from "./attitude-change.server";
import type { Dashboard, FunnelFigures } from "./dashboard.server";
import type { ItemRow } from "./item-analysis.server";
import {
  attitudeTable,
  completionRateBars,
  formatDuration,
  groupsTable,
  itemsTable,
  optionBars,
  optionsTable,
  totalsTable,
  trendTable,
  type ReportTable,
} from "./tables";

const nl = { t: createTranslator("nl"), locale: "nl" as const };
const en = { t: createTranslator("en"), locale: "en" as const };

function figures(overrides: Partial<FunnelFigures>): FunnelFigures {
  return {
    enrolled: 0,
    started: 0,
    completed: 0,
    passed: 0,
    overdue: 0,
    completionRate: null,
    averageScore: null,
    medianMinutes: null,
    learners: 0,
    ...overrides,
  };
}

const dashboard: Dashboard = {
  totals: {
    key: "totaal",
    label: "Totaal",
    suppressed: false,
    figures: figures({
      enrolled: 1240,
      started: 10,
      completed: 5,
      passed: 4,
      overdue: 2,
      completionRate: 0.625,
      averageScore: 78.25,
      medianMinutes: 90,
      learners: 16,
    }),
  },
  groups: [
    {
      key: "cohort-a",
      label: "Bank X — regio Utrecht",
      suppressed: false,
      figures: figures({
        enrolled: 8,
        started: 8,
        completed: 5,
        passed: 4,
        overdue: 0,
        completionRate: 0.625,
        averageScore: 80,
        medianMinutes: 45,
        learners: 8,
      }),
    },
    { key: "cohort-b", label: "Klein cohort", suppressed: true, figures: null },
    {
      key: "cohort-c",
      label: "Politie Zeeland",
      suppressed: false,
      figures: figures({
        enrolled: 6,
        started: 2,
        completed: 0,
        passed: 0,
        overdue: 6,
        completionRate: 0,
        averageScore: null,
        medianMinutes: null,
        learners: 6,
      }),
    },
  ],
  trend: [
    { month: 202603, started: 6, completed: 3, passed: 2 },
    { month: 202604, started: 4, completed: 2, passed: 2 },
  ],
};

const texts = (table: ReportTable) => table.rows.map((row) => row.cells.map((cell) => cell.text));

describe("groupsTable", () => {
  it("has one column per figure, labelled in Dutch, and one row per group", () => {
    const table = groupsTable(nl, dashboard, "cohort");
    expect(table.id).toBe("groepen");
    expect(table.caption).toBe("Deelname en resultaten per cohort");
    expect(table.columns.map((c) => c.label)).toEqual([
      "Cohort",
      "Ingeschreven",
      "Gestart",
      "Afgerond",
      "Geslaagd",
      "Percentage afgerond",
      "Gemiddelde score",
      "Mediane tijd tot afronden",
      "Niet afgerond na de deadline",
    ]);
    expect(table.columns.map((c) => c.numeric)).toEqual([false, true, true, true, true, true, true, true, true]);
    expect(texts(table)).toEqual([
      ["Bank X — regio Utrecht", "8", "8", "5", "4", "62,5%", "80%", "45 min", "0"],
      ["Klein cohort", ...Array(8).fill("te weinig deelnemers")],
      ["Politie Zeeland", "6", "2", "0", "0", "0%", "n.v.t.", "n.v.t.", "6"],
    ]);
  });

  it("marks suppressed rows and cells and keeps their numbers out", () => {
    const row = groupsTable(nl, dashboard, "cohort").rows[1];
    expect(row?.suppressed).toBe(true);
    expect(row?.cells.slice(1).every((cell) => cell.suppressed === true && cell.value === undefined)).toBe(true);
  });

  it("links cohort rows to their cohort, and no other grouping", () => {
    expect(groupsTable(nl, dashboard, "cohort").rows.map((r) => r.href)).toEqual([
      "/beheer/cohorten/cohort-a",
      "/beheer/cohorten/cohort-b",
      "/beheer/cohorten/cohort-c",
    ]);
    expect(groupsTable(nl, dashboard, "organisation").rows.map((r) => r.href)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("keeps exact values for the CSV: percentages 0-100 and minutes", () => {
    const cells = groupsTable(nl, dashboard, "cohort").rows[0]?.cells ?? [];
    expect(cells.map((cell) => cell.value)).toEqual([undefined, 8, 8, 5, 4, 62.5, 80, 45, 0]);
    expect(
      groupsTable(nl, dashboard, "cohort")
        .columns.map((c) => c.csvLabel ?? c.label)
        .slice(5, 8),
    ).toEqual(["Percentage afgerond (%)", "Gemiddelde score (%)", "Mediane tijd tot afronden (minuten)"]);
  });

  it("speaks English with English number formats", () => {
    const table = groupsTable(en, dashboard, "organisation");
    expect(table.caption).toBe("Participation and results per organisation");
    expect(table.columns.map((c) => c.label)).toEqual([
      "Organisation",
      "Enrolled",
      "Started",
      "Completed",
      "Passed",
      "Completion rate",
      "Average score",
      "Median time to complete",
      "Not completed by the deadline",
    ]);
    expect(texts(table)).toEqual([
      ["Bank X — regio Utrecht", "8", "8", "5", "4", "62.5%", "80%", "45 min", "0"],
      ["Klein cohort", ...Array(8).fill("too few participants")],
      ["Politie Zeeland", "6", "2", "0", "0", "0%", "n/a", "n/a", "6"],
    ]);
  });
  it("names sector groups in the reader's language", () => {
    const bySector: Dashboard = { ...dashboard, groups: [{ ...dashboard.groups[0]!, key: "police", label: "police" }] };
    expect(groupsTable(nl, bySector, "sector").rows[0]?.cells[0]?.text).toBe("Politie");
    expect(groupsTable(en, bySector, "sector").rows[0]?.cells[0]?.text).toBe("Police");
    expect(completionRateBars(nl, bySector, "sector").bars[0]?.label).toBe("Politie");
  });
});

describe("totalsTable", () => {
  it("lists each figure with its value, thousands grouped", () => {
    const table = totalsTable(nl, dashboard);
    expect(table.columns.map((c) => c.label)).toEqual(["Kengetal", "Waarde"]);
    expect(texts(table)).toEqual([
      ["Ingeschreven", "1.240"],
      ["Gestart", "10"],
      ["Afgerond", "5"],
      ["Geslaagd", "4"],
      ["Percentage afgerond", "62,5%"],
      ["Gemiddelde score", "78,3%"],
      ["Mediane tijd tot afronden", "1,5 uur"],
      ["Niet afgerond na de deadline", "2"],
    ]);
    expect(table.rows.map((row) => row.cells[1]?.value)).toEqual([1240, 10, 5, 4, 62.5, 78.3, 90, 2]);
    expect(table.rows.map((row) => row.cells[0]?.value).slice(4, 7)).toEqual([
      "Percentage afgerond (%)",
      "Gemiddelde score (%)",
      "Mediane tijd tot afronden (minuten)",
    ]);
  });

  it("shows only the suppression text when the selection is too small", () => {
    const small: Dashboard = {
      totals: { key: "totaal", label: "Totaal", suppressed: true, figures: null },
      groups: [],
      trend: null,
    };
    const table = totalsTable(en, small);
    expect(table.rows.map((row) => row.cells[1]?.text)).toEqual(Array(8).fill("too few participants"));
    expect(table.rows.every((row) => row.suppressed)).toBe(true);
  });
});

describe("trendTable", () => {
  it("names the months in the reader's language and keeps yyyy-mm for the CSV", () => {
    expect(texts(trendTable(nl, dashboard.trend))).toEqual([
      ["maart 2026", "6", "3", "2"],
      ["april 2026", "4", "2", "2"],
    ]);
    expect(texts(trendTable(en, dashboard.trend))[0]).toEqual(["March 2026", "6", "3", "2"]);
    expect(trendTable(nl, dashboard.trend).rows.map((row) => row.cells[0]?.value)).toEqual(["2026-03", "2026-04"]);
  });

  it("has no rows when the trend is withheld", () => {
    expect(trendTable(nl, null).rows).toEqual([]);
  });
});

describe("formatDuration", () => {
  it.each([
    [nl, 45, "45 min"],
    [nl, 60, "1 uur"],
    [nl, 90, "1,5 uur"],
    [nl, 1440, "1 dag"],
    [nl, 2880, "2 dagen"],
    [nl, 5000, "3,5 dagen"],
    [en, 90, "1.5 hours"],
    [en, 1440, "1 day"],
  ])("formats %#", (ctx, minutes, expected) => {
    expect(formatDuration(ctx, minutes)).toBe(expected);
  });
});

const items: { moduleTitle: string; rows: ItemRow[] } = {
  moduleTitle: "Sekswerk en stigma: de basis",
  rows: [
    {
      questionId: "basis/q1",
      position: 1,
      type: "single",
      topic: "Wetgeving",
      text: "Is sekswerk legaal in Nederland?",
      answered: 10,
      suppressed: false,
      shareCorrect: 0.5,
      averageScore: 0.55,
      options: [
        { text: "Ja, met een vergunning", correct: true, chosen: 5, share: 0.5 },
        { text: "Nee", correct: false, chosen: 5, share: 0.5 },
      ],
    },
    {
      questionId: "basis/q2",
      position: 2,
      type: "single",
      topic: null,
      text: "Welke term is respectvol?",
      answered: 3,
      suppressed: true,
      shareCorrect: null,
      averageScore: null,
      options: [
        { text: "Sekswerker", correct: true, chosen: 0, share: null },
        { text: "Prostituee", correct: false, chosen: 0, share: null },
      ],
    },
  ],
};

describe("item analysis tables", () => {
  it("summarises each question and flags share correct below 60%", () => {
    const table = itemsTable(nl, items);
    expect(table.caption).toBe("Toetsvragen van Sekswerk en stigma: de basis");
    expect(table.columns.map((c) => c.label)).toEqual([
      "Nr.",
      "Vraag",
      "Onderwerp",
      "Beantwoord",
      "Aandeel goed",
      "Gemiddelde score",
      "Signaal",
    ]);
    expect(texts(table)).toEqual([
      ["1", "Is sekswerk legaal in Nederland?", "Wetgeving", "10", "50%", "55%", "hardnekkig misverstand?"],
      ["2", "Welke term is respectvol?", "", ...Array(4).fill("te weinig deelnemers")],
    ]);
    expect(texts(itemsTable(en, items))[0]?.[6]).toBe("persistent misconception?");
  });

  it("lists options per question, with the question in every row for the download", () => {
    const one = optionsTable(nl, items, items.rows[0]);
    expect(one.columns.map((c) => c.label)).toEqual(["Antwoord", "Juist antwoord", "Gekozen", "Aandeel"]);
    expect(texts(one)).toEqual([
      ["Ja, met een vergunning", "ja", "5", "50%"],
      ["Nee", "nee", "5", "50%"],
    ]);
    const all = optionsTable(en, items);
    expect(all.columns.map((c) => c.label)).toEqual(["No.", "Question", "Option", "Correct answer", "Chosen", "Share"]);
    expect(texts(all)).toEqual([
      ["1", "Is sekswerk legaal in Nederland?", "Ja, met een vergunning", "yes", "5", "50%"],
      ["1", "Is sekswerk legaal in Nederland?", "Nee", "no", "5", "50%"],
      ["2", "Welke term is respectvol?", "Sekswerker", "yes", "too few participants", "too few participants"],
      ["2", "Welke term is respectvol?", "Prostituee", "no", "too few participants", "too few participants"],
    ]);
  });

  it("names the correct option in the chart label, not only by its mark", () => {
    expect(optionBars(nl, items.rows[0] as ItemRow).map((bar) => [bar.label, bar.valueText, bar.marked])).toEqual([
      ["✓ juist: Ja, met een vergunning", "5 (50%)", true],
      ["Nee", "5 (50%)", false],
    ]);
    expect(optionBars(nl, items.rows[1] as ItemRow)).toEqual([]);
  });
});

describe("attitudeTable", () => {
  const rows: AttitudeRow[] = [
    {
      itemId: "a1",
      text: "Sekswerk is werk.",
      reverse: false,
      pairs: 12,
      suppressed: false,
      before: 3.25,
      after: 4.1,
      change: 0.85,
    },
    {
      itemId: "a2",
      text: "Sekswerkers zijn zelf schuld aan geweld.",
      reverse: true,
      pairs: 12,
      suppressed: false,
      before: 2.5,
      after: 1.75,
      change: -0.75,
    },
    {
      itemId: "a3",
      text: "Ik weet hoe ik iemand respectvol aanspreek.",
      reverse: false,
      pairs: 3,
      suppressed: true,
      before: null,
      after: null,
      change: null,
    },
  ];

  it("shows before, after, signed change and pairs, with the reversed items named", () => {
    const table = attitudeTable(nl, rows);
    expect(table.columns.map((c) => c.label)).toEqual([
      "Uitspraak",
      "Omgekeerd",
      "Voor (gemiddeld)",
      "Na (gemiddeld)",
      "Verandering",
      "Paren (n)",
    ]);
    expect(texts(table)).toEqual([
      ["Sekswerk is werk.", "nee", "3,25", "4,1", "+0,85", "12"],
      ["Sekswerkers zijn zelf schuld aan geweld.", "ja, daling gewenst", "2,5", "1,75", "-0,75", "12"],
      ["Ik weet hoe ik iemand respectvol aanspreek.", "nee", ...Array(4).fill("te weinig deelnemers")],
    ]);
    expect(table.rows[1]?.cells.map((cell) => cell.value)).toEqual([undefined, undefined, 2.5, 1.75, -0.75, 12]);
  });
});

describe("completionRateBars", () => {
  it("leaves suppressed groups out and counts them for the note", () => {
    const { bars, suppressed } = completionRateBars(nl, dashboard, "cohort");
    expect(suppressed).toBe(1);
    expect(bars).toEqual([
      { key: "cohort-a", label: "Bank X — regio Utrecht", value: 0.625, valueText: "62,5%" },
      { key: "cohort-c", label: "Politie Zeeland", value: 0, valueText: "0%" },
    ]);
  });
});
