/**
 * The SCO frame: installs the run-time API (session.client.ts) and only then creates the
 * same-origin iframe, so the SCO finds window.API / window.API_1484_11 when it starts. Leaving
 * (another SCO, another page, closing the tab) first removes the iframe — the SCO's own unload
 * handlers run and may still LMSFinish — and then terminates on the SCO's behalf if it did not.
 */
import { useEffect, useRef } from "react";

import { startScormSession, type CommitStatus, type ScormRuntimeVersion, type SharedDataMap } from "./session.client";

export interface ScoFrameProps {
  version: ScormRuntimeVersion;
  state: Record<string, string>;
  sharedData?: readonly SharedDataMap[];
  launchUrl: string;
  commitUrl: string;
  frameTitle: string;
  onStatus: (status: CommitStatus) => void;
  onSaveFailed: () => void;
  onTerminated: (navigation: string | null) => void;
}

export function ScoFrame(props: ScoFrameProps) {
  const host = useRef<HTMLDivElement>(null);
  // The callbacks change every render; the session must not.
  const callbacks = useRef(props);
  useEffect(() => {
    callbacks.current = props;
  });
  const { version, state, sharedData, launchUrl, commitUrl, frameTitle } = props;

  useEffect(() => {
    // Effects only run in the browser: session.client.ts (scorm-again) is left out of the server build.
    const container = host.current;
    if (!container) return;
    let closing = false;
    const session = startScormSession({
      version,
      state,
      sharedData,
      commitUrl,
      onStatus: (status) => callbacks.current.onStatus(status),
      onSaveFailed: () => {
        if (!closing) callbacks.current.onSaveFailed();
      },
      onTerminated: (navigation) => {
        if (!closing) callbacks.current.onTerminated(navigation);
      },
    });
    const frame = document.createElement("iframe");
    frame.title = frameTitle;
    frame.className = "scorm-frame";
    frame.src = launchUrl;
    container.replaceChildren(frame);

    const onPageHide = () => {
      session.markUnloading();
      session.flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") session.flush();
    };
    window.addEventListener("pagehide", onPageHide);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      closing = true;
      window.removeEventListener("pagehide", onPageHide);
      document.removeEventListener("visibilitychange", onVisibility);
      session.markUnloading();
      frame.remove();
      session.end();
    };
  }, [version, state, sharedData, launchUrl, commitUrl, frameTitle]);

  return <div ref={host} className="scorm-frame-host" />;
}
