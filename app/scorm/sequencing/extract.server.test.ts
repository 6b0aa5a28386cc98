import { describe, expect, it } from "vitest";

import { parseScormManifest } from "~/scorm/package/manifest.server";

import { activitiesOf, effectiveDeliveryControls, hasSequencingData } from "./definition";
import { JUMP_4TH, manifestXml, PRE_TEST_SKIP, RANDOM_HIDDEN_POST_TEST } from "./test-packages";

function definitionOf(xml: string) {
  const definition = parseScormManifest(xml).manifest.sequencing;
  if (!definition) throw new Error("no sequencing definition");
  return definition;
}

const FULL = manifestXml({
  title: "Everything",
  version: "2004-4th",
  rootSequencing:
    '<imsss:controlMode choice="false" flow="true" forwardOnly="true"/>' +
    '<imsss:rollupRules objectiveMeasureWeight="0.5"><imsss:rollupRule childActivitySet="atLeastCount" minimumCount="2"><imsss:rollupConditions conditionCombination="all"><imsss:rollupCondition operator="not" condition="attempted"/></imsss:rollupConditions><imsss:rollupAction action="incomplete"/></imsss:rollupRule></imsss:rollupRules>',
  collection:
    '<imsss:sequencing ID="common"><imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/><imsss:limitConditions attemptLimit="3"/></imsss:sequencing>',
  items: [
    {
      id: "A",
      title: "A",
      script: "",
      extra:
        '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.75" progressWeight="0.4"/>' +
        "<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>continue</adlnav:hideLMSUI><adlnav:hideLMSUI>bogus</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>",
      sequencing:
        '<imsss:sequencingRules><imsss:postConditionRule><imsss:ruleConditions conditionCombination="any"><imsss:ruleCondition condition="objectiveMeasureGreaterThan" measureThreshold="0.6" referencedObjective="obj-a"/></imsss:ruleConditions><imsss:ruleAction action="exitAll"/></imsss:postConditionRule></imsss:sequencingRules>' +
        '<imsss:objectives><imsss:primaryObjective objectiveID="obj-a" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure><imsss:mapInfo targetObjectiveID="global-a" writeSatisfiedStatus="true" readSatisfiedStatus="false"/></imsss:primaryObjective></imsss:objectives>' +
        '<imsss:randomizationControls selectCount="1" randomizationTiming="onEachNewAttempt" reorderChildren="true"/>' +
        '<adlseq:objectives><adlseq:objective objectiveID="obj-a"><adlseq:mapInfo targetObjectiveID="global-a" writeCompletionStatus="true"/></adlseq:objective></adlseq:objectives>',
    },
    { id: "B", title: "B", hidden: true, script: "", sequencing: "" },
  ],
});

describe("sequencing definition from the manifest", () => {
  it("reads control modes, rules, rollup, objectives with mapInfo, limits, randomisation, hideLMSUI and 4th-edition thresholds", () => {
    // The IDRef only appears on an item's own imsss:sequencing element.
    const definition = definitionOf(
      FULL.replace("<title>B</title>", '<title>B</title><imsss:sequencing IDRef="common"/>'),
    );
    expect(definition.is4thEdition).toBe(true);
    const root = definition.activityTree;
    expect(root).toMatchObject({
      id: "ORG",
      sequencingControls: { choice: false, flow: true, forwardOnly: true, objectiveMeasureWeight: 0.5 },
      rollupRules: {
        rules: [
          {
            action: "incomplete",
            consideration: "atLeastCount",
            minimumCount: 2,
            conditionCombination: "all",
            conditions: [{ condition: "attempted", operator: "not" }],
          },
        ],
      },
    });
    const [a, b] = root.children!;
    expect(a).toMatchObject({
      id: "A",
      isVisible: true,
      resourceId: "R-A",
      hideLmsUi: ["continue"],
      completionThreshold: { completedByMeasure: true, minProgressMeasure: 0.75, progressWeight: 0.4 },
      sequencingRules: {
        postConditionRules: [
          {
            action: "exitAll",
            conditionCombination: "any",
            conditions: [
              {
                condition: "objectiveMeasureGreaterThan",
                referencedObjective: "obj-a",
                parameters: { threshold: 0.6 },
                operator: "noOp",
              },
            ],
          },
        ],
      },
      primaryObjective: {
        objectiveID: "obj-a",
        isPrimary: true,
        satisfiedByMeasure: true,
        minNormalizedMeasure: 0.6,
        mapInfo: [
          { targetObjectiveID: "global-a", writeSatisfiedStatus: true, readSatisfiedStatus: false },
          { targetObjectiveID: "global-a", writeCompletionStatus: true },
        ],
      },
      sequencingControls: { selectCount: 1, randomizationTiming: "onEachNewAttempt", reorderChildren: true },
    });
    // Hidden items stay in the activity tree; the collection is referenced, not copied.
    expect(b).toMatchObject({ id: "B", isVisible: false, sequencingCollectionRefs: "common" });
    expect(definition.collections.common).toMatchObject({
      deliveryControls: { completionSetByContent: true, objectiveSetByContent: true },
      attemptLimit: 3,
    });
    expect(effectiveDeliveryControls(b!, definition)).toEqual({
      tracked: true,
      completionSetByContent: true,
      objectiveSetByContent: true,
    });
    expect(effectiveDeliveryControls(a!, definition)).toEqual({
      tracked: true,
      completionSetByContent: false,
      objectiveSetByContent: false,
    });
    expect(hasSequencingData(definition)).toBe(true);
  });

  it("defaults minNormalizedMeasure to 1.0 for an objective satisfied by measure without one", () => {
    const xml = manifestXml({
      title: "Default measure",
      version: "2004-3rd",
      items: [
        {
          id: "Q",
          title: "Q",
          script: "",
          sequencing:
            '<imsss:objectives><imsss:primaryObjective objectiveID="q" satisfiedByMeasure="true"/></imsss:objectives>',
        },
      ],
    });
    expect(definitionOf(xml).activityTree.children![0]!.primaryObjective).toEqual({
      objectiveID: "q",
      isPrimary: true,
      satisfiedByMeasure: true,
      minNormalizedMeasure: 1,
    });
  });

  it("keeps hidden tests and nested clusters in the tree, and has no definition for SCORM 1.2", () => {
    const random = definitionOf(manifestXml(RANDOM_HIDDEN_POST_TEST));
    expect(activitiesOf(random).map((activity) => [activity.id, activity.isVisible])).toEqual([
      ["ORG", true],
      ["STUDY", true],
      ["TESTS", true],
      ["TEST_A", false],
      ["TEST_B", false],
    ]);
    expect(random.activityTree.children![1]!.sequencingControls).toMatchObject({
      selectCount: 1,
      selectionTiming: "onEachNewAttempt",
    });
    const pre = definitionOf(manifestXml(PRE_TEST_SKIP));
    expect(pre.activityTree.children![1]!.objectives).toEqual([
      {
        objectiveID: "mastered",
        isPrimary: false,
        satisfiedByMeasure: false,
        mapInfo: [{ targetObjectiveID: "g-mastered", readSatisfiedStatus: true }],
      },
    ]);
    expect(definitionOf(manifestXml(JUMP_4TH)).is4thEdition).toBe(true);
    expect(
      parseScormManifest(manifestXml({ title: "Old", version: "1.2", items: [{ id: "X", title: "X", script: "" }] }))
        .manifest.sequencing,
    ).toBeNull();
  });
});
