/**
 * The SCORM 2004 sequencer, run on the server with scorm-again's SN implementation (activity tree,
 * navigation/termination/sequencing/delivery request processes, rollup, global objectives,
 * selection and randomisation). The server is the authority on what a learner may open and on
 * the root activity's rollup, because the module's completion and certificate rest on it.
 *
 * One Sequencer lives for one request: it is built from the package's definition, the learner's
 * stored state and the current SCO's stored cmi data (the RTE data the termination process
 * transfers into the activity), asked one thing, and serialised back.
 */
import { Scorm2004API, type Settings } from "scorm-again";

import type { CmiState } from "~/scorm/runtime/types";

import type { SequencingDefinition } from "./definition";

/** The navigation requests of SN 4.4 that the LMS and the content may issue. */
export const NAVIGATION_REQUESTS = [
  "start",
  "resumeAll",
  "continue",
  "previous",
  "choice",
  "jump",
  "exit",
  "exitAll",
  "abandon",
  "abandonAll",
  "suspendAll",
] as const;
export type NavigationRequest = (typeof NAVIGATION_REQUESTS)[number];

export interface NavigationResult {
  /** The activity (item identifier) to deliver; null when nothing is delivered. */
  deliver: string | null;
  /** The SN exception code (e.g. "NB.2.1-11") when the request was refused. */
  exception: string | null;
  /** The request ended the sequencing session (exitAll, suspendAll, end of the course). */
  sessionEnded: boolean;
}

export interface RootOutcome {
  completion: "completed" | "incomplete" | "unknown";
  success: "passed" | "failed" | "unknown";
  scoreScaled: number | null;
}

export interface NavigationView {
  continueEnabled: boolean;
  previousEnabled: boolean;
  /** Activities a choice request may target now (item identifiers). */
  choices: string[];
  /** The LMS controls the current activity asks to hide (adlnav:hideLMSUI). */
  hideLmsUi: string[];
}

/** The parts of scorm-again's sequencing internals the sequencer drives; not in its typings. */
interface SnActivity {
  id: string;
  isActive: boolean;
  isVisible: boolean;
  children: SnActivity[];
  completionStatus: string;
  successStatus: string;
  attemptProgressStatus: boolean;
  attemptCompletionStatus: boolean;
  objectiveSatisfiedStatus: boolean;
  objectiveMeasureStatus: boolean;
  objectiveNormalizedMeasure: number;
  primaryObjective?: { satisfiedStatusKnown?: boolean; progressStatus?: boolean } | null;
}
interface SnDelivery {
  valid: boolean;
  targetActivity: SnActivity | null;
  exception: string | null;
}
interface SnOverallProcess {
  processNavigationRequest(request: string, target?: string | null): SnDelivery;
  getSequencingState(): unknown;
  restoreSequencingState(state: unknown): boolean;
  predictContinueEnabled(): boolean;
  predictPreviousEnabled(): boolean;
  predictChoiceEnabled(activityId: string): boolean;
  getEffectiveHideLmsUi(activity: SnActivity | null): string[];
}
interface SnSequencing {
  _overallSequencingProcess: SnOverallProcess | null;
  activityTree: { root: SnActivity | null };
  getCurrentActivity(): SnActivity | null;
}
interface SnService {
  updateActivityFromCMI(activity: SnActivity): void;
  rollupProcess: { overallRollupProcess(activity: SnActivity): void };
}
interface SnApi {
  _sequencing: SnSequencing;
  _sequencingService: SnService | null;
  cmi: { initialize(): void };
}

export class Sequencer {
  private readonly api: Scorm2004API;
  private readonly internals: SnApi;
  private readonly process: SnOverallProcess;

  constructor(definition: SequencingDefinition, state: string | null, currentCmi: CmiState | null) {
    const sequencing = {
      activityTree: definition.activityTree,
      collections: definition.collections,
      autoRollupOnCMIChange: false,
      enableEventSystem: false,
      logLevel: "error",
    } as unknown as NonNullable<Settings["sequencing"]>;
    this.api = new Scorm2004API({ logLevel: 5, autocommit: false, sequencing });
    this.internals = this.api as unknown as SnApi;
    const process = this.internals._sequencing._overallSequencingProcess;
    if (!process) throw new Error("scorm-again built no sequencing process");
    this.process = process;
    if (state) {
      const parsed: unknown = JSON.parse(state);
      if (!this.process.restoreSequencingState(parsed)) throw new Error("the stored sequencing state does not fit");
    }
    if (currentCmi) {
      // The termination process transfers RTE data only from an initialised run-time.
      this.api.loadFromFlattenedJSON(currentCmi);
      this.internals.cmi.initialize();
    }
  }

  currentActivityId(): string | null {
    return this.internals._sequencing.getCurrentActivity()?.id ?? null;
  }

  /** True while the current activity's attempt is open (delivered and not yet terminated). */
  currentIsActive(): boolean {
    return this.internals._sequencing.getCurrentActivity()?.isActive ?? false;
  }

  navigate(request: NavigationRequest, target: string | null = null): NavigationResult {
    const delivery = this.process.processNavigationRequest(request, target);
    const deliver = delivery.valid ? (delivery.targetActivity?.id ?? null) : null;
    // A valid request that delivers nothing (exit, exitAll, suspendAll, the end of the course)
    // leaves the learner outside the content until they navigate again.
    const ended = delivery.valid && deliver === null;
    return { deliver, exception: delivery.valid ? null : (delivery.exception ?? "refused"), sessionEnded: ended };
  }

  /**
   * Brings the current activity's tracking status up to date with its run-time data and rolls it
   * up, without ending its attempt — what scorm-again does in the browser on a cmi change. Used
   * after a commit, so the root's status is right even when the learner never navigates again.
   */
  rollupCurrent(): void {
    const current = this.internals._sequencing.getCurrentActivity();
    const service = this.internals._sequencingService;
    if (!current || !service || current.children.length > 0) return;
    service.updateActivityFromCMI(current);
    service.rollupProcess.overallRollupProcess(current);
  }

  view(): NavigationView {
    const current = this.internals._sequencing.getCurrentActivity();
    const root = this.internals._sequencing.activityTree.root;
    const choices: string[] = [];
    const pending = root ? [...root.children] : [];
    for (let activity = pending.shift(); activity; activity = pending.shift()) {
      if (activity.children.length === 0 && this.process.predictChoiceEnabled(activity.id)) choices.push(activity.id);
      pending.push(...activity.children);
    }
    return {
      continueEnabled: current ? this.process.predictContinueEnabled() : false,
      previousEnabled: current ? this.process.predictPreviousEnabled() : false,
      choices,
      hideLmsUi: current ? this.process.getEffectiveHideLmsUi(current) : [],
    };
  }

  root(): RootOutcome {
    const root = this.internals._sequencing.activityTree.root;
    if (!root) return { completion: "unknown", success: "unknown", scoreScaled: null };
    const completion =
      root.completionStatus === "completed" || root.completionStatus === "incomplete"
        ? root.completionStatus
        : "unknown";
    const success = root.successStatus === "passed" || root.successStatus === "failed" ? root.successStatus : "unknown";
    return {
      completion,
      success,
      scoreScaled: root.objectiveMeasureStatus ? root.objectiveNormalizedMeasure : null,
    };
  }

  /** The tracking status of one activity, or null when the tree has no such activity. */
  activityStatus(id: string): { completion: string; success: string } | null {
    const pending = [this.internals._sequencing.activityTree.root];
    for (let activity = pending.pop(); activity; activity = pending.pop()) {
      if (activity.id === id) return { completion: activity.completionStatus, success: activity.successStatus };
      pending.push(...activity.children);
    }
    return null;
  }

  hasSuspendedActivity(): boolean {
    const state = this.process.getSequencingState() as { suspendedActivity?: unknown };
    return typeof state.suspendedActivity === "string" && state.suspendedActivity !== "";
  }

  serialize(): string {
    return JSON.stringify(this.process.getSequencingState());
  }
}
