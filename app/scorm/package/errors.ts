import type { nl as scormMessages } from "~/i18n/messages/scorm";

type ScormMessageKey = keyof typeof scormMessages;

export type ScormPackageErrorCode = ScormMessageKey extends infer K
  ? K extends `scorm.error.${infer Code}`
    ? Code
    : never
  : never;
export type ScormWarningCode = ScormMessageKey extends infer K
  ? K extends `scorm.warning.${infer Code}`
    ? Code
    : never
  : never;

/** Values for the `{placeholders}` of the message; also what support needs to find the problem. */
export type ScormMessageParams = Record<string, string | number>;

/**
 * A package the platform refuses, with the message key shown to the admin. Nothing of the package
 * is left on disk when one of these is thrown by unzip or inspect.
 */
export class ScormPackageError extends Error {
  readonly code: ScormPackageErrorCode;
  readonly messageKey: `scorm.error.${ScormPackageErrorCode}`;
  readonly params: ScormMessageParams;

  constructor(code: ScormPackageErrorCode, params: ScormMessageParams = {}, options?: { cause?: unknown }) {
    super(`SCORM package refused: ${code}${describeParams(params)}`, options);
    this.name = "ScormPackageError";
    this.code = code;
    this.messageKey = `scorm.error.${code}`;
    this.params = params;
  }
}

export interface ScormWarning {
  code: ScormWarningCode;
  messageKey: `scorm.warning.${ScormWarningCode}`;
  params: ScormMessageParams;
}

export function scormWarning(code: ScormWarningCode, params: ScormMessageParams = {}): ScormWarning {
  return { code, messageKey: `scorm.warning.${code}`, params };
}

export function isScormPackageError(error: unknown): error is ScormPackageError {
  return error instanceof ScormPackageError;
}

function describeParams(params: ScormMessageParams) {
  const entries = Object.entries(params);
  if (entries.length === 0) return "";
  return ` (${entries.map(([name, value]) => `${name}: ${value}`).join(", ")})`;
}
