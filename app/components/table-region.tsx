import { useId, type ReactNode } from "react";

/**
 * A data table in a scroll container of its own, so a wide table scrolls sideways inside the
 * page instead of the page scrolling (WCAG 1.4.10). The container is a region named by the
 * table's caption and can take focus, so keyboard users can scroll it too.
 */
export function TableRegion({
  caption,
  captionClassName = "visually-hidden",
  className = "table",
  children,
}: {
  caption: ReactNode;
  captionClassName?: string;
  className?: string;
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    // A focusable scroll container is what WCAG asks for; the region role gives it a name.
    <div className="table-wrapper" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className}>
        <caption id={captionId} className={captionClassName}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
