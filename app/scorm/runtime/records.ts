/**
 * The objectives and interactions of a stored attempt (flat cmi map) as records, for the learner's
 * data export and for reports. Field names follow SCORM 2004; SCORM 1.2 values are mapped onto
 * them (student_response → learnerResponse, objective status → successStatus/completionStatus).
 */
import type { CmiState, ScormVersion } from "./types";

export interface ObjectiveRecord {
  id: string;
  successStatus: string | null;
  completionStatus: string | null;
  scoreScaled: string | null;
  scoreRaw: string | null;
  scoreMin: string | null;
  scoreMax: string | null;
  progressMeasure: string | null;
  description: string | null;
}

export interface InteractionRecord {
  id: string;
  type: string | null;
  description: string | null;
  timestamp: string | null;
  weighting: string | null;
  learnerResponse: string | null;
  correctResponses: string[];
  result: string | null;
  latency: string | null;
  objectiveIds: string[];
}

/** SCORM 1.2 cmi.objectives.n.status mixes completion and success (RTE 3.4.5.1). */
const STATUS_12: Record<string, { successStatus: string | null; completionStatus: string | null }> = {
  passed: { successStatus: "passed", completionStatus: "completed" },
  failed: { successStatus: "failed", completionStatus: "completed" },
  completed: { successStatus: null, completionStatus: "completed" },
  incomplete: { successStatus: null, completionStatus: "incomplete" },
  browsed: { successStatus: null, completionStatus: "incomplete" },
  "not attempted": { successStatus: null, completionStatus: "not attempted" },
};

function count(state: CmiState, prefix: string): number {
  let highest = -1;
  const pattern = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.`);
  for (const name of Object.keys(state)) {
    const match = pattern.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

function list(state: CmiState, prefix: string, field: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < count(state, prefix); index++) {
    const value = state[`${prefix}.${index}.${field}`];
    if (value !== undefined && value !== "") values.push(value);
  }
  return values;
}

export function objectiveRecords(version: ScormVersion, state: CmiState): ObjectiveRecord[] {
  const records: ObjectiveRecord[] = [];
  for (let index = 0; index < count(state, "cmi.objectives"); index++) {
    const value = (field: string) => {
      const found = state[`cmi.objectives.${index}.${field}`];
      return found === undefined || found === "" ? null : found;
    };
    const status =
      version === "1.2"
        ? (STATUS_12[value("status") ?? ""] ?? { successStatus: null, completionStatus: null })
        : { successStatus: value("success_status"), completionStatus: value("completion_status") };
    records.push({
      id: value("id") ?? "",
      ...status,
      scoreScaled: value("score.scaled"),
      scoreRaw: value("score.raw"),
      scoreMin: value("score.min"),
      scoreMax: value("score.max"),
      progressMeasure: value("progress_measure"),
      description: value("description"),
    });
  }
  return records;
}

export function interactionRecords(version: ScormVersion, state: CmiState): InteractionRecord[] {
  const records: InteractionRecord[] = [];
  for (let index = 0; index < count(state, "cmi.interactions"); index++) {
    const prefix = `cmi.interactions.${index}`;
    const value = (field: string) => {
      const found = state[`${prefix}.${field}`];
      return found === undefined || found === "" ? null : found;
    };
    records.push({
      id: value("id") ?? "",
      type: value("type"),
      description: value("description"),
      timestamp: value(version === "1.2" ? "time" : "timestamp"),
      weighting: value("weighting"),
      learnerResponse: value(version === "1.2" ? "student_response" : "learner_response"),
      correctResponses: list(state, `${prefix}.correct_responses`, "pattern"),
      result: value("result"),
      latency: value("latency"),
      objectiveIds: list(state, `${prefix}.objectives`, "id"),
    });
  }
  return records;
}
