// Messages for the cohorts pages. Keys are prefixed "cohorts.".
export const nl = {
  "cohorts.sectionTitle": "Cohorten",
  "cohorts.sectionDescription": "Groepen deelnemers maken, een deelnamecode delen en de voortgang volgen.",
};

export const en: Record<keyof typeof nl, string> = {
  "cohorts.sectionTitle": "Cohorts",
  "cohorts.sectionDescription": "Create groups of learners, share a join code and follow their progress.",
};
