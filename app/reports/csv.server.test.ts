import { describe, expect, it } from "vitest";

import { isCsvSeparator, reportCsvFileName, reportTableCsv } from "./csv.server";
import type { ReportTable } from "./tables";

const table: ReportTable = {
  id: "groepen",
  caption: "Deelname en resultaten per cohort",
  columns: [
    { key: "group", label: "Cohort", numeric: false },
    { key: "enrolled", label: "Ingeschreven", numeric: true },
    { key: "rate", label: "Percentage afgerond", csvLabel: "Percentage afgerond (%)", numeric: true },
  ],
  rows: [
    {
      key: "a",
      cells: [{ text: 'Café Één; "de beste"' }, { text: "8", value: 8 }, { text: "62,5%", value: 62.5 }],
      suppressed: false,
    },
    {
      key: "b",
      cells: [
        { text: "Regel één\nregel twee, met komma" },
        { text: "1.240", value: 1240 },
        { text: "n.v.t.", value: "" },
      ],
      suppressed: false,
    },
    {
      key: "c",
      cells: [
        { text: "Klein cohort" },
        { text: "te weinig deelnemers", suppressed: true },
        { text: "te weinig deelnemers", suppressed: true },
      ],
      suppressed: true,
    },
    {
      key: "d",
      cells: [{ text: '=HYPERLINK("x")' }, { text: "-3", value: -3 }, { text: "0%", value: 0 }],
      suppressed: false,
    },
  ],
};

const BOM = "\uFEFF";

describe("reportTableCsv", () => {
  it("starts with a byte order mark and uses the CSV labels in the header", () => {
    const csv = reportTableCsv(table, "komma");
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]).toBe("Cohort,Ingeschreven,Percentage afgerond (%)");
  });

  it("writes comma-separated rows with decimal points and quotes what needs quoting", () => {
    expect(reportTableCsv(table, "komma")).toBe(
      BOM +
        [
          "Cohort,Ingeschreven,Percentage afgerond (%)",
          '"Café Één; ""de beste""",8,62.5',
          '"Regel één\nregel twee, met komma",1240,',
          "Klein cohort,te weinig deelnemers,te weinig deelnemers",
          `"'=HYPERLINK(""x"")",-3,0`,
          "",
        ].join("\r\n"),
    );
  });

  it("writes semicolon-separated rows with decimal commas for Dutch Excel", () => {
    expect(reportTableCsv(table, "puntkomma")).toBe(
      BOM +
        [
          "Cohort;Ingeschreven;Percentage afgerond (%)",
          '"Café Één; ""de beste""";8;62,5',
          '"Regel één\nregel twee, met komma";1240;',
          "Klein cohort;te weinig deelnemers;te weinig deelnemers",
          `"'=HYPERLINK(""x"")";-3;0`,
          "",
        ].join("\r\n"),
    );
  });

  it("keeps Dutch characters intact in UTF-8", () => {
    const bytes = Buffer.from(reportTableCsv(table, "puntkomma"), "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("Café Één");
    expect(bytes.includes(Buffer.from("é", "utf8"))).toBe(true);
    const withUmlaut = reportTableCsv(
      {
        ...table,
        rows: [
          {
            key: "e",
            cells: [{ text: "Coördinatie" }, { text: "5", value: 5 }, { text: "1%", value: 1 }],
            suppressed: false,
          },
        ],
      },
      "komma",
    );
    expect(withUmlaut).toContain("Coördinatie,5,1");
  });

  it("never writes a suppressed figure's number", () => {
    const csv = reportTableCsv(table, "komma");
    expect(csv).toContain("Klein cohort,te weinig deelnemers,te weinig deelnemers");
  });
});

describe("CSV helpers", () => {
  it("knows the two separators", () => {
    expect(isCsvSeparator("komma")).toBe(true);
    expect(isCsvSeparator("puntkomma")).toBe(true);
    expect(isCsvSeparator("tab")).toBe(false);
    expect(isCsvSeparator("toString")).toBe(false);
  });

  it("names the file after the table and the Amsterdam date", () => {
    expect(reportCsvFileName("groepen", new Date("2026-11-22T10:00:00Z"))).toBe(
      "stigmavrij-dashboard-groepen-2026-11-22.csv",
    );
    // 23:30 UTC on 22 November is already 23 November in Amsterdam.
    expect(reportCsvFileName("houding", new Date("2026-11-22T23:30:00Z"))).toBe(
      "stigmavrij-dashboard-houding-2026-11-23.csv",
    );
  });
});
