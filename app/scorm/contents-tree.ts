/**
 * A package's contents list keeps the manifest's chapters: SCOs are stored in content-tree order
 * with the titles of the items around them, and consecutive SCOs under the same chapter are
 * grouped under it again, level by level.
 */
export type ContentsNode<T> =
  { kind: "part"; part: T } | { kind: "chapter"; title: string; children: ContentsNode<T>[] };

export function contentsTree<T extends { parents: readonly string[] }>(parts: readonly T[]): ContentsNode<T>[] {
  return group(parts, 0);
}

function group<T extends { parents: readonly string[] }>(parts: readonly T[], depth: number): ContentsNode<T>[] {
  const nodes: ContentsNode<T>[] = [];
  let at = 0;
  while (at < parts.length) {
    const part = parts[at]!;
    const chapter = part.parents[depth];
    if (chapter === undefined) {
      nodes.push({ kind: "part", part });
      at += 1;
      continue;
    }
    // The run of parts that sit in this same chapter (same titles down to this depth).
    let end = at + 1;
    while (end < parts.length && samePath(parts[end]!.parents, part.parents, depth)) end += 1;
    nodes.push({ kind: "chapter", title: chapter, children: group(parts.slice(at, end), depth + 1) });
    at = end;
  }
  return nodes;
}

function samePath(a: readonly string[], b: readonly string[], depth: number): boolean {
  for (let level = 0; level <= depth; level += 1) if (a[level] === undefined || a[level] !== b[level]) return false;
  return true;
}
