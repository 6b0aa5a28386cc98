import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

import { TableRegion } from "./table-region";

/**
 * The building blocks the management pages share, so a heading, a table or a page list looks
 * and reads the same on every page (and a screen reader meets the same landmarks and names).
 */

/** A link back to the page above, the page's one h1, and an optional first paragraph. */
export function PageHeader({
  back,
  title,
  intro,
}: {
  back?: { to: string; label: ReactNode };
  title: ReactNode;
  intro?: ReactNode;
}) {
  return (
    <>
      {back ? (
        <p className="breadcrumb">
          <Link to={back.to}>{back.label}</Link>
        </p>
      ) : null}
      <h1>{title}</h1>
      {intro ? <p>{intro}</p> : null}
    </>
  );
}

/**
 * A data table with column headings (`scope="col"`) in a labelled scroll region; with no rows it
 * shows the `empty` text instead, when one is given. Each row renders its own `<tr>` with a key.
 * Columns that are `null` or `false` (shown only to some viewers) are left out.
 */
export function DataTable<Row>({
  caption,
  captionClassName,
  columns,
  rows,
  empty,
  children,
}: {
  caption: ReactNode;
  captionClassName?: string;
  columns: readonly ReactNode[];
  rows: readonly Row[];
  empty?: ReactNode;
  children: (row: Row, index: number) => ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return <p>{empty}</p>;
  return (
    <TableRegion caption={caption} captionClassName={captionClassName}>
      <thead>
        <tr>
          {columns.map((column, index) =>
            column === null || column === false ? null : (
              <th key={index} scope="col">
                {column}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{rows.map(children)}</tbody>
    </TableRegion>
  );
}

/** Previous / "page n of m" / next, as a named navigation landmark; nothing when there is one page. */
export function Pagination({
  label,
  page,
  pageCount,
  href,
  previous,
  next,
  status,
}: {
  label: string;
  page: number;
  pageCount: number;
  href: (page: number) => string;
  previous: ReactNode;
  next: ReactNode;
  status: ReactNode;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="pagination">
      {page > 1 ? <Link to={href(page - 1)}>{previous}</Link> : null}
      <span>{status}</span>
      {page < pageCount ? <Link to={href(page + 1)}>{next}</Link> : null}
    </nav>
  );
}
