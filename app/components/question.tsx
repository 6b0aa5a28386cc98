import type { PublicOption, PublicQuestion, ReviewedQuestion } from "~/assessment/view";
import { ANSWER_FIELD_PREFIX } from "~/assessment/view";
import { useTranslation } from "~/i18n/use-translation";

/**
 * One question as a native fieldset of radio buttons or checkboxes, so it works without
 * JavaScript and with the keyboard alone (arrow keys within a radio group, Tab between groups).
 */

function useOptionLabel() {
  const { t } = useTranslation();
  return (option: PublicOption) => option.text ?? (option.value === 0 ? t("quiz.true") : t("quiz.false"));
}

/** "Vraag 2 van 6" above a question, in the interface language. */
function QuestionNumber({ label }: { label?: string }) {
  const { locale } = useTranslation();
  return label ? (
    <span className="question__number" lang={locale}>
      {label}
    </span>
  ) : null;
}

function Scenario({ text, id, contentLocale }: { text: string | null; id?: string; contentLocale: string }) {
  const { t, locale } = useTranslation();
  return text ? (
    <div className="question__scenario" id={id}>
      <strong lang={locale}>{t("quiz.scenario")}: </strong>
      <span lang={contentLocale}>{text}</span>
    </div>
  ) : null;
}

function instruction(type: PublicQuestion["type"]) {
  if (type === "multiple") return "quiz.chooseAll" as const;
  if (type === "true_false") return "quiz.judge" as const;
  return "quiz.chooseOne" as const;
}

interface QuestionFieldsProps {
  question: PublicQuestion;
  /** Unique per page: ids of inputs and descriptions derive from it. */
  idPrefix: string;
  selected: readonly number[];
  /** Shown above the question ("Vraag 2 van 6"). */
  label?: string;
  contentLocale: string;
}

export function QuestionFields({ question, idPrefix, selected, label, contentLocale }: QuestionFieldsProps) {
  const { t, locale } = useTranslation();
  const optionLabel = useOptionLabel();
  const multiple = question.type === "multiple";
  const name = `${ANSWER_FIELD_PREFIX}${question.id}`;
  const scenarioId = `${idPrefix}-scenario`;
  const hintId = `${idPrefix}-hint`;
  return (
    <fieldset
      className="question"
      aria-describedby={[question.scenario ? scenarioId : null, hintId].filter(Boolean).join(" ")}
    >
      <legend className="question__legend">
        <QuestionNumber label={label} />
        <span className="question__text" lang={contentLocale}>
          {question.text}
        </span>
      </legend>
      <Scenario text={question.scenario} id={scenarioId} contentLocale={contentLocale} />
      <p className="question__hint" id={hintId} lang={locale}>
        {t(instruction(question.type))}
      </p>
      <div className="question__options">
        {question.options.map((option) => {
          const id = `${idPrefix}-option-${option.value}`;
          return (
            // The whole card is the label: a large target around the native (still focusable) input.
            <label className="question__option" key={option.value} htmlFor={id}>
              <input
                type={multiple ? "checkbox" : "radio"}
                id={id}
                name={name}
                value={option.value}
                defaultChecked={selected.includes(option.value)}
              />
              <span className="question__option-text" lang={option.text === null ? locale : contentLocale}>
                {optionLabel(option)}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

interface ReviewProps {
  question: ReviewedQuestion;
  label?: string;
  contentLocale: string;
  headingLevel?: "h2" | "h3";
}

/** A question after answering: every option with whether it was chosen, whether it is right, and its feedback. */
export function QuestionReview({ question, label, contentLocale, headingLevel = "h3" }: ReviewProps) {
  const { t, locale } = useTranslation();
  const optionLabel = useOptionLabel();
  const Heading = headingLevel;
  const full = question.score === 1;
  return (
    <section className={`review review--${full ? "correct" : "incorrect"}`}>
      <Heading className="review__title">
        <QuestionNumber label={label} />
        <span lang={contentLocale}>{question.text}</span>
      </Heading>
      <Scenario text={question.scenario} contentLocale={contentLocale} />
      <ul className="review__options">
        {question.options.map((option) => (
          <li
            key={option.value}
            className={`review__option${option.chosen ? " review__option--chosen" : ""}${option.correct ? " review__option--correct" : ""}`}
          >
            <span className="review__marks" lang={locale}>
              <span className={`badge badge--${option.correct ? "correct" : "wrong"}`}>
                {option.correct ? t("quiz.correctOption") : t("quiz.wrongOption")}
              </span>
              {option.chosen ? <span className="badge badge--chosen">{t("quiz.chosen")}</span> : null}
            </span>
            <span className="review__option-text" lang={option.text === null ? locale : contentLocale}>
              {optionLabel(option)}
            </span>
            <span className="review__feedback" lang={contentLocale}>
              {option.feedback}
            </span>
          </li>
        ))}
      </ul>
      <p className="review__explanation">
        <strong lang={locale}>{t("quiz.explanation")}: </strong>
        <span lang={contentLocale}>{question.explanation}</span>
      </p>
    </section>
  );
}
