import { Fragment, type ReactElement } from "react";

import { contentsTree, type ContentsNode } from "~/scorm/contents-tree";

/**
 * A SCORM package's parts as nested ordered lists under the manifest's chapters. `renderPart`
 * returns the <li> of one part; chapters are list items with their title and a nested list.
 */
export function ContentsList<T extends { id: string; parents: readonly string[] }>({
  parts,
  className,
  contentLocale,
  renderPart,
}: {
  parts: readonly T[];
  className?: string;
  /** The package's language, for the chapter titles. */
  contentLocale?: string;
  renderPart: (part: T) => ReactElement;
}) {
  const list = (nodes: ContentsNode<T>[], listClass?: string): ReactElement => (
    <ol className={listClass}>
      {nodes.map((node, index) =>
        node.kind === "part" ? (
          <Fragment key={node.part.id}>{renderPart(node.part)}</Fragment>
        ) : (
          <li key={`chapter-${index}`} className="contents-chapter">
            <span className="contents-chapter__title" lang={contentLocale}>
              {node.title}
            </span>
            {list(node.children, className)}
          </li>
        ),
      )}
    </ol>
  );
  return list(contentsTree(parts), className);
}
