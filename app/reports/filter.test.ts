import { describe, expect, it } from "vitest";

import { parseReportFilter, reportFilterSearchParams, type ReportFilter } from "./filter";

const parse = (query: string) => parseReportFilter(new URLSearchParams(query));

describe("parseReportFilter", () => {
  it("gives the empty filter, grouped by organisation, for no parameters or empty ones", () => {
    const empty: ReportFilter = {
      from: null,
      to: null,
      sector: null,
      organisationId: null,
      cohortId: null,
      moduleId: null,
      groupBy: "organisation",
    };
    expect(parse("")).toEqual({ ok: true, filter: empty, page: 1 });
    expect(parse("van=&tot=&sector=&organisatie=&cohort=&module=&per=&pagina=")).toEqual({
      ok: true,
      filter: empty,
      page: 1,
    });
  });

  it("reads every parameter", () => {
    expect(
      parse("van=2026-01&tot=2026-03&sector=bank&organisatie=org1&cohort=coh1&module=basis&per=cohort&pagina=3"),
    ).toEqual({
      ok: true,
      page: 3,
      filter: {
        from: 202601,
        to: 202603,
        sector: "bank",
        organisationId: "org1",
        cohortId: "coh1",
        moduleId: "basis",
        groupBy: "cohort",
      },
    });
    for (const [per, groupBy] of [
      ["sector", "sector"],
      ["organisatie", "organisation"],
      ["module", "module"],
    ] as const) {
      expect(parse(`per=${per}`)).toMatchObject({ ok: true, filter: { groupBy } });
    }
  });

  it("refuses a page number that is not a whole number from 1", () => {
    for (const pagina of ["0", "-1", "1.5", "twee", "100001"]) {
      expect(parse(`pagina=${pagina}`)).toEqual({ ok: false, errors: { pagina: "reports.filter.pageInvalid" } });
    }
  });

  it("names each bad parameter with a message key", () => {
    expect(
      parse("van=2026-13&tot=maart&sector=casino&per=organisation&organisatie=<script>&cohort=a%20b&module=x'"),
    ).toEqual({
      ok: false,
      errors: {
        van: "reports.filter.monthInvalid",
        tot: "reports.filter.monthInvalid",
        sector: "reports.filter.sectorInvalid",
        per: "reports.filter.groupByInvalid",
        organisatie: "reports.filter.idInvalid",
        cohort: "reports.filter.idInvalid",
        module: "reports.filter.idInvalid",
      },
    });
    expect(parse("van=2026-04&tot=2026-03")).toEqual({ ok: false, errors: { tot: "reports.filter.periodOrder" } });
    expect(parse(`cohort=${"a".repeat(201)}`)).toEqual({ ok: false, errors: { cohort: "reports.filter.idInvalid" } });
  });
});

describe("reportFilterSearchParams", () => {
  it("round-trips a filter and leaves out what is not set", () => {
    const filter: ReportFilter = {
      from: 202511,
      to: 202602,
      sector: "care",
      organisationId: "o1",
      cohortId: null,
      moduleId: "basis",
      groupBy: "module",
    };
    const params = reportFilterSearchParams(filter);
    expect(params.toString()).toBe("van=2025-11&tot=2026-02&sector=care&organisatie=o1&module=basis&per=module");
    expect(parseReportFilter(params)).toEqual({ ok: true, filter, page: 1 });
    expect(
      reportFilterSearchParams({
        ...filter,
        from: null,
        to: null,
        sector: null,
        organisationId: null,
        moduleId: null,
        groupBy: "organisation",
      }).toString(),
    ).toBe("");
  });
});
