import { calendarDate, type ModuleAbout } from "~/content/about";
import { formatDate } from "~/i18n";
import { useTranslation } from "~/i18n/use-translation";

/**
 * "Over deze module": the accreditation package as a description list under its own heading.
 * `minimal` (the public certificate page) shows only who wrote and reviewed it, and when.
 * `contentLocale` is the language the texts are written in, for their lang attribute.
 */
export function ModuleAboutSection({
  about,
  contentLocale,
  headingId,
  heading,
  minimal = false,
}: {
  about: ModuleAbout;
  contentLocale: string;
  headingId: string;
  heading?: string;
  minimal?: boolean;
}) {
  const { t, locale } = useTranslation();
  const date = (value: string) => formatDate(locale, calendarDate(value));
  return (
    <section className="section module-about" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading ?? t("about.title")}</h2>
      <dl className="about-list">
        {about.authors.length > 0 ? (
          <>
            <dt>{t("about.authors")}</dt>
            {about.authors.map((author) => (
              <dd key={author} lang={contentLocale}>
                {author}
              </dd>
            ))}
          </>
        ) : null}
        {about.reviewers.length > 0 ? (
          <>
            <dt>{t("about.reviewers")}</dt>
            {about.reviewers.map((reviewer, index) => (
              <dd key={index}>
                {t(`about.reviewerType.${reviewer.type}`)}: <span lang={contentLocale}>{reviewer.role}</span> (
                {t("about.reviewedOn", { date: date(reviewer.reviewed) })})
              </dd>
            ))}
          </>
        ) : null}
        {about.lastReviewed ? (
          <>
            <dt>{t("about.lastReviewed")}</dt>
            <dd>
              <time dateTime={about.lastReviewed}>{date(about.lastReviewed)}</time>
            </dd>
          </>
        ) : null}
        {!minimal && about.professions.length > 0 ? (
          <>
            <dt>{t("about.professions")}</dt>
            <dd>
              <ul lang={contentLocale}>
                {about.professions.map((profession) => (
                  <li key={profession}>{profession}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {!minimal && about.level ? (
          <>
            <dt>{t("about.level")}</dt>
            <dd>{t(`about.level.${about.level}`)}</dd>
          </>
        ) : null}
        {!minimal && about.independence ? (
          <>
            <dt>{t("about.independence")}</dt>
            <dd lang={contentLocale}>{about.independence}</dd>
          </>
        ) : null}
        {!minimal && about.complaints ? (
          <>
            <dt>{t("about.complaints")}</dt>
            <dd>
              <span lang={contentLocale}>{about.complaints.text}</span>
              {about.complaints.contact ? (
                <>
                  {" "}
                  <a href={about.complaints.contact} rel="noopener noreferrer">
                    {t("about.complaintsContact")}
                  </a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {!minimal && about.literature.length > 0 ? (
        <>
          <h3 id={`${headingId}-literature`}>{t("about.literature")}</h3>
          {/* Citations keep their original language (mostly Dutch documents). */}
          <ul aria-labelledby={`${headingId}-literature`}>
            {about.literature.map((entry) => (
              <li key={entry.citation}>
                <span className="module-about__type">{t(`about.literatureType.${entry.type}`)}:</span>{" "}
                <span lang="nl">{entry.citation}</span>
                {entry.url ? (
                  <>
                    {" "}
                    <a href={entry.url} rel="noopener noreferrer" target="_blank">
                      {entry.url}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
