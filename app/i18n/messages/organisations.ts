// Messages for the organisation pages. Keys are prefixed "organisations.".
export const nl = {
  "organisations.sectionTitle": "Organisaties",
  "organisations.sectionDescription": "Organisaties aanmaken en trainers aanstellen.",
};

export const en: Record<keyof typeof nl, string> = {
  "organisations.sectionTitle": "Organisations",
  "organisations.sectionDescription": "Create organisations and appoint trainers.",
};
