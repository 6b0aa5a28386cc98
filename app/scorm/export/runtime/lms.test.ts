import { describe, expect, it } from "vitest";

import { findApi, isoDuration, scorm12Timespan } from "./lms";
import type { FrameLike } from "./lms";

/** A chain of frames: frames[0] is the package, each next one its parent; the last is the top. */
function frames(count: number): FrameLike[] {
  const chain: FrameLike[] = Array.from({ length: count }, () => ({}));
  chain.forEach((frame, index) => {
    frame.parent = chain[index + 1] ?? frame;
  });
  return chain;
}

describe("findApi", () => {
  const api = { LMSInitialize: () => "true" };

  it("finds the API in the package's own window or a parent", () => {
    const chain = frames(4);
    chain[0]!.API = api;
    expect(findApi(chain[0]!, "1.2")).toBe(api);
    delete chain[0]!.API;
    chain[3]!.API = api;
    expect(findApi(chain[0]!, "1.2")).toBe(api);
  });

  it("climbs at most seven parents", () => {
    const near = frames(9);
    near[7]!.API_1484_11 = api;
    expect(findApi(near[0]!, "2004")).toBe(api);
    const far = frames(10);
    far[8]!.API_1484_11 = api;
    expect(findApi(far[0]!, "2004")).toBeNull();
  });

  it("looks for the name of the version only", () => {
    const chain = frames(2);
    chain[1]!.API = api;
    expect(findApi(chain[0]!, "2004")).toBeNull();
  });

  it("falls back to the opener, also the opener of the top window", () => {
    const lms = frames(2);
    lms[1]!.API = api;
    const popup = frames(1)[0]!;
    popup.opener = lms[0];
    expect(findApi(popup, "1.2")).toBe(api);

    const framedPopup = frames(3);
    framedPopup[2]!.opener = lms[0];
    expect(findApi(framedPopup[0]!, "1.2")).toBe(api);
  });

  it("skips frames of another origin that throw on access", () => {
    const chain = frames(3);
    chain[2]!.API = api;
    const foreign = new Proxy(
      { parent: chain[2] },
      {
        get(target, property) {
          if (property === "parent") return target.parent;
          throw new Error("SecurityError: Blocked a frame with origin");
        },
      },
    );
    chain[0]!.parent = foreign as FrameLike;
    expect(findApi(chain[0]!, "1.2")).toBe(api);
  });

  it("returns null when there is no LMS", () => {
    expect(findApi(frames(1)[0]!, "1.2")).toBeNull();
  });
});

describe("session time formats", () => {
  it("writes SCORM 1.2 CMITimespan", () => {
    expect(scorm12Timespan(0)).toBe("00:00:00.00");
    expect(scorm12Timespan(95.5)).toBe("00:01:35.50");
    expect(scorm12Timespan(3 * 3600 + 61.25)).toBe("03:01:01.25");
    expect(scorm12Timespan(12_000 * 3600)).toBe("9999:00:00.00");
  });

  it("writes SCORM 2004 ISO 8601 durations", () => {
    expect(isoDuration(0)).toBe("PT0S");
    expect(isoDuration(95.5)).toBe("PT1M35.5S");
    expect(isoDuration(3 * 3600 + 60)).toBe("PT3H1M0S");
  });
});
