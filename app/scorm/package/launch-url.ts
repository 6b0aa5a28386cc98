/**
 * Resolution of resource locations in a content package: the xml:base chain (manifest →
 * resources → resource → href) and the launch parameters of an item. Pure string work, so the
 * same rules hold for the importer and the player.
 */

export type PackageLocation =
  | {
      kind: "package";
      /** Decoded path relative to the package root, "/" separated: the file on disk. */
      path: string;
      /** Query string without "?", exactly as it will be sent ("" when none). */
      query: string;
      /** Fragment without "#" ("" when none). */
      fragment: string;
      /** Path (percent-encoded) + "?query" + "#fragment", relative to the package root. */
      url: string;
    }
  | { kind: "external"; url: string }
  /** The reference climbs above the package root with "..". */
  | { kind: "outside"; reference: string };

const ABSOLUTE_URL = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

interface SplitReference {
  path: string;
  query: string | null;
  fragment: string | null;
}

function splitReference(reference: string): SplitReference {
  let rest = reference;
  let fragment: string | null = null;
  const hash = rest.indexOf("#");
  if (hash !== -1) {
    fragment = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
  }
  let query: string | null = null;
  const question = rest.indexOf("?");
  if (question !== -1) {
    query = rest.slice(question + 1);
    rest = rest.slice(0, question);
  }
  return { path: rest, query, fragment };
}

function decodeSegment(segment: string) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function asDirectory(base: string) {
  return base === "" || base.endsWith("/") ? base : `${base}/`;
}

/**
 * Resolves `href` against the xml:base values that apply to it, outermost first. A base is
 * always taken as a folder, also when an authoring tool left off the trailing slash.
 */
export function resolvePackageReference(bases: readonly string[], href: string): PackageLocation {
  let absoluteBase: URL | null = null;
  let segments: string[] = [];
  const references = [
    ...bases.filter((base) => base.trim() !== "").map((base) => asDirectory(base.trim())),
    href.trim(),
  ];

  for (const reference of references) {
    if (ABSOLUTE_URL.test(reference) || reference.startsWith("//")) {
      absoluteBase = new URL(reference, absoluteBase ?? "http://invalid.invalid/");
      continue;
    }
    if (absoluteBase) {
      absoluteBase = new URL(reference, absoluteBase);
      continue;
    }
    const { path } = splitReference(reference);
    // A path starting with "/" is taken from the package root: the package is its own site.
    if (path.startsWith("/")) segments = [];
    const parts = path.replace(/\\/g, "/").split("/");
    for (const part of parts) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (segments.length === 0) return { kind: "outside", reference: href };
        segments.pop();
        continue;
      }
      segments.push(decodeSegment(part));
    }
  }

  if (absoluteBase) return { kind: "external", url: absoluteBase.href };
  const { query, fragment } = splitReference(href.trim());
  return packageLocation(segments.join("/"), query ?? "", fragment ?? "");
}

function packageLocation(path: string, query: string, fragment: string): PackageLocation {
  const encodedPath = path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  const url = `${encodedPath}${query ? `?${query}` : ""}${fragment ? `#${fragment}` : ""}`;
  return { kind: "package", path, query, fragment, url };
}

/**
 * Adds an item's `parameters` to its launch location as the SCORM CAM describes: leading "?" and
 * "&" are dropped; a value starting with "#" is a fragment, used only when the location has none;
 * anything else is a query string, joined to an existing query with "&". Built from the parts
 * rather than by string concatenation, so "a.html#x" + "?p=1" becomes "a.html?p=1#x".
 */
export function applyLaunchParameters(location: PackageLocation, parameters: string | null): PackageLocation {
  if (parameters === null || location.kind === "outside") return location;
  const trimmed = parameters.trim().replace(/^[?&]+/, "");
  if (trimmed === "") return location;

  let addedQuery = "";
  let addedFragment = "";
  if (trimmed.startsWith("#")) {
    addedFragment = trimmed.slice(1);
  } else {
    const hash = trimmed.indexOf("#");
    addedQuery = hash === -1 ? trimmed : trimmed.slice(0, hash);
    addedFragment = hash === -1 ? "" : trimmed.slice(hash + 1);
  }

  if (location.kind === "external") {
    const url = new URL(location.url);
    if (addedQuery) url.search = url.search ? `${url.search.slice(1)}&${addedQuery}` : addedQuery;
    if (addedFragment && !url.hash) url.hash = addedFragment;
    return { kind: "external", url: url.href };
  }
  const query = [location.query, addedQuery].filter((part) => part !== "").join("&");
  const fragment = location.fragment || addedFragment;
  return packageLocation(location.path, query, fragment);
}
