import { describe, expect, it } from "vitest";

import type { Question } from "./questions";
import { keyIsLongest, lintItemBank, wordKeys } from "./item-lint";

/** A single-choice question whose options are given as [nl text, correct?]; English mirrors Dutch. */
function single(id: string, text: string, options: Array<[string, boolean]>, extra: Partial<Question> = {}): Question {
  return {
    id,
    type: "single",
    topic: null,
    objectives: [1],
    scenario: null,
    text: { nl: text, en: text },
    options: options.map(([option, correct]) => ({
      text: { nl: option, en: option },
      correct,
      feedback: { nl: "-", en: "-" },
    })),
    explanation: { nl: "-", en: "-" },
    ...extra,
  };
}

function trueFalse(id: string, answer: boolean, text = "Een bewering."): Question {
  return {
    id,
    type: "true_false",
    topic: null,
    objectives: [1],
    scenario: null,
    text: { nl: text, en: text },
    options: [
      { text: null, correct: answer, feedback: { nl: "-", en: "-" } },
      { text: null, correct: !answer, feedback: { nl: "-", en: "-" } },
    ],
    explanation: { nl: "-", en: "-" },
  };
}

const LANGUAGES = ["nl", "en"] as const;

function rules(questions: Question[]) {
  return lintItemBank(questions, LANGUAGES).map((finding) => [finding.rule, finding.questionIndex]);
}

describe("lintItemBank: longest-key", () => {
  const longKey = (id: string) =>
    single(id, "Vraag?", [
      ["een lang en volledig antwoord", true],
      ["kort", false],
      ["ook kort", false],
    ]);
  const shortKey = (id: string) =>
    single(id, "Vraag?", [
      ["kort", true],
      ["een lang maar fout antwoord", false],
      ["ook kort", false],
    ]);

  it("flags a bank where the key is the longest option in more than a third of the items", () => {
    const findings = lintItemBank([longKey("a"), longKey("b"), shortKey("c"), shortKey("d")], LANGUAGES);
    expect(findings.map((finding) => finding.rule)).toEqual(["longest-key", "longest-key"]);
    expect(findings[0]?.message).toContain("2 of 4 single/scenario questions (nl)");
    expect(findings[0]?.message).toContain("a, b");
  });

  it("accepts exactly a third, and checks each language on its own", () => {
    expect(rules([longKey("a"), shortKey("b"), shortKey("c")])).toEqual([]);
    const englishOnly = (id: string) => {
      const question = single(id, "Vraag?", [
        ["kort", true],
        ["langer fout", false],
      ]);
      question.options[0]!.text = { nl: "kort", en: "a much longer key" };
      return question;
    };
    const findings = lintItemBank([englishOnly("e"), englishOnly("f"), shortKey("b"), shortKey("c")], LANGUAGES);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringContaining("(en)")]);
  });

  it("counts a key that ties with a distractor as not the longest", () => {
    expect(
      keyIsLongest(
        single("t", "?", [
          ["abcd", true],
          ["wxyz", false],
        ]),
        "nl",
      ),
    ).toBe(false);
  });
});

describe("lintItemBank: true-false-balance", () => {
  it("flags more than 65 % keyed one way", () => {
    const findings = lintItemBank(
      [trueFalse("a", false), trueFalse("b", false), trueFalse("c", false), trueFalse("d", true)],
      LANGUAGES,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "true-false-balance",
        questionIndex: null,
        message: expect.stringContaining('3 of 4 true/false questions are keyed "false"'),
      }),
    ]);
  });

  it("allows the one-item difference of an odd count, and an even split", () => {
    expect(rules([trueFalse("a", false), trueFalse("b", false), trueFalse("c", true)])).toEqual([]);
    expect(rules([trueFalse("a", true), trueFalse("b", false)])).toEqual([]);
    expect(rules([trueFalse("a", true), trueFalse("b", true), trueFalse("c", true)])).toEqual([
      ["true-false-balance", null],
    ]);
  });
});

describe("lintItemBank: topic-objective", () => {
  it("flags a question that tests none of its topic's objectives", () => {
    const bank = [
      single(
        "a",
        "Eerste vraag?",
        [
          ["ja", true],
          ["nee", false],
        ],
        { topic: "t", objectives: [2] },
      ),
      single(
        "b",
        "Tweede vraag?",
        [
          ["ja", true],
          ["nee", false],
        ],
        { topic: "t", objectives: [2, 4] },
      ),
      single(
        "c",
        "Derde vraag?",
        [
          ["ja", true],
          ["nee", false],
        ],
        { topic: "t", objectives: [3] },
      ),
      single(
        "d",
        "Vierde vraag?",
        [
          ["ja", true],
          ["nee", false],
        ],
        { topic: "u", objectives: [3] },
      ),
    ];
    const findings = lintItemBank(bank, LANGUAGES).filter((finding) => finding.rule === "topic-objective");
    expect(findings).toEqual([
      expect.objectContaining({
        questionIndex: 2,
        message: expect.stringContaining('"c" is in topic "t", whose questions test objective 2'),
      }),
    ]);
  });

  it("takes the most frequent objectives when no objective has a majority", () => {
    const bank = [
      single(
        "a",
        "Eerste?",
        [
          ["ja", true],
          ["nee", false],
        ],
        { topic: "t", objectives: [1] },
      ),
      single(
        "b",
        "Tweede?",
        [
          ["ja", true],
          ["nee", false],
        ],
        { topic: "t", objectives: [2] },
      ),
    ];
    expect(rules(bank)).toEqual([]);
  });
});

describe("lintItemBank: number-recall", () => {
  it("flags stems that ask for a figure and options that are all figures", () => {
    const bank = [
      single("hoeveel", "Hoeveel bankmedewerkers volgden de training?", [
        ["Meer dan 4000", true],
        ["Ongeveer 40", false],
      ]),
      single("jaar", "Wanneer verdween het bordeelverbod?", [
        ["In 2000", true],
        ["In 1990", false],
      ]),
      single("english", "What percentage reported violence?", [
        ["Most", true],
        ["Few", false],
      ]),
      trueFalse("procent", false, "In het onderzoek ervoer 20 % sociaal-emotioneel geweld."),
      single("ok", "Wat doe je als eerste?", [
        ["Je vraagt wat iemand nodig heeft", true],
        ["Je verwijst door", false],
      ]),
    ];
    expect(rules(bank).filter(([rule]) => rule === "number-recall")).toEqual([
      ["number-recall", 0],
      ["number-recall", 1],
      ["number-recall", 2],
      ["number-recall", 3],
    ]);
  });
});

describe("lintItemBank: stem-echo", () => {
  it("flags a long stem word that comes back only in the key", () => {
    const cue = single("cue", "Wat zeg je over de sectorstandaard?", [
      ["De sectorstandaard geldt ook hier", true],
      ["Dat weet ik niet", false],
    ]);
    expect(lintItemBank([cue], LANGUAGES).filter((finding) => finding.rule === "stem-echo")).toEqual([
      expect.objectContaining({ questionIndex: 0, message: expect.stringContaining('"sector…"') }),
    ]);
  });

  it("accepts a stem word that also appears in a distractor, short words and the case text", () => {
    const fair = single("fair", "Wat zeg je over de sectorstandaard?", [
      ["De sectorstandaard geldt ook hier", true],
      ["De sectorstandaard geldt hier niet", false],
    ]);
    const short = single("short", "Wat doe je nu?", [
      ["Je doet niets", true],
      ["Wachten", false],
    ]);
    const withCase = {
      ...single("case", "Wat doe je?", [
        ["Je belt de sectorstandaard-lijn", true],
        ["Niets", false],
      ]),
      type: "scenario" as const,
      scenario: { nl: "Over de sectorstandaard.", en: "About the sectorstandaard." },
    };
    expect(rules([fair, short, withCase]).filter(([rule]) => rule === "stem-echo")).toEqual([]);
  });

  it("leaves multiple-response questions alone", () => {
    const multiple = {
      ...single("m", "Wat zeg je over de sectorstandaard?", [
        ["De sectorstandaard geldt", true],
        ["Niets", false],
      ]),
      type: "multiple" as const,
    };
    expect(rules([multiple]).filter(([rule]) => rule === "stem-echo")).toEqual([]);
  });

  it("compares the first six letters of words without accents or stop words", () => {
    expect([...wordKeys("Sekswerkers zonder één geëmancipeerde situatie")]).toEqual(["sekswe", "geeman", "situat"]);
  });
});
