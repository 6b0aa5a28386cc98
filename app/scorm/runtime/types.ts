export type ScormVersion = "1.2" | "2004";

/** A stored or committed run-time state: element name ("cmi.core.lesson_status") → value. */
export type CmiState = Readonly<Record<string, string>>;

export type ElementAccess = "read-only" | "write-only" | "read-write";

/**
 * How strictly lengths and identifiers are judged.
 * - "spec": every length limit (SPM) and identifier syntax of the RTE is enforced.
 * - "lenient": what scorm-again itself accepts from content: lengths are only enforced for suspend_data
 *   (64,000 characters in both versions) and identifiers may hold spaces. Use it when refusing a
 *   commit would lose data that scorm-again already told the SCO it had stored.
 */
export type Tolerance = "spec" | "lenient";

/** What a value check needs besides the value: the (merged) state for type-dependent formats. */
export interface CheckContext {
  readonly tolerance: Tolerance;
  /** The element's n-indices, outermost first ("cmi.interactions.2.correct_responses.0.pattern" → [2, 0]). */
  readonly indices: readonly number[];
  /** A value from the state after this commit (stored values overlaid with the commit). */
  readonly lookup: (element: string) => string | undefined;
}

/** null when the value is fine; otherwise whether the type or the range is wrong, and why. */
export type CheckResult = null | { readonly kind: "type" | "range"; readonly message: string };

export type ValueCheck = (value: string, context: CheckContext) => CheckResult;

export interface ElementDefinition {
  /** The element with "n" for every index: "cmi.interactions.n.objectives.n.id". */
  readonly pattern: string;
  readonly access: ElementAccess;
  /** The data type in the words of the RTE, for messages and documentation. */
  readonly type: string;
  /** Checks a value the SCO writes. Keywords and read-only elements have none. */
  readonly check?: ValueCheck;
  /** The value the LMS initialises the element with when it has nothing stored (RTE defaults). */
  readonly initial?: string;
  /** _children, _count, _version: answered by the LMS, never set. */
  readonly keyword?: boolean;
}
