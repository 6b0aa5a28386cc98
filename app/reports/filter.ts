import { z } from "zod";

import { SECTORS, type Sector } from "~/domain/constants";
import type { MessageKey } from "~/i18n/messages";

import { formatMonthInput, parseMonthInput, type Month } from "./month";

export const GROUP_BYS = ["sector", "organisation", "cohort", "module"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface ReportFilter {
  from: Month | null;
  to: Month | null;
  sector: Sector | null;
  organisationId: string | null;
  cohortId: string | null;
  moduleId: string | null;
  groupBy: GroupBy;
}

type FilterParam = "van" | "tot" | "sector" | "per" | "organisatie" | "cohort" | "module" | "pagina";
export type ReportFilterErrors = Partial<Record<FilterParam, MessageKey>>;

export const DEFAULT_GROUP_BY: GroupBy = "organisation";

/** The Dutch query parameter value of each grouping (the URL is part of the Dutch interface). */
const GROUP_BY_PARAMS: Record<GroupBy, string> = {
  sector: "sector",
  organisation: "organisatie",
  cohort: "cohort",
  module: "module",
};
const GROUP_BY_OF_PARAM = new Map(GROUP_BYS.map((groupBy) => [GROUP_BY_PARAMS[groupBy], groupBy]));

/** An absent or empty parameter means "no filter". */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const monthParam = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((value, context) => {
      const month = parseMonthInput(value);
      if (month === null) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: "reports.filter.monthInvalid" });
        return z.NEVER;
      }
      return month;
    })
    .optional(),
);

const idParam = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(200, "reports.filter.idInvalid")
    .regex(/^[\w\-/.]+$/, "reports.filter.idInvalid")
    .optional(),
);

const FilterParamsSchema = z
  .object({
    van: monthParam,
    tot: monthParam,
    sector: z.preprocess(
      blankToUndefined,
      z.enum(SECTORS, { errorMap: () => ({ message: "reports.filter.sectorInvalid" }) }).optional(),
    ),
    organisatie: idParam,
    cohort: idParam,
    module: idParam,
    per: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((value, context) => {
          const groupBy = GROUP_BY_OF_PARAM.get(value);
          if (!groupBy) {
            context.addIssue({ code: z.ZodIssueCode.custom, message: "reports.filter.groupByInvalid" });
            return z.NEVER;
          }
          return groupBy;
        })
        .optional(),
    ),
    // Page of the page's long table (grouped rows, question cards); never part of a CSV.
    pagina: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: "reports.filter.pageInvalid" })
        .int("reports.filter.pageInvalid")
        .min(1, "reports.filter.pageInvalid")
        .max(100_000, "reports.filter.pageInvalid")
        .optional(),
    ),
  })
  .superRefine((value, context) => {
    if (value.van !== undefined && value.tot !== undefined && value.tot < value.van) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ["tot"], message: "reports.filter.periodOrder" });
    }
  });

const FILTER_PARAMS: readonly FilterParam[] = [
  "van",
  "tot",
  "sector",
  "per",
  "organisatie",
  "cohort",
  "module",
  "pagina",
];

/**
 * Reads the dashboard filter and the page number (1 when absent) from the query string; errors
 * are message keys per parameter.
 */
export function parseReportFilter(
  params: URLSearchParams,
): { ok: true; filter: ReportFilter; page: number } | { ok: false; errors: ReportFilterErrors } {
  const raw = Object.fromEntries(FILTER_PARAMS.map((name) => [name, params.get(name) ?? undefined]));
  const parsed = FilterParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: ReportFilterErrors = {};
    for (const issue of parsed.error.issues) {
      const param = issue.path[0] as FilterParam;
      errors[param] ??= issue.message as MessageKey;
    }
    return { ok: false, errors };
  }
  const value = parsed.data;
  return {
    ok: true,
    filter: {
      from: value.van ?? null,
      to: value.tot ?? null,
      sector: value.sector ?? null,
      organisationId: value.organisatie ?? null,
      cohortId: value.cohort ?? null,
      moduleId: value.module ?? null,
      groupBy: value.per ?? DEFAULT_GROUP_BY,
    },
    page: value.pagina ?? 1,
  };
}

/** The query string of a filter (only what is set; the default grouping is left out). */
export function reportFilterSearchParams(filter: ReportFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.from !== null) params.set("van", formatMonthInput(filter.from));
  if (filter.to !== null) params.set("tot", formatMonthInput(filter.to));
  if (filter.sector !== null) params.set("sector", filter.sector);
  if (filter.organisationId !== null) params.set("organisatie", filter.organisationId);
  if (filter.cohortId !== null) params.set("cohort", filter.cohortId);
  if (filter.moduleId !== null) params.set("module", filter.moduleId);
  if (filter.groupBy !== DEFAULT_GROUP_BY) params.set("per", GROUP_BY_PARAMS[filter.groupBy]);
  return params;
}
