import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps } from "@conform-to/react";
import type { ReactNode } from "react";

import { useTranslation } from "~/i18n/use-translation";

/** Zod messages in this project are i18n keys; already translated text is shown as-is. */
function useErrorText() {
  const { t, isMessageKey } = useTranslation();
  return (error: string) => (isMessageKey(error) ? t(error) : error);
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{errorText(e)}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  optional?: boolean;
  meta: FieldMetadata<string | undefined>;
  type: "text" | "email" | "password" | "hidden";
  autoComplete?: string;
}

export function Field({ label, hint, optional, meta, type, autoComplete }: FieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {optional ? <span className="field-optional"> ({t("form.optional")})</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

interface SelectFieldProps {
  label: string;
  meta: FieldMetadata<string | undefined>;
  options: { value: string; label: string; lang?: string }[];
}

export function SelectField({ label, meta, options }: SelectFieldProps) {
  const props = getSelectProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...props} key={props.key}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Form-level errors (not tied to one field), announced to screen readers. */
export function FormErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{errorText(e)}</p>
      ))}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}
