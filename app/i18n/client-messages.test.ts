import { describe, expect, it } from "vitest";

import { addMessages, clientTemplate, isClientMessageKey, loadAllMessages, setMessageSource } from "./client-messages";
import { messages } from "./messages";

describe("client messages", () => {
  it("answers from the page's messages, suspends on a missing one until the language has loaded", async () => {
    const asked: string[] = [];
    setMessageSource((locale) => {
      asked.push(locale);
      return Promise.resolve(messages[locale]);
    });
    addMessages("en", { "nav.login": "Log in" });
    expect(clientTemplate("en", "nav.login")).toBe("Log in");
    expect(isClientMessageKey("en", "nav.login")).toBe(true);
    // A sentence is never a key: no need to load the language to say so.
    expect(isClientMessageKey("en", "Not found")).toBe(false);

    let thrown: unknown;
    try {
      clientTemplate("en", "nav.logout");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Promise);
    await thrown;
    expect(clientTemplate("en", "nav.logout")).toBe(messages.en["nav.logout"]);
    expect(isClientMessageKey("en", "certAdmin.action.unknown")).toBe(false);
    await loadAllMessages("en");
    expect(asked).toEqual(["en"]);
    // The other language is never loaded unless asked for.
    expect(() => clientTemplate("nl", "nav.login")).toThrow();
    expect(asked).toEqual(["en", "nl"]);
  });
});
