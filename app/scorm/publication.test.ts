import { describe, expect, it } from "vitest";

import { allowedStateActions, applyStateAction, scormModuleState, visibleToLearners } from "./publication";

describe("SCORM module publication", () => {
  it("reads the state from the draft and archived columns", () => {
    expect(scormModuleState({ draft: true, archived: true })).toBe("draft");
    expect(scormModuleState({ draft: false, archived: false })).toBe("published");
    expect(scormModuleState({ draft: false, archived: true })).toBe("archived");
  });

  it("lets a draft only be published, and then archived and back", () => {
    expect(allowedStateActions("draft")).toEqual(["publish"]);
    expect(applyStateAction("draft", "publish")).toEqual({ draft: false, archived: false });
    expect(applyStateAction("draft", "unarchive")).toBeNull();
    expect(applyStateAction("draft", "archive")).toBeNull();
    expect(applyStateAction("published", "archive")).toEqual({ draft: false, archived: true });
    expect(applyStateAction("published", "publish")).toBeNull();
    expect(applyStateAction("archived", "unarchive")).toEqual({ draft: false, archived: false });
  });

  it("shows learners only published modules", () => {
    expect(visibleToLearners({ draft: true, archived: true })).toBe(false);
    expect(visibleToLearners({ draft: false, archived: true })).toBe(false);
    expect(visibleToLearners({ draft: false, archived: false })).toBe(true);
  });
});
