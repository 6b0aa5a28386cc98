import { useEffect, useRef, type ReactNode } from "react";

import { CONFIRM_FIELD, CONFIRM_VALUE } from "~/domain/confirmation";
import { useTranslation } from "~/i18n/use-translation";

import { Button, ButtonGroup, ButtonLink } from "./buttons";

interface ConfirmPanelProps {
  /** Element id: the link that opens the step points at `#id`, so without JavaScript the browser scrolls to it. */
  id: string;
  title: string;
  text: ReactNode;
  /** Heading level inside the page's outline (the panel sits in a section with an h2 by default). */
  level?: 3 | 4;
  /** The form with the fields this step still needs (a reason, a password) and its ConfirmButtons. */
  children: ReactNode;
}

/**
 * The server-rendered confirm step of a destructive action: the page shows it when its URL asks
 * for it (e.g. `?intrekken=1`), so it works the same with and without JavaScript. With JavaScript,
 * focus moves to it so keyboard and screen-reader users land on the question.
 */
export function ConfirmPanel({ id, title, text, level = 3, children }: ConfirmPanelProps) {
  const Heading = level === 3 ? "h3" : "h4";
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      id={id}
      className="confirm-box"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      tabIndex={-1}
    >
      <Heading id={`${id}-title`}>{title}</Heading>
      <div id={`${id}-text`}>{typeof text === "string" ? <p>{text}</p> : text}</div>
      {children}
    </div>
  );
}

/**
 * The explicit "yes" (which sends the confirmation the server insists on) and a way back that
 * changes nothing.
 */
export function ConfirmButtons({ confirmLabel, cancelTo }: { confirmLabel: string; cancelTo: string }) {
  const { t } = useTranslation();
  return (
    <ButtonGroup>
      <input type="hidden" name={CONFIRM_FIELD} value={CONFIRM_VALUE} />
      <Button variant="danger">{confirmLabel}</Button>
      <ButtonLink variant="secondary" to={cancelTo} preventScrollReset>
        {t("confirm.cancel")}
      </ButtonLink>
    </ButtonGroup>
  );
}
