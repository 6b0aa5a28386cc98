import { validateCommit, type CommitError, type CommitResult } from "./commit";
import { launchState, type LaunchContext } from "./state";
import type { CmiState, ScormVersion, Tolerance } from "./types";

export const LEARNER: LaunchContext = { learnerId: "learner-1", learnerName: "Jansen, Sam" };

/** A fresh attempt's launch state, with optional stored values on top. */
export function freshState(
  version: ScormVersion,
  extra: Record<string, string> = {},
  context: Partial<LaunchContext> = {},
): CmiState {
  return { ...launchState(version, { ...LEARNER, ...context }, null), ...extra };
}

export function commit(
  version: ScormVersion,
  payload: Record<string, unknown>,
  state: CmiState = freshState(version),
  tolerance: Tolerance = "spec",
): CommitResult {
  return validateCommit(version, payload, state, { tolerance });
}

/** The changes of a commit that must be accepted (fails the test with the errors otherwise). */
export function accepted(
  version: ScormVersion,
  payload: Record<string, unknown>,
  state?: CmiState,
  tolerance?: Tolerance,
): Record<string, string> {
  const result = commit(version, payload, state, tolerance);
  if (!result.ok) throw new Error(`commit refused: ${JSON.stringify(result.errors)}`);
  return result.changes;
}

/** The errors of a commit that must be refused. */
export function refused(
  version: ScormVersion,
  payload: Record<string, unknown>,
  state?: CmiState,
  tolerance?: Tolerance,
): readonly CommitError[] {
  const result = commit(version, payload, state, tolerance);
  if (result.ok) throw new Error(`commit accepted: ${JSON.stringify(result.changes)}`);
  return result.errors;
}

/** The single error code of a refused one-element commit. */
export function errorCode(
  version: ScormVersion,
  element: string,
  value: unknown,
  state?: CmiState,
  tolerance?: Tolerance,
): number {
  const errors = refused(version, { [element]: value }, state, tolerance);
  if (errors.length !== 1 || errors[0]!.element !== element)
    throw new Error(`unexpected errors: ${JSON.stringify(errors)}`);
  return errors[0]!.code;
}
