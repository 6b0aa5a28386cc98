/**
 * Small SCORM packages for the sequencing tests (unit and e2e), generated from the CAM/SN books'
 * element definitions rather than copied from third-party packages. Each SCO is a tiny HTML page
 * whose behaviour is given by its `script` (what it calls on the run-time API).
 */
export interface TestSco {
  id: string;
  title: string;
  /** isvisible="false" */
  hidden?: boolean;
  /** The item's own imsss:sequencing (inner XML). */
  sequencing?: string;
  /** Inner XML after the title (adlnav:presentation, adlcp:completionThreshold, …). */
  extra?: string;
  /** JavaScript the SCO runs once loaded; `api` is the run-time API (or undefined). */
  script: string;
  /** Child items (a cluster) instead of a launchable SCO. */
  children?: TestSco[];
}

export interface TestPackage {
  title: string;
  version: "2004-3rd" | "2004-4th" | "1.2";
  /** The organization's imsss:sequencing (inner XML). */
  rootSequencing?: string;
  /** imsss:sequencingCollection content (imsss:sequencing elements with ID). */
  collection?: string;
  items: TestSco[];
}

const NAMESPACES_2004 =
  'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" ' +
  'xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" ' +
  'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"';
const NAMESPACES_12 =
  'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"';

function leaves(items: readonly TestSco[]): TestSco[] {
  return items.flatMap((item) => (item.children ? leaves(item.children) : [item]));
}

function itemXml(item: TestSco): string {
  const visible = item.hidden ? ' isvisible="false"' : "";
  const ref = item.children ? "" : ` identifierref="R-${item.id}"`;
  const sequencing = item.sequencing ? `<imsss:sequencing>${item.sequencing}</imsss:sequencing>` : "";
  const children = (item.children ?? []).map(itemXml).join("");
  return `<item identifier="${item.id}"${ref}${visible}><title>${item.title}</title>${children}${item.extra ?? ""}${sequencing}</item>`;
}

export function manifestXml(pkg: TestPackage): string {
  const is12 = pkg.version === "1.2";
  const schemaVersion = is12 ? "1.2" : pkg.version === "2004-4th" ? "2004 4th Edition" : "2004 3rd Edition";
  const scoType = is12 ? 'adlcp:scormtype="sco"' : 'adlcp:scormType="sco"';
  const resources = leaves(pkg.items)
    .map(
      (sco) =>
        `<resource identifier="R-${sco.id}" type="webcontent" ${scoType} href="${sco.id}.html"><file href="${sco.id}.html"/></resource>`,
    )
    .join("");
  const rootSequencing = pkg.rootSequencing ? `<imsss:sequencing>${pkg.rootSequencing}</imsss:sequencing>` : "";
  const collection = pkg.collection ? `<imsss:sequencingCollection>${pkg.collection}</imsss:sequencingCollection>` : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M-${pkg.title.replace(/\W+/g, "-")}" version="1" ${is12 ? NAMESPACES_12 : NAMESPACES_2004}>
<metadata><schema>ADL SCORM</schema><schemaversion>${schemaVersion}</schemaversion></metadata>
<organizations default="ORG"><organization identifier="ORG"><title>${pkg.title}</title>${pkg.items.map(itemXml).join("")}${rootSequencing}</organization></organizations>
<resources>${resources}</resources>${collection}
</manifest>`;
}

/** A SCO page: finds the API the way SCORM content does (RTE 3.3.6.2) and runs the script. */
export function scoHtml(sco: TestSco, version: TestPackage["version"]): string {
  const name = version === "1.2" ? "API" : "API_1484_11";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${sco.title}</title></head>
<body><h1>${sco.title}</h1><p id="state">loaded</p><script>
function findApi(win){for(var i=0;win&&i<10;i++){if(win.${name})return win.${name};if(win.parent===win)break;win=win.parent;}return undefined;}
var api=findApi(window);
${sco.script}
</script></body></html>`;
}

/** The files of a package: imsmanifest.xml and one HTML page per SCO. */
export function packageFiles(pkg: TestPackage): { name: string; data: string }[] {
  return [
    { name: "imsmanifest.xml", data: manifestXml(pkg) },
    ...leaves(pkg.items).map((sco) => ({ name: `${sco.id}.html`, data: scoHtml(sco, pkg.version) })),
  ];
}

/** Script for a SCORM 2004 SCO that reports completion (and optionally a scaled score) and terminates. */
export function reportingScript(
  options: { completion?: string; success?: string; scaled?: number; navRequest?: string } = {},
): string {
  const calls = [
    'api.Initialize("");',
    options.completion ? `api.SetValue("cmi.completion_status", "${options.completion}");` : "",
    options.success ? `api.SetValue("cmi.success_status", "${options.success}");` : "",
    options.scaled !== undefined ? `api.SetValue("cmi.score.scaled", "${options.scaled}");` : "",
    options.navRequest ? `api.SetValue("adl.nav.request", "${options.navRequest}");` : "",
    'api.Commit("");',
    'document.getElementById("state").textContent = "reported";',
  ];
  return `function finish(){${options.navRequest ? "" : ""}api.Terminate("");document.getElementById("state").textContent="terminated";}
${calls.join("\n")}
var button=document.createElement("button");button.textContent="Finish";button.onclick=finish;document.body.appendChild(button);`;
}

// --- The packages of the conformance table (docs/scorm.md) --------------------------------------

/** SN 3.2 / 4.2: choice off, flow on — the learner goes through the SCOs in order. */
export const FORCED_SEQUENTIAL: TestPackage = {
  title: "Forced sequential",
  version: "2004-3rd",
  rootSequencing: '<imsss:controlMode choice="false" flow="true"/>',
  items: [
    { id: "ONE", title: "Part one", script: reportingScript({ completion: "completed" }) },
    { id: "TWO", title: "Part two", script: reportingScript({ completion: "completed" }) },
    { id: "THREE", title: "Part three", script: reportingScript({ completion: "completed" }) },
  ],
};

/**
 * Post-test rollup: the content SCOs do not count for satisfaction or measure
 * (rollupObjectiveSatisfied="false", objectiveMeasureWeight="0"); the post-test's primary
 * objective is satisfied by measure, so the course's success and score are the post-test's.
 */
export const POST_TEST_ROLLUP: TestPackage = {
  title: "Post-test rollup",
  version: "2004-3rd",
  rootSequencing: '<imsss:controlMode choice="true" flow="true"/>',
  items: [
    {
      id: "LESSON",
      title: "Lesson",
      script: reportingScript({ completion: "completed", scaled: 0.1 }),
      sequencing: '<imsss:rollupRules rollupObjectiveSatisfied="false" objectiveMeasureWeight="0"/>',
    },
    {
      id: "POSTTEST",
      title: "Post-test",
      script: reportingScript({ completion: "completed", scaled: 0.9 }),
      sequencing:
        '<imsss:objectives><imsss:primaryObjective objectiveID="post" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure></imsss:primaryObjective></imsss:objectives>',
    },
  ],
};

/**
 * Pre-test skip (SN 3.4 / 4.2.1, the "pre-test" design): a pre-test writes its satisfaction to a
 * global objective; the content SCO reads it and is skipped when it is satisfied.
 */
export const PRE_TEST_SKIP: TestPackage = {
  title: "Pre-test skip",
  version: "2004-3rd",
  rootSequencing: '<imsss:controlMode choice="false" flow="true"/>',
  items: [
    {
      id: "PRETEST",
      title: "Pre-test",
      script: reportingScript({ completion: "completed", success: "passed", scaled: 1 }),
      sequencing:
        '<imsss:objectives><imsss:primaryObjective objectiveID="pre"><imsss:mapInfo targetObjectiveID="g-mastered" readSatisfiedStatus="false" writeSatisfiedStatus="true"/></imsss:primaryObjective></imsss:objectives>',
    },
    {
      id: "CONTENT",
      title: "Content",
      script: reportingScript({ completion: "completed" }),
      sequencing:
        '<imsss:sequencingRules><imsss:preConditionRule><imsss:ruleConditions><imsss:ruleCondition referencedObjective="mastered" condition="satisfied"/></imsss:ruleConditions><imsss:ruleAction action="skip"/></imsss:preConditionRule></imsss:sequencingRules>' +
        '<imsss:objectives><imsss:primaryObjective objectiveID="content"/><imsss:objective objectiveID="mastered"><imsss:mapInfo targetObjectiveID="g-mastered" readSatisfiedStatus="true"/></imsss:objective></imsss:objectives>',
    },
    { id: "WRAPUP", title: "Wrap-up", script: reportingScript({ completion: "completed" }) },
  ],
};

/** Random hidden post-test: one of two hidden tests is selected (SN 3.9 selectCount). */
export const RANDOM_HIDDEN_POST_TEST: TestPackage = {
  title: "Random hidden post-test",
  version: "2004-3rd",
  rootSequencing: '<imsss:controlMode choice="false" flow="true"/>',
  items: [
    { id: "STUDY", title: "Study", script: reportingScript({ completion: "completed" }) },
    {
      id: "TESTS",
      title: "Tests",
      sequencing:
        '<imsss:controlMode choice="false" flow="true"/><imsss:randomizationControls selectCount="1" selectionTiming="onEachNewAttempt"/>',
      script: "",
      children: [
        {
          id: "TEST_A",
          title: "Test A",
          hidden: true,
          script: reportingScript({ completion: "completed", success: "passed", scaled: 0.9 }),
        },
        {
          id: "TEST_B",
          title: "Test B",
          hidden: true,
          script: reportingScript({ completion: "completed", success: "passed", scaled: 0.9 }),
        },
      ],
    },
  ],
};

/** A SCORM 2004 SCO that never calls Initialize (SN 3.13 delivery controls defaults). */
export const NEVER_INITIALISES: TestPackage = {
  title: "Never initialises",
  version: "2004-3rd",
  items: [{ id: "SILENT", title: "Silent page", script: 'document.getElementById("state").textContent = "silent";' }],
};

/** A SCORM 1.2 SCO that only calls LMSInitialize and LMSFinish. */
export const ONLY_INITIALISE_FINISH_12: TestPackage = {
  title: "Only initialise and finish",
  version: "1.2",
  items: [
    {
      id: "BARE",
      title: "Bare SCO",
      script:
        'api.LMSInitialize(""); document.getElementById("state").textContent = "initialised";' +
        'var b=document.createElement("button");b.textContent="Finish";b.onclick=function(){api.LMSFinish("");document.getElementById("state").textContent="finished";};document.body.appendChild(b);',
    },
  ],
};

/** 4th edition jump: the first SCO asks for {target=…}jump past the middle one. */
export const JUMP_4TH: TestPackage = {
  title: "Fourth edition jump",
  version: "2004-4th",
  rootSequencing: '<imsss:controlMode choice="false" flow="true"/>',
  items: [
    {
      id: "START",
      title: "Start",
      script: reportingScript({ completion: "completed", navRequest: "{target=LAST}jump" }),
      extra: '<adlcp:completionThreshold completedByMeasure="false" minProgressMeasure="0.5" progressWeight="1"/>',
    },
    { id: "MIDDLE", title: "Middle", script: reportingScript({ completion: "completed" }) },
    {
      id: "LAST",
      title: "Last",
      script: reportingScript({ completion: "completed" }),
      extra:
        "<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>previous</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>",
    },
  ],
};
