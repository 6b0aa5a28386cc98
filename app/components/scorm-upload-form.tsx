/**
 * The package upload form. Without JavaScript it is a plain multipart post to the page's action;
 * with JavaScript the file goes by XMLHttpRequest to /beheer/scorm/upload so the upload progress
 * can be shown in a <progress> element (fetch cannot report upload progress).
 */
import { useNavigate } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";

import { FormErrors } from "./forms";
import { formatPercent, type MessageKey } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";

export const UPLOAD_ENDPOINT = "/beheer/scorm/upload";

/** What the upload endpoint answers. */
const UPLOAD_FAILED: MessageKey = "scorm.admin.uploadFailed";

export type UploadAnswer = { ok: true; redirectTo: string } | { ok: false; message: string };

type Phase = { kind: "idle" } | { kind: "uploading"; fraction: number } | { kind: "processing" };

// The progress bar needs the script: the server render and hydration show the plain form.
const noSubscription = () => () => {};
const onClient = () => true;
const onServer = () => false;

export function ScormUploadForm({
  fieldName,
  limitMb,
  error,
}: {
  fieldName: string;
  limitMb: number;
  error: string | null;
}) {
  const { t, locale } = useTranslation();
  const navigate = useNavigate();
  const hydrated = useSyncExternalStore(noSubscription, onClient, onServer);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [message, setMessage] = useState<string | null>(error);
  // A new answer from the page's action (the no-JavaScript path) replaces what is shown.
  const [shownError, setShownError] = useState(error);
  if (error !== shownError) {
    setShownError(error);
    setMessage(error);
  }
  const request = useRef<XMLHttpRequest | null>(null);

  useEffect(() => () => request.current?.abort(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    setMessage(null);
    setPhase({ kind: "uploading", fraction: 0 });
    xhr.upload.addEventListener("progress", (progress) => {
      if (progress.lengthComputable) setPhase({ kind: "uploading", fraction: progress.loaded / progress.total });
    });
    xhr.upload.addEventListener("load", () => setPhase({ kind: "processing" }));
    xhr.addEventListener("load", () => {
      let answer: UploadAnswer | null = null;
      try {
        answer = JSON.parse(xhr.responseText) as UploadAnswer;
      } catch {
        answer = null;
      }
      if (answer?.ok) {
        navigate(answer.redirectTo);
        return;
      }
      setPhase({ kind: "idle" });
      // A key, translated when rendered: a callback must not need a message the page has not loaded yet.
      setMessage(answer && !answer.ok ? answer.message : UPLOAD_FAILED);
    });
    xhr.addEventListener("error", () => {
      setPhase({ kind: "idle" });
      setMessage(UPLOAD_FAILED);
    });
    xhr.open("POST", UPLOAD_ENDPOINT);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send(new FormData(form));
  }

  const busy = phase.kind !== "idle";
  const hintId = "scorm-upload-hint";
  return (
    <form
      method="post"
      action="/beheer/scorm?index"
      encType="multipart/form-data"
      onSubmit={hydrated ? submit : undefined}
      aria-busy={busy}
    >
      <FormErrors id="scorm-upload-errors" errors={message ? [message] : null} />
      <div className="field">
        <label htmlFor="scorm-upload-file">{t("scorm.admin.uploadLabel")}</label>
        <p id={hintId} className="field-hint">
          {t("scorm.admin.uploadHint", { limit: limitMb })}
        </p>
        <input
          id="scorm-upload-file"
          name={fieldName}
          type="file"
          accept=".zip,application/zip,application/x-zip-compressed"
          required
          aria-describedby={message ? `${hintId} scorm-upload-errors` : hintId}
          aria-invalid={message ? true : undefined}
          disabled={busy}
        />
      </div>
      {hydrated ? (
        <div className="scorm-upload-status" hidden={!busy}>
          <label htmlFor="scorm-upload-progress">{t("scorm.admin.uploadProgressLabel")}</label>
          <progress
            id="scorm-upload-progress"
            max={100}
            value={
              phase.kind === "uploading" ? Math.round(phase.fraction * 100) : phase.kind === "processing" ? 100 : 0
            }
          />
          <p role="status">
            {phase.kind === "uploading"
              ? t("scorm.admin.uploading", { percent: formatPercent(locale, phase.fraction) })
              : phase.kind === "processing"
                ? t("scorm.admin.processing")
                : ""}
          </p>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {t("scorm.admin.uploadSubmit")}
      </button>
    </form>
  );
}
