/**
 * The sequencing definition of a SCORM 2004 package: the activity tree of the default organization
 * with the IMS Simple Sequencing data (SN book, 4th edition, chapter 5 / CAM 5.1.5) as extracted
 * from the manifest at import. It is stored with the package (ScormManifest.sequencing) and is
 * what the server-side sequencer (engine.server.ts) builds scorm-again's activity tree from, so
 * its field names follow scorm-again's `ActivitySettings`; values are plain strings where
 * scorm-again declares enums.
 */

export interface SequencingRuleCondition {
  /** e.g. "satisfied", "completed", "attempted", "objectiveMeasureGreaterThan", "always". */
  condition: string;
  operator?: "not" | "noOp";
  referencedObjective?: string;
  /** measureThreshold for the measure conditions. */
  parameters?: { threshold: number };
}

export interface SequencingRule {
  /** skip | disabled | hiddenFromChoice | stopForwardTraversal | exitParent | exitAll | retry | retryAll | continue | previous | exit */
  action: string;
  conditionCombination: "all" | "any";
  conditions: SequencingRuleCondition[];
}

export interface SequencingRules {
  preConditionRules?: SequencingRule[];
  exitConditionRules?: SequencingRule[];
  postConditionRules?: SequencingRule[];
}

export interface RollupRule {
  /** satisfied | notSatisfied | completed | incomplete */
  action: string;
  /** The rule's childActivitySet: all | any | none | atLeastCount | atLeastPercent. */
  consideration: string;
  conditionCombination: "all" | "any";
  minimumCount?: number;
  minimumPercent?: number;
  conditions: { condition: string; operator?: "not" | "noOp" }[];
}

/** imsss:controlMode, imsss:rollupRules attributes, imsss:randomizationControls, imsss:deliveryControls, adlseq:constrainedChoiceConsiderations. */
export interface SequencingControls {
  choice?: boolean;
  choiceExit?: boolean;
  flow?: boolean;
  forwardOnly?: boolean;
  useCurrentAttemptObjectiveInfo?: boolean;
  useCurrentAttemptProgressInfo?: boolean;
  rollupObjectiveSatisfied?: boolean;
  rollupProgressCompletion?: boolean;
  objectiveMeasureWeight?: number;
  selectionTiming?: string;
  selectCount?: number | null;
  randomizationTiming?: string;
  reorderChildren?: boolean;
  randomizeChildren?: boolean;
  preventActivation?: boolean;
  constrainChoice?: boolean;
}

export interface DeliveryControls {
  tracked?: boolean;
  completionSetByContent?: boolean;
  objectiveSetByContent?: boolean;
}

export interface ObjectiveMapInfo {
  targetObjectiveID: string;
  readSatisfiedStatus?: boolean;
  readNormalizedMeasure?: boolean;
  writeSatisfiedStatus?: boolean;
  writeNormalizedMeasure?: boolean;
  readCompletionStatus?: boolean;
  writeCompletionStatus?: boolean;
  readProgressMeasure?: boolean;
  writeProgressMeasure?: boolean;
  readRawScore?: boolean;
  writeRawScore?: boolean;
  readMinScore?: boolean;
  writeMinScore?: boolean;
  readMaxScore?: boolean;
  writeMaxScore?: boolean;
}

export interface SequencingObjective {
  objectiveID: string;
  isPrimary?: boolean;
  satisfiedByMeasure?: boolean;
  minNormalizedMeasure?: number | null;
  mapInfo?: ObjectiveMapInfo[];
}

export interface RollupConsiderations {
  requiredForSatisfied?: string;
  requiredForNotSatisfied?: string;
  requiredForCompleted?: string;
  requiredForIncomplete?: string;
  measureSatisfactionIfActive?: boolean;
}

/** The sequencing elements an item (or a sequencingCollection entry) may carry. */
export interface SequencingData {
  sequencingControls?: SequencingControls;
  deliveryControls?: DeliveryControls;
  sequencingRules?: SequencingRules;
  rollupRules?: { rules: RollupRule[] };
  rollupConsiderations?: RollupConsiderations;
  primaryObjective?: SequencingObjective;
  objectives?: SequencingObjective[];
  attemptLimit?: number | null;
  attemptAbsoluteDurationLimit?: string | null;
}

export interface SequencingActivity extends SequencingData {
  /** The item identifier (the organization identifier for the root). */
  id: string;
  title: string;
  /** isvisible="false" keeps the activity in the tree; only the table of contents leaves it out. */
  isVisible: boolean;
  /** The resource a leaf launches; null for a cluster. */
  resourceId: string | null;
  /** IDRef into the manifest's sequencingCollection. */
  sequencingCollectionRefs?: string;
  /** adlnav:hideLMSUI values of the item's presentation. */
  hideLmsUi?: string[];
  /** adlcp:completionThreshold (4th edition attributes, or the 3rd edition's element value). */
  completionThreshold?: { completedByMeasure?: boolean; minProgressMeasure?: number; progressWeight?: number };
  children?: SequencingActivity[];
}

export interface SequencingDefinition {
  activityTree: SequencingActivity;
  /** sequencingCollection entries by ID. */
  collections: Record<string, SequencingData>;
  /** adlseq:objectivesGlobalToSystem on the organization (default true). */
  objectivesGlobalToSystem: boolean;
  is4thEdition: boolean;
}

/** SN book defaults (SN 5.1 / table 3.1.1a): what applies when the manifest says nothing. */
export function effectiveDeliveryControls(activity: SequencingActivity, definition: SequencingDefinition) {
  const fromCollection = activity.sequencingCollectionRefs
    ? definition.collections[activity.sequencingCollectionRefs]?.deliveryControls
    : undefined;
  return {
    tracked: activity.deliveryControls?.tracked ?? fromCollection?.tracked ?? true,
    completionSetByContent:
      activity.deliveryControls?.completionSetByContent ?? fromCollection?.completionSetByContent ?? false,
    objectiveSetByContent:
      activity.deliveryControls?.objectiveSetByContent ?? fromCollection?.objectiveSetByContent ?? false,
  };
}

/** Every activity of the tree, depth first in content order. */
export function activitiesOf(definition: SequencingDefinition): SequencingActivity[] {
  const result: SequencingActivity[] = [];
  const pending = [definition.activityTree];
  for (let activity = pending.pop(); activity; activity = pending.pop()) {
    result.push(activity);
    pending.push(...[...(activity.children ?? [])].reverse());
  }
  return result;
}

/** True when the package sequences anything beyond the SN defaults (free choice, no rules). */
export function hasSequencingData(definition: SequencingDefinition): boolean {
  return (
    Object.keys(definition.collections).length > 0 ||
    activitiesOf(definition).some(
      (activity) =>
        activity.sequencingControls !== undefined ||
        activity.sequencingRules !== undefined ||
        activity.rollupRules !== undefined ||
        activity.primaryObjective !== undefined ||
        activity.sequencingCollectionRefs !== undefined ||
        activity.attemptLimit !== undefined ||
        (activity.hideLmsUi?.length ?? 0) > 0,
    )
  );
}
