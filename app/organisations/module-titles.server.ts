/** A module as the cohort pages name it: its title in the viewer's language, else Dutch. */
export { moduleTitle, type ModuleTitle } from "~/domain/module-title";

export const MODULE_TITLE_SELECT = { id: true, locales: { select: { locale: true, title: true } } } as const;
