/**
 * One SCO session in the browser: scorm-again's Scorm12API / Scorm2004API as window.API /
 * window.API_1484_11, loaded with the stored cmi data, committing to the commit endpoint.
 *
 * Commits carry only what changed since the last commit the server acknowledged (validateCommit
 * treats missing elements as unchanged), which keeps the terminate commit small enough for
 * sendBeacon's 64 KiB budget. A terminate while the page stays open is sent by synchronous XHR
 * here (so its answer is read and nothing depends on the beacon); when the page or the SCO is
 * going away, the beacon carries it. Leaving without Terminate still sends what the SCO had set.
 */
import { Scorm12API, Scorm2004API, type CommitMetadata, type ResultObject } from "scorm-again";

import type { CommitStatus } from "~/scorm/player.server";

export type { CommitStatus };

export type ScormRuntimeVersion = "1.2" | "2004";

export interface SharedDataMap {
  targetId: string;
  readSharedData: boolean;
  writeSharedData: boolean;
  store: string | null;
}

export interface SessionOptions {
  version: ScormRuntimeVersion;
  state: Record<string, string>;
  /** SCORM 2004 4th edition adl.data: the stores the SCO maps, with their current values. */
  sharedData?: readonly SharedDataMap[];
  commitUrl: string;
  onStatus: (status: CommitStatus) => void;
  onSaveFailed: () => void;
  /** After the SCO (or the player on its behalf) terminated; `navigation` is a SCORM 2004 adl.nav.request. */
  onTerminated: (navigation: string | null) => void;
}

export interface ScormSession {
  /** The page or the SCO is going away: from now on commits go by beacon. */
  markUnloading: () => void;
  /** Sends what the SCO has set that the server has not acknowledged yet, without terminating. */
  flush: () => void;
  /** Terminates the SCO on its behalf if it did not do so itself, and removes the API. */
  end: () => void;
}

type Api = Scorm12API | Scorm2004API;
type Payload = Record<string, unknown>;

declare global {
  interface Window {
    API?: Scorm12API;
    API_1484_11?: Scorm2004API;
  }
}

const AUTOCOMMIT_SECONDS = 5;
/** The commit body field of a Terminate by the SCO (TERMINATE_FIELD in app/scorm/player.server.ts). */
const TERMINATE_FIELD = "terminate";
/** Room below the 64 KiB beacon limit for the request line and headers the browser counts. */
const BEACON_BUDGET_BYTES = 60_000;

export function startScormSession(options: SessionOptions): ScormSession {
  const { version, commitUrl } = options;
  let acknowledged: Payload = { ...options.state };
  let pending: Payload | null = null;
  let unloading = false;
  let flushing = false;
  let answered = false;

  const changedSince = (payload: Payload): Payload => {
    const changes: Payload = {};
    for (const [name, value] of Object.entries(payload)) {
      if (name === "commitSequence" || JSON.stringify(value) !== JSON.stringify(acknowledged[name]))
        changes[name] = value;
    }
    return changes;
  };

  /** Reads the endpoint's answer; an accepted commit becomes the new baseline. */
  const readAnswer = (xhr: XMLHttpRequest, sent: Payload | null): ResultObject => {
    answered = true;
    const body = parseAnswer(xhr.responseText);
    const accepted = xhr.status >= 200 && xhr.status < 300 && (body?.result === true || body?.result === "true");
    if (accepted) {
      if (sent) acknowledged = { ...acknowledged, ...withoutSequence(sent) };
      if (body?.status) options.onStatus(body.status);
      return { result: "true", errorCode: 0 };
    }
    options.onSaveFailed();
    return {
      result: "false",
      errorCode: typeof body?.errorCode === "number" ? body.errorCode : version === "1.2" ? 101 : 391,
    };
  };

  const settings = {
    lmsCommitUrl: commitUrl,
    dataCommitFormat: "flattened",
    autocommit: true,
    autocommitSeconds: AUTOCOMMIT_SECONDS,
    includeCommitSequence: true,
    logLevel: 5 as const,
    // SCORM 1.2 LMS-side rule (docs/decisions/011-scorm-lms-side-status-rules.md): a SCO that
    // finishes without setting lesson_status is completed.
    autoCompleteLessonStatus: true,
    requestHandler: (commit: unknown, metadata?: CommitMetadata): unknown => {
      const payload = changedSince(commit as Payload);
      // Only the SCO's own Terminate tells the server the session is over (and, in 2004, whether
      // the attempt ended); the player's flushes do not.
      if (metadata?.isTerminateCommit && metadata.trigger === "terminate" && !flushing) payload[TERMINATE_FIELD] = true;
      if (!metadata?.isTerminateCommit) {
        pending = payload;
        return payload;
      }
      if (!unloading || JSON.stringify(payload).length > BEACON_BUDGET_BYTES) {
        // Ask directly and read the answer; the beacon scorm-again sends next then only repeats
        // the sequence number, which the server has already seen.
        try {
          const xhr = new XMLHttpRequest();
          xhr.open("POST", commitUrl, false);
          xhr.setRequestHeader("Content-Type", "application/json;charset=UTF-8");
          xhr.send(JSON.stringify(payload));
          if (readAnswer(xhr, payload).result === "true") return { commitSequence: payload.commitSequence };
        } catch {
          // Synchronous requests are not allowed while a page is dismissed: the beacon goes instead.
        }
      }
      return payload;
    },
    xhrResponseHandler: (xhr: XMLHttpRequest): ResultObject => {
      const sent = pending;
      pending = null;
      return readAnswer(xhr, sent);
    },
  };

  const api: Api = version === "1.2" ? new Scorm12API(settings) : new Scorm2004API(settings);
  api.loadFromFlattenedJSON(options.state);
  if (api instanceof Scorm2004API && options.sharedData && options.sharedData.length > 0) {
    api.adl.configureSharedDataMaps(
      options.sharedData.map(({ targetId, readSharedData, writeSharedData }) => ({
        targetID: targetId,
        readSharedData,
        writeSharedData,
      })),
    );
    api.adl.restoreSharedDataSnapshot(
      Object.fromEntries(
        options.sharedData.flatMap(({ targetId, store }) => (store === null ? [] : [[targetId, store] as const])),
      ),
    );
  }

  // The SCO's own Commit while its frame or the page is being dismissed: browsers refuse the
  // synchronous request then (it throws before anything is sent). The same changes go by beacon,
  // and the SCO is told whether the beacon was queued, as it is for Terminate.
  const send = api.processHttpRequest.bind(api);
  api.processHttpRequest = (url, params, immediate = false, trigger) => {
    if (immediate || unloading) return send(url, params, true, trigger);
    answered = false;
    const result = send(url, params, false, trigger);
    if (result.result === "true" || result.result === true || answered) return result;
    return send(url, params, true, trigger);
  };
  if (api instanceof Scorm12API) window.API = api;
  else window.API_1484_11 = api;

  if (api instanceof Scorm12API && options.state["cmi.core.lesson_status"] === "not attempted") {
    // The stored "not attempted" is the LMS's own initial value, not the SCO's: without this,
    // scorm-again counts it as set by the SCO and skips its LMSFinish rule.
    api.on("LMSInitialize", () => {
      (api as unknown as { statusSetByModule: boolean }).statusSetByModule = false;
    });
  }

  api.on(version === "1.2" ? "LMSFinish" : "Terminate", () => {
    const navigation = api instanceof Scorm2004API ? api.adl.nav.request : null;
    options.onTerminated(navigation && navigation !== "_none_" ? navigation : null);
  });

  const running = () => api.isInitialized() && !api.isTerminated();

  return {
    markUnloading() {
      unloading = true;
    },
    flush() {
      if (!running()) return;
      // scorm-again's immediate (beacon) path, without terminating the SCO.
      const wasUnloading = unloading;
      unloading = true;
      flushing = true;
      try {
        api.processHttpRequest(commitUrl, api.renderCommitCMI(false) as Payload, true, "terminate");
      } finally {
        unloading = wasUnloading;
        flushing = false;
      }
    },
    end() {
      if (running()) {
        if (api instanceof Scorm12API) api.LMSFinish("");
        else api.Terminate("");
      }
      if (window.API === api) delete window.API;
      if (window.API_1484_11 === api) delete window.API_1484_11;
    },
  };
}

function withoutSequence(payload: Payload): Payload {
  const { commitSequence: _sequence, [TERMINATE_FIELD]: _terminate, ...elements } = payload;
  return elements;
}

interface Answer {
  result?: unknown;
  errorCode?: unknown;
  status?: CommitStatus;
}

function parseAnswer(text: string): Answer | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Answer) : null;
  } catch {
    return null;
  }
}
