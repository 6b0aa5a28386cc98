import { getFormProps, getInputProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireUserWithPermission } from "~/auth/permissions.server";
import { DataTable, PageHeader } from "~/components/admin-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, FormErrors, Notice } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { LOCALES, SECTORS } from "~/domain/constants";
import { formatDate, isMessageKey, type MessageKey } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import {
  changeScormModuleState,
  getScormModuleForEdit,
  scormModuleHistory,
  updateScormModule,
} from "~/scorm/admin.server";
import { allowedStateActions } from "~/scorm/publication";
import { stateLabel, versionLabel } from "~/scorm/labels";
import styles from "~/scorm/player-client/scorm.css";
import { ScormModuleSchema } from "~/scorm/schemas";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const NOTICES = {
  geimporteerd: "trainer.scorm.importedDraft",
  gepubliceerd: "trainer.scorm.published",
  opgeslagen: "scorm.admin.saved",
  ongewijzigd: "scorm.admin.unchanged",
  gearchiveerd: "scorm.admin.archivedNotice",
  teruggezet: "scorm.admin.unarchivedNotice",
} as const satisfies Record<string, MessageKey>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:content:any");
  const { t } = await getTranslator(request, admin);
  const moduleId = params.moduleId ?? "";
  const module = await getScormModuleForEdit(prisma, { moduleId });
  if (!module) throw new Response("Not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((key) => search.has(key));
  return {
    pageTitle: t("scorm.admin.editTitle", { module: module.title }),
    module,
    history: await scormModuleHistory(prisma, { moduleId }),
    notice: notice ? t(NOTICES[notice]) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:content:any");
  const moduleId = params.moduleId ?? "";
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const back = (notice: keyof typeof NOTICES) => redirect(`/beheer/scorm/${encodeURIComponent(moduleId)}?${notice}=1`);
  const now = new Date();

  if (intent === "publish" || intent === "archive" || intent === "unarchive") {
    const outcome = await changeScormModuleState(prisma, { actorId: admin.id, moduleId, action: intent, now });
    if (!outcome.ok) throw new Response("Not found", { status: 404 });
    const done = { publish: "gepubliceerd", archive: "gearchiveerd", unarchive: "teruggezet" } as const;
    return back(outcome.changed ? done[intent] : "ongewijzigd");
  }
  if (intent !== "save") throw new Response("Bad request", { status: 400 });

  const submission = parseWithZod(formData, { schema: ScormModuleSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value = submission.value;
  const outcome = await updateScormModule(prisma, {
    actorId: admin.id,
    moduleId,
    now,
    settings: {
      language: value.language,
      title: value.title,
      summary: value.summary ?? "",
      minutes: value.minutes,
      sectors: value.sectors,
      masteryPercent: value.masteryPercent,
    },
  });
  if (!outcome.ok) throw new Response("Not found", { status: 404 });
  return back(outcome.changed ? "opgeslagen" : "ongewijzigd");
}

export const meta: MetaFunction<typeof loader> = pageMeta;

function TextArea({
  label,
  meta,
  optional,
}: {
  label: string;
  meta: FieldMetadata<string | undefined>;
  optional?: boolean;
}) {
  const { t } = useTranslation();
  const props = getTextareaProps(meta);
  return (
    <div className="field">
      <label htmlFor={meta.id}>
        {label}
        {optional ? <span className="field-optional"> ({t("form.optional")})</span> : null}
      </label>
      <textarea {...props} key={props.key} rows={3} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export default function EditScormModule() {
  const { module, history, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const [form, fields] = useForm({
    id: "scorm-module",
    lastResult,
    defaultValue: {
      language: module.language,
      title: module.title,
      summary: module.summary,
      minutes: String(module.minutes),
      sectors: module.sectors,
      passRule: module.masteryPercent > 0 ? "mastery" : "package",
      masteryPercent: module.masteryPercent > 0 ? String(module.masteryPercent) : "",
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScormModuleSchema }),
  });
  const chosenLanguage = typeof fields.language.initialValue === "string" ? fields.language.initialValue : "nl";
  const languageHintId = `${fields.language.id}-hint`;
  const chosenSectors = new Set(Array.isArray(fields.sectors.initialValue) ? fields.sectors.initialValue : []);
  const passRule = typeof fields.passRule.initialValue === "string" ? fields.passRule.initialValue : "package";
  const masteryHintId = `${fields.masteryPercent.id}-hint`;
  const minutesHint = t("scorm.admin.minutesHint");
  const masteryProps = getInputProps(fields.masteryPercent, { type: "text", ariaDescribedBy: masteryHintId });
  const warningText = (key: string, params: Record<string, string | number>) =>
    isMessageKey(key, locale) ? t(key, params) : key;
  return (
    <div>
      <PageHeader
        back={{ to: "/beheer/scorm", label: t("scorm.admin.back") }}
        title={t("scorm.admin.editTitle", { module: module.title })}
      />
      {notice ? <Notice>{notice}</Notice> : null}
      {module.state === "published" ? (
        <p>
          <Link to={`/modules/${encodeURIComponent(module.moduleId)}`}>{t("scorm.admin.viewModule")}</Link>
        </p>
      ) : null}

      <section className="section" aria-labelledby="package-title">
        <h2 id="package-title">{t("scorm.admin.detailsTitle")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("scorm.admin.colVersion")}</dt>
            <dd>{versionLabel(t, module.version)}</dd>
          </div>
          <div>
            <dt>{t("scorm.admin.identifier")}</dt>
            <dd>{module.identifier}</dd>
          </div>
          <div>
            <dt>{t("scorm.admin.files")}</dt>
            <dd>
              {t("scorm.admin.filesValue", {
                count: module.fileCount,
                size: Math.max(0.1, Math.round(module.totalBytes / 104857.6) / 10),
              })}
            </dd>
          </div>
          <div>
            <dt>{t("scorm.admin.importedAt")}</dt>
            <dd>{formatDate(locale, module.importedAt, "datetime")}</dd>
          </div>
          <div>
            <dt>{t("scorm.admin.colStatus")}</dt>
            <dd>{stateLabel(t, module.state)}</dd>
          </div>
        </dl>
        <h3>{t("scorm.admin.scosTitle")}</h3>
        <ol>
          {module.scos.map((sco) => (
            <li key={sco.id}>
              {sco.title}
              {sco.kind === "asset" ? <span className="muted"> ({t("scorm.admin.scoAsset")})</span> : null}
              {sco.masteryScore !== null ? (
                <span className="muted"> ({t("scorm.admin.scoMastery", { score: sco.masteryScore })})</span>
              ) : null}
              {sco.scaledPassingScore !== null ? (
                <span className="muted">
                  {" "}
                  ({t("scorm.admin.scoPassing", { score: Math.round(sco.scaledPassingScore * 100) })})
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        {module.warnings.length > 0 ? (
          <>
            <h3>{t("scorm.admin.warningsTitle")}</h3>
            <ul>
              {module.warnings.map((warning, index) => (
                <li key={index}>{warningText(warning.messageKey, warning.params)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="section form" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("scorm.admin.settingsTitle")}</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="save" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset
            className="scorm-choices"
            aria-describedby={[languageHintId, fields.language.errors ? fields.language.errorId : null]
              .filter(Boolean)
              .join(" ")}
          >
            <legend>{t("trainer.scorm.language")}</legend>
            <p id={languageHintId} className="field-hint">
              {t("trainer.scorm.languageHint")}
            </p>
            {LOCALES.map((language) => (
              <div key={language} className="scorm-choices__option">
                <input
                  type="radio"
                  id={`language-${language}`}
                  name={fields.language.name}
                  value={language}
                  defaultChecked={chosenLanguage === language}
                />
                <label htmlFor={`language-${language}`}>{t(`lang.${language}`)}</label>
              </div>
            ))}
            <ErrorList id={fields.language.errorId} errors={fields.language.errors} />
          </fieldset>
          <Field label={t("trainer.scorm.title")} meta={fields.title} type="text" autoComplete="off" />
          <TextArea label={t("trainer.scorm.summary")} meta={fields.summary} optional />
          <Field
            label={t("scorm.admin.minutes")}
            hint={minutesHint}
            meta={fields.minutes}
            type="text"
            autoComplete="off"
          />
          <fieldset
            className="scorm-choices"
            aria-describedby={fields.sectors.errors ? fields.sectors.errorId : undefined}
          >
            <legend>{t("scorm.admin.sectors")}</legend>
            {SECTORS.map((sector) => (
              <div key={sector} className="scorm-choices__option">
                <input
                  type="checkbox"
                  id={`sector-${sector}`}
                  name={fields.sectors.name}
                  value={sector}
                  defaultChecked={chosenSectors.has(sector)}
                  aria-invalid={fields.sectors.errors ? true : undefined}
                />
                <label htmlFor={`sector-${sector}`}>{t(`sector.${sector}`)}</label>
              </div>
            ))}
            <ErrorList id={fields.sectors.errorId} errors={fields.sectors.errors} />
          </fieldset>
          <fieldset
            className="scorm-choices"
            aria-describedby={fields.passRule.errors ? fields.passRule.errorId : undefined}
          >
            <legend>{t("scorm.admin.passRule")}</legend>
            {(["package", "mastery"] as const).map((rule) => (
              <div key={rule} className="scorm-choices__option">
                <input
                  type="radio"
                  id={`pass-rule-${rule}`}
                  name={fields.passRule.name}
                  value={rule}
                  defaultChecked={passRule === rule}
                />
                <label htmlFor={`pass-rule-${rule}`}>
                  {rule === "package" ? t("scorm.admin.passRulePackage") : t("scorm.admin.passRuleMastery")}
                </label>
              </div>
            ))}
            <ErrorList id={fields.passRule.errorId} errors={fields.passRule.errors} />
            <div className="field">
              <label htmlFor={fields.masteryPercent.id}>{t("scorm.admin.masteryLabel")}</label>
              <p id={masteryHintId} className="field-hint">
                {t("scorm.admin.masteryHint")}
              </p>
              <input {...masteryProps} key={masteryProps.key} inputMode="numeric" autoComplete="off" />
              <ErrorList id={fields.masteryPercent.errorId} errors={fields.masteryPercent.errors} />
            </div>
          </fieldset>
          <button type="submit" className="button">
            {t("scorm.admin.save")}
          </button>
        </Form>
      </section>

      {allowedStateActions(module.state).includes("publish") ? (
        <section className="section form" aria-labelledby="publish-title">
          <h2 id="publish-title">{t("trainer.scorm.publishTitle")}</h2>
          <p>{t("trainer.scorm.publishIntro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="button">
              {t("trainer.scorm.publish")}
            </button>
          </Form>
        </section>
      ) : (
        <section className="section form" aria-labelledby="archive-title">
          <h2 id="archive-title">{t("scorm.admin.archiveTitle")}</h2>
          <p>{t("scorm.admin.archiveIntro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value={module.state === "archived" ? "unarchive" : "archive"} />
            <button type="submit" className="button button--secondary">
              {module.state === "archived" ? t("scorm.admin.unarchive") : t("scorm.admin.archive")}
            </button>
          </Form>
        </section>
      )}

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">{t("scorm.admin.historyTitle")}</h2>
        <DataTable
          caption={t("scorm.admin.historyCaption")}
          columns={[t("scorm.admin.historyWhen"), t("scorm.admin.historyWho"), t("scorm.admin.historyWhat")]}
          rows={history}
        >
          {(entry) => {
            const key = `scorm.admin.action.${entry.action}`;
            return (
              <tr key={entry.id}>
                <td>{formatDate(locale, entry.createdAt, "datetime")}</td>
                <td>{entry.actorName ?? t("scorm.admin.historyUnknown")}</td>
                <td>
                  {entry.action === "scorm.module_published"
                    ? t("trainer.scorm.action.published")
                    : isMessageKey(key, locale)
                      ? t(key)
                      : entry.action}
                </td>
              </tr>
            );
          }}
        </DataTable>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
