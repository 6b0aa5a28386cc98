// Messages for the reports pages. Keys are prefixed "reports.".
export const nl = {
  "reports.sectionTitle": "Dashboard",
  "reports.sectionDescription": "Deelname, resultaten, vragenanalyse en houdingsverandering per sector, organisatie, cohort en module.",
};

export const en: Record<keyof typeof nl, string> = {
  "reports.sectionTitle": "Dashboard",
  "reports.sectionDescription": "Participation, results, item analysis and attitude change per sector, organisation, cohort and module.",
};
