import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";

import { ErrorList } from "./forms";
import type { Translate } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";

import type { TrainerError } from "~/organisations/organisations.server";

/** The message for a person who cannot be made a trainer (see TrainerError). */
export function trainerErrorMessage(
  t: Translate,
  result: { error: TrainerError | "not_found"; name?: string },
): string {
  const name = result.name ?? "";
  if (result.error === "not_trainer") return t("organisations.notTrainer", { name });
  if (result.error === "is_admin") return t("organisations.isAdmin", { name });
  return t("organisations.unknownUser");
}

/**
 * An e-mail field that suggests the existing trainers (a datalist), and links to the users page
 * when the address belongs to a learner whose role must change first.
 */
export function TrainerEmailField({
  label,
  hint,
  meta,
  trainers,
  showUsersLink,
}: {
  label: string;
  hint: string;
  meta: FieldMetadata<string | undefined>;
  trainers: { id: string; name: string; email: string }[];
  showUsersLink: boolean;
}) {
  const { t } = useTranslation();
  const hintId = `${meta.id}-hint`;
  const listId = `${meta.id}-suggestions`;
  const props = getInputProps(meta, { type: "email", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      <input {...props} key={props.key} autoComplete="off" list={listId} />
      <datalist id={listId}>
        {trainers.map((trainer) => (
          <option key={trainer.id} value={trainer.email}>
            {trainer.name}
          </option>
        ))}
      </datalist>
      <ErrorList id={meta.errorId} errors={meta.errors} />
      {showUsersLink ? (
        <p>
          <Link to="/beheer/gebruikers">{t("organisations.toUsers")}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** Trainers with a one-button form per row (remove an appointment, undo SWAD-wide). */
export function TrainerTable({
  caption,
  trainers,
  intent,
  fields,
  buttonText,
  buttonLabel,
  confirmHref,
}: {
  caption: string;
  trainers: { id: string; name: string; email: string; allOrganisations: boolean }[];
  intent: string;
  fields: (trainer: { id: string; email: string }) => Record<string, string>;
  buttonText: string;
  buttonLabel: (name: string) => string;
  /** For a destructive action: the button becomes a link to the page's confirm step for that trainer. */
  confirmHref?: (trainer: { id: string }) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrapper">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("organisations.name")}</th>
            <th scope="col">{t("organisations.trainerEmail")}</th>
            <th scope="col">{t("organisations.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {trainers.map((trainer) => (
            <tr key={trainer.id}>
              <th scope="row">
                {trainer.name}{" "}
                {trainer.allOrganisations ? <span className="muted">({t("organisations.swadWideBadge")})</span> : null}
              </th>
              <td>{trainer.email}</td>
              <td>
                {confirmHref ? (
                  <Link
                    to={confirmHref(trainer)}
                    className="button button--danger-outline button--small"
                    aria-label={buttonLabel(trainer.name)}
                  >
                    {buttonText}
                  </Link>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value={intent} />
                    {Object.entries(fields(trainer)).map(([name, value]) => (
                      <input key={name} type="hidden" name={name} value={value} />
                    ))}
                    <button
                      type="submit"
                      className="button button--secondary button--small"
                      aria-label={buttonLabel(trainer.name)}
                    >
                      {buttonText}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A cohort's modules as a plain list, each title marked with the language it is written in. */
export function CohortModuleList({
  modules,
}: {
  modules: ReadonlyArray<{ id: string; title: string; locale: string }>;
}) {
  return (
    <ul className="plain-list">
      {modules.map((module) => (
        <li key={module.id} lang={module.locale}>
          {module.title}
        </li>
      ))}
    </ul>
  );
}
