import { useEffect } from "react";

import { HEARTBEAT_SECONDS } from "~/learning/activity";

const HEARTBEAT_MS = HEARTBEAT_SECONDS * 1000;
/** Without mouse, keyboard, touch or scroll for this long the learner counts as away. */
const IDLE_MS = 60_000;
const ACTIVITY_EVENTS = ["pointerdown", "pointermove", "keydown", "scroll", "touchstart"] as const;

/**
 * Tells the server every HEARTBEAT_MS that the learner is still reading this lesson, but only
 * while the page is visible and was used recently. The server measures the time (activity.server).
 */
export function useActivityHeartbeat(moduleSlug: string, lessonSlug: string, openedAt: number): void {
  useEffect(() => {
    let lastInput = Date.now();
    const onInput = () => {
      lastInput = Date.now();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onInput, { passive: true });
    const beat = () => {
      if (document.visibilityState !== "visible" || Date.now() - lastInput > IDLE_MS) return;
      // When the page was served: a reload restarts the measured time without a write on view.
      const body = new URLSearchParams({ module: moduleSlug, lesson: lessonSlug, opened: String(openedAt) });
      void fetch("/activiteit", { method: "POST", body, keepalive: true, credentials: "same-origin" }).catch(() => {});
    };
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    return () => {
      window.clearInterval(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onInput);
    };
  }, [moduleSlug, lessonSlug, openedAt]);
}
