/** Looking up concrete element names ("cmi.interactions.3.id") in a version's data model table. */

import { CHILDREN_12, SCORM12_ELEMENTS, SCORM12_VERSION } from "./datamodel-12";
import { CHILDREN_2004, SCORM2004_ELEMENTS, SCORM2004_VERSION } from "./datamodel-2004";
import type { CmiState, ElementDefinition, ScormVersion } from "./types";

export interface ResolvedElement {
  readonly name: string;
  readonly definition: ElementDefinition;
  /** The n-indices in the name, outermost first. */
  readonly indices: readonly number[];
}

const TABLES: Record<ScormVersion, ReadonlyMap<string, ElementDefinition>> = {
  "1.2": new Map(SCORM12_ELEMENTS.map((definition) => [definition.pattern, definition])),
  "2004": new Map(SCORM2004_ELEMENTS.map((definition) => [definition.pattern, definition])),
};

/** Every element definition of a version, in RTE order. */
export function elementDefinitions(version: ScormVersion): readonly ElementDefinition[] {
  return version === "1.2" ? SCORM12_ELEMENTS : SCORM2004_ELEMENTS;
}

// An index is a decimal number without leading zeros: "cmi.objectives.01.id" names no element.
const INDEX_SEGMENT = /^(?:0|[1-9]\d{0,8})$/;

/** The definition of a concrete element name, or null when the data model has no such element. */
export function resolveElement(version: ScormVersion, name: string): ResolvedElement | null {
  const segments = name.split(".");
  // "n" is the table's placeholder, not an index.
  if (segments.includes("n")) return null;
  const indices: number[] = [];
  const pattern = segments
    .map((segment) => {
      if (!INDEX_SEGMENT.test(segment)) return segment;
      indices.push(Number(segment));
      return "n";
    })
    .join(".");
  const definition = TABLES[version].get(pattern);
  return definition ? { name, definition, indices } : null;
}

/**
 * Array collections of the data model ("cmi.interactions", "cmi.interactions.n.objectives", …): the
 * part of a pattern before each ".n.".
 */
const COLLECTIONS: Record<ScormVersion, ReadonlySet<string>> = {
  "1.2": collectionsOf(SCORM12_ELEMENTS),
  "2004": collectionsOf(SCORM2004_ELEMENTS),
};

function collectionsOf(definitions: readonly ElementDefinition[]): ReadonlySet<string> {
  const collections = new Set<string>();
  for (const { pattern } of definitions) {
    const segments = pattern.split(".");
    segments.forEach((segment, index) => {
      if (segment === "n") collections.add(segments.slice(0, index).join("."));
    });
  }
  return collections;
}

/** Whether a concrete name ("cmi.interactions.2.objectives") is an array collection of the data model. */
export function isCollection(version: ScormVersion, name: string): boolean {
  const pattern = name
    .split(".")
    .map((segment) => (INDEX_SEGMENT.test(segment) ? "n" : segment))
    .join(".");
  return COLLECTIONS[version].has(pattern);
}

/**
 * The array memberships of an element: for "cmi.interactions.3.objectives.1.id" the collections
 * "cmi.interactions" (index 3) and "cmi.interactions.3.objectives" (index 1).
 */
export function arrayMemberships(name: string): { collection: string; index: number }[] {
  const segments = name.split(".");
  const memberships: { collection: string; index: number }[] = [];
  segments.forEach((segment, position) => {
    if (position > 0 && INDEX_SEGMENT.test(segment)) {
      memberships.push({ collection: segments.slice(0, position).join("."), index: Number(segment) });
    }
  });
  return memberships;
}

/** The number of entries of a collection in a state: one more than the highest index used. */
export function collectionCount(state: CmiState, collection: string): number {
  const prefix = `${collection}.`;
  let count = 0;
  for (const name of Object.keys(state)) {
    if (!name.startsWith(prefix)) continue;
    const segment = name.slice(prefix.length).split(".", 1)[0]!;
    if (INDEX_SEGMENT.test(segment)) count = Math.max(count, Number(segment) + 1);
  }
  return count;
}

/** What the LMS answers for a keyword element (_version, _children, _count) in a state. */
export function keywordValue(version: ScormVersion, name: string, state: CmiState): string | null {
  if (name === "cmi._version") return version === "1.2" ? SCORM12_VERSION : SCORM2004_VERSION;
  if (name.endsWith("._count")) return String(collectionCount(state, name.slice(0, -"._count".length)));
  if (name.endsWith("._children")) {
    const pattern = name
      .split(".")
      .map((segment) => (INDEX_SEGMENT.test(segment) ? "n" : segment))
      .join(".");
    const children: Record<string, string> = version === "1.2" ? CHILDREN_12 : CHILDREN_2004;
    return children[pattern] ?? null;
  }
  return null;
}
