/**
 * Where an imported SCORM module stands: a draft after import (reviewed by an administrator,
 * never shown to learners), published, or archived after it was published. Isomorphic.
 */
export type ScormModuleState = "draft" | "published" | "archived";

export type ScormStateAction = "publish" | "archive" | "unarchive";

export function scormModuleState(module: { draft: boolean; archived: boolean }): ScormModuleState {
  if (module.draft) return "draft";
  return module.archived ? "archived" : "published";
}

/** A draft can only be published; archiving is for what learners have seen. */
export function allowedStateActions(state: ScormModuleState): ScormStateAction[] {
  switch (state) {
    case "draft":
      return ["publish"];
    case "published":
      return ["archive"];
    case "archived":
      return ["unarchive"];
  }
}

/** The columns an action writes; `null` when the action does not apply in this state. */
export function applyStateAction(
  state: ScormModuleState,
  action: ScormStateAction,
): { draft: boolean; archived: boolean } | null {
  if (!allowedStateActions(state).includes(action)) return null;
  return action === "archive" ? { draft: false, archived: true } : { draft: false, archived: false };
}

/** Learners see a module only when it is published. */
export function visibleToLearners(module: { draft: boolean; archived: boolean }): boolean {
  return scormModuleState(module) === "published";
}
