/**
 * Reads the IMS Simple Sequencing and ADL extension elements of a SCORM 2004 manifest (CAM book
 * 5.1.5 "imsss", 5.1.6 "adlseq", 5.1.7 "adlnav"; 4th edition adlcp:completionThreshold) into a
 * SequencingDefinition. Elements are matched by namespace URI, never by prefix. Unknown or invalid
 * values are left out, so the SN defaults apply to them.
 */
import type { Element } from "@xmldom/xmldom";

import { NS } from "~/scorm/package/namespaces";
import { attribute, elementChildren, matches, parseBoolean, parseDecimal, text } from "~/scorm/package/xml.server";

import type {
  ObjectiveMapInfo,
  RollupConsiderations,
  RollupRule,
  SequencingActivity,
  SequencingControls,
  SequencingData,
  SequencingDefinition,
  SequencingObjective,
  SequencingRule,
  SequencingRules,
} from "./definition";

const HIDE_LMS_UI = new Set(["continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll"]);

export function readSequencingDefinition(
  root: Element,
  organization: Element,
  cpNamespaces: readonly (string | null)[],
  is4thEdition: boolean,
): SequencingDefinition {
  const collections: Record<string, SequencingData> = {};
  for (const collection of childrenIn(root, NS.imsss, "sequencingCollection")) {
    for (const sequencing of childrenIn(collection, NS.imsss, "sequencing")) {
      const id = attribute(sequencing, "ID");
      if (id) collections[id] = readSequencingData(sequencing);
    }
  }
  const readActivity = (element: Element, isRoot: boolean): SequencingActivity => {
    const id = attribute(element, "identifier") ?? "";
    const title = text(cpChildren(element, cpNamespaces, "title")[0]) ?? id;
    const sequencing = childrenIn(element, NS.imsss, "sequencing")[0];
    const children = cpChildren(element, cpNamespaces, "item").map((child) => readActivity(child, false));
    const activity: SequencingActivity = {
      id,
      title,
      isVisible: isRoot ? true : parseBoolean(attribute(element, "isvisible"), true),
      resourceId: isRoot ? null : attribute(element, "identifierref")?.trim() || null,
      ...(sequencing ? readSequencingData(sequencing) : {}),
    };
    const ref = sequencing ? attribute(sequencing, "IDRef")?.trim() : undefined;
    if (ref && collections[ref]) activity.sequencingCollectionRefs = ref;
    const hide = readHideLmsUi(element);
    if (hide.length > 0) activity.hideLmsUi = hide;
    const threshold = readCompletionThreshold(element);
    if (threshold) activity.completionThreshold = threshold;
    if (children.length > 0) activity.children = children;
    return activity;
  };
  return {
    activityTree: readActivity(organization, true),
    collections,
    objectivesGlobalToSystem: parseBoolean(
      organization.getAttributeNS(NS.adlseq, "objectivesGlobalToSystem") || null,
      true,
    ),
    is4thEdition,
  };
}

function readSequencingData(sequencing: Element): SequencingData {
  const data: SequencingData = {};
  const controls: SequencingControls = {};

  const controlMode = first(sequencing, NS.imsss, "controlMode");
  if (controlMode) {
    for (const name of [
      "choice",
      "choiceExit",
      "flow",
      "forwardOnly",
      "useCurrentAttemptObjectiveInfo",
      "useCurrentAttemptProgressInfo",
    ] as const) {
      const value = booleanAttribute(controlMode, name);
      if (value !== undefined) controls[name] = value;
    }
  }

  const rules = readSequencingRules(sequencing);
  if (rules) data.sequencingRules = rules;

  const limits = first(sequencing, NS.imsss, "limitConditions");
  if (limits) {
    const attemptLimit = parseDecimal(attribute(limits, "attemptLimit"));
    if (attemptLimit !== null && Number.isInteger(attemptLimit) && attemptLimit >= 0)
      data.attemptLimit = attemptLimit === 0 ? null : attemptLimit;
    const duration = attribute(limits, "attemptAbsoluteDurationLimit")?.trim();
    if (duration) data.attemptAbsoluteDurationLimit = duration;
  }

  const rollupRules = first(sequencing, NS.imsss, "rollupRules");
  if (rollupRules) {
    const objectiveSatisfied = booleanAttribute(rollupRules, "rollupObjectiveSatisfied");
    if (objectiveSatisfied !== undefined) controls.rollupObjectiveSatisfied = objectiveSatisfied;
    const progressCompletion = booleanAttribute(rollupRules, "rollupProgressCompletion");
    if (progressCompletion !== undefined) controls.rollupProgressCompletion = progressCompletion;
    const weight = parseDecimal(attribute(rollupRules, "objectiveMeasureWeight"));
    if (weight !== null && weight >= 0 && weight <= 1) controls.objectiveMeasureWeight = weight;
    const parsed = childrenIn(rollupRules, NS.imsss, "rollupRule").flatMap((rule) => readRollupRule(rule) ?? []);
    if (parsed.length > 0) data.rollupRules = { rules: parsed };
  }

  const objectives = first(sequencing, NS.imsss, "objectives");
  if (objectives) {
    const primary = first(objectives, NS.imsss, "primaryObjective");
    if (primary) data.primaryObjective = readObjective(primary, true, sequencing);
    const others = childrenIn(objectives, NS.imsss, "objective").map((element) =>
      readObjective(element, false, sequencing),
    );
    if (others.length > 0) data.objectives = others;
  }

  const randomization = first(sequencing, NS.imsss, "randomizationControls");
  if (randomization) {
    const timing = attribute(randomization, "randomizationTiming")?.trim();
    if (timing) controls.randomizationTiming = timing;
    const selectionTiming = attribute(randomization, "selectionTiming")?.trim();
    if (selectionTiming) controls.selectionTiming = selectionTiming;
    const count = parseDecimal(attribute(randomization, "selectCount"));
    if (count !== null && Number.isInteger(count) && count >= 0) controls.selectCount = count;
    const reorder = booleanAttribute(randomization, "reorderChildren");
    if (reorder !== undefined) {
      controls.reorderChildren = reorder;
      controls.randomizeChildren = reorder;
    }
  }

  const delivery = first(sequencing, NS.imsss, "deliveryControls");
  if (delivery) {
    data.deliveryControls = {};
    for (const name of ["tracked", "completionSetByContent", "objectiveSetByContent"] as const) {
      const value = booleanAttribute(delivery, name);
      if (value !== undefined) data.deliveryControls[name] = value;
    }
  }

  const constrained = first(sequencing, NS.adlseq, "constrainedChoiceConsiderations");
  if (constrained) {
    for (const name of ["preventActivation", "constrainChoice"] as const) {
      const value = booleanAttribute(constrained, name);
      if (value !== undefined) controls[name] = value;
    }
  }

  const considerations = first(sequencing, NS.adlseq, "rollupConsiderations");
  if (considerations) {
    const result: RollupConsiderations = {};
    for (const name of [
      "requiredForSatisfied",
      "requiredForNotSatisfied",
      "requiredForCompleted",
      "requiredForIncomplete",
    ] as const) {
      const value = attribute(considerations, name)?.trim();
      if (value) result[name] = value;
    }
    const active = booleanAttribute(considerations, "measureSatisfactionIfActive");
    if (active !== undefined) result.measureSatisfactionIfActive = active;
    data.rollupConsiderations = result;
  }

  if (Object.keys(controls).length > 0) data.sequencingControls = controls;
  return data;
}

function readSequencingRules(sequencing: Element): SequencingRules | null {
  const container = first(sequencing, NS.imsss, "sequencingRules");
  if (!container) return null;
  const rules: SequencingRules = {};
  const kinds = [
    ["preConditionRule", "preConditionRules"],
    ["exitConditionRule", "exitConditionRules"],
    ["postConditionRule", "postConditionRules"],
  ] as const;
  for (const [element, field] of kinds) {
    const parsed = childrenIn(container, NS.imsss, element).flatMap((rule) => readSequencingRule(rule) ?? []);
    if (parsed.length > 0) rules[field] = parsed;
  }
  return rules;
}

function readSequencingRule(rule: Element): SequencingRule | null {
  const action = attribute(first(rule, NS.imsss, "ruleAction") ?? rule, "action")?.trim();
  const conditionsElement = first(rule, NS.imsss, "ruleConditions");
  if (!action || !conditionsElement) return null;
  return {
    action,
    conditionCombination: attribute(conditionsElement, "conditionCombination")?.trim() === "any" ? "any" : "all",
    conditions: childrenIn(conditionsElement, NS.imsss, "ruleCondition").flatMap((condition) => {
      const name = attribute(condition, "condition")?.trim();
      if (!name) return [];
      const threshold = parseDecimal(attribute(condition, "measureThreshold"));
      const referenced = attribute(condition, "referencedObjective")?.trim();
      return [
        {
          condition: name,
          operator: attribute(condition, "operator")?.trim() === "not" ? ("not" as const) : ("noOp" as const),
          ...(referenced ? { referencedObjective: referenced } : {}),
          ...(threshold !== null ? { parameters: { threshold } } : {}),
        },
      ];
    }),
  };
}

function readRollupRule(rule: Element): RollupRule | null {
  const action = attribute(first(rule, NS.imsss, "rollupAction") ?? rule, "action")?.trim();
  const conditionsElement = first(rule, NS.imsss, "rollupConditions");
  if (!action || !conditionsElement) return null;
  const minimumCount = parseDecimal(attribute(rule, "minimumCount"));
  const minimumPercent = parseDecimal(attribute(rule, "minimumPercent"));
  return {
    action,
    consideration: attribute(rule, "childActivitySet")?.trim() || "all",
    conditionCombination: attribute(conditionsElement, "conditionCombination")?.trim() === "all" ? "all" : "any",
    ...(minimumCount !== null ? { minimumCount } : {}),
    ...(minimumPercent !== null ? { minimumPercent } : {}),
    conditions: childrenIn(conditionsElement, NS.imsss, "rollupCondition").flatMap((condition) => {
      const name = attribute(condition, "condition")?.trim();
      if (!name) return [];
      return [
        { condition: name, operator: attribute(condition, "operator")?.trim() === "not" ? "not" : ("noOp" as const) },
      ];
    }),
  };
}

function readObjective(element: Element, isPrimary: boolean, sequencing: Element): SequencingObjective {
  const objectiveID = attribute(element, "objectiveID")?.trim() ?? "";
  const satisfiedByMeasure = booleanAttribute(element, "satisfiedByMeasure") ?? false;
  const minimum = parseDecimal(text(first(element, NS.imsss, "minNormalizedMeasure")) ?? null);
  const mapInfo: ObjectiveMapInfo[] = childrenIn(element, NS.imsss, "mapInfo").flatMap((info) => {
    const target = attribute(info, "targetObjectiveID")?.trim();
    if (!target) return [];
    const map: ObjectiveMapInfo = { targetObjectiveID: target };
    for (const name of [
      "readSatisfiedStatus",
      "readNormalizedMeasure",
      "writeSatisfiedStatus",
      "writeNormalizedMeasure",
    ] as const) {
      const value = booleanAttribute(info, name);
      if (value !== undefined) map[name] = value;
    }
    return [map];
  });
  // 4th edition: adlseq:objectives/adlseq:objective[@objectiveID]/adlseq:mapInfo extends the map.
  for (const adlObjectives of childrenIn(sequencing, NS.adlseq, "objectives")) {
    for (const adlObjective of childrenIn(adlObjectives, NS.adlseq, "objective")) {
      if (attribute(adlObjective, "objectiveID")?.trim() !== objectiveID) continue;
      for (const info of childrenIn(adlObjective, NS.adlseq, "mapInfo")) {
        const target = attribute(info, "targetObjectiveID")?.trim();
        if (!target) continue;
        const map: ObjectiveMapInfo = { targetObjectiveID: target };
        for (const name of [
          "readCompletionStatus",
          "writeCompletionStatus",
          "readProgressMeasure",
          "writeProgressMeasure",
          "readRawScore",
          "writeRawScore",
          "readMinScore",
          "writeMinScore",
          "readMaxScore",
          "writeMaxScore",
        ] as const) {
          const value = booleanAttribute(info, name);
          if (value !== undefined) map[name] = value;
        }
        mapInfo.push(map);
      }
    }
  }
  return {
    objectiveID,
    isPrimary,
    satisfiedByMeasure,
    // SN 5.1.5.1: without the element, minNormalizedMeasure defaults to 1.0.
    ...(satisfiedByMeasure
      ? { minNormalizedMeasure: minimum !== null && minimum >= -1 && minimum <= 1 ? minimum : 1 }
      : {}),
    ...(mapInfo.length > 0 ? { mapInfo } : {}),
  };
}

function readHideLmsUi(item: Element): string[] {
  const values = new Set<string>();
  for (const presentation of childrenIn(item, NS.adlnav, "presentation")) {
    for (const navigation of childrenIn(presentation, NS.adlnav, "navigationInterface")) {
      for (const hide of childrenIn(navigation, NS.adlnav, "hideLMSUI")) {
        const value = text(hide);
        if (value && HIDE_LMS_UI.has(value)) values.add(value);
      }
    }
  }
  return [...values];
}

function readCompletionThreshold(item: Element): SequencingActivity["completionThreshold"] | null {
  const element = childrenIn(item, NS.adlcp2004, "completionThreshold")[0];
  if (!element) return null;
  const result: NonNullable<SequencingActivity["completionThreshold"]> = {};
  const byMeasure = booleanAttribute(element, "completedByMeasure");
  if (byMeasure !== undefined) result.completedByMeasure = byMeasure;
  // 3rd edition: the threshold is the element's value and always applies by measure.
  const minimum = parseDecimal(attribute(element, "minProgressMeasure")) ?? parseDecimal(text(element));
  if (minimum !== null && minimum >= 0 && minimum <= 1) {
    result.minProgressMeasure = minimum;
    if (byMeasure === undefined && !element.hasAttribute("minProgressMeasure")) result.completedByMeasure = true;
  }
  const weight = parseDecimal(attribute(element, "progressWeight"));
  if (weight !== null && weight >= 0 && weight <= 1) result.progressWeight = weight;
  return Object.keys(result).length > 0 ? result : null;
}

function first(parent: Element, namespace: string, localName: string): Element | undefined {
  return childrenIn(parent, namespace, localName)[0];
}

function childrenIn(parent: Element, namespace: string, localName: string): Element[] {
  return elementChildren(parent).filter((child) => matches(child, [namespace], localName));
}

function cpChildren(parent: Element, namespaces: readonly (string | null)[], localName: string): Element[] {
  return elementChildren(parent).filter((child) => matches(child, namespaces, localName));
}

function booleanAttribute(element: Element, name: string): boolean | undefined {
  const value = attribute(element, name);
  if (value === null) return undefined;
  const normalised = value.trim().toLowerCase();
  if (normalised === "true" || normalised === "1") return true;
  if (normalised === "false" || normalised === "0") return false;
  return undefined;
}
