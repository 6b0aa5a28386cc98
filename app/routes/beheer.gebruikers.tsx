import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";

import { ChangeRoleSchema, UserListQuerySchema } from "~/admin/schemas";
import { changeUserRole, listUsers } from "~/admin/users.server";
import { requireUserWithPermission } from "~/auth/permissions.server";
import { DataTable, PageHeader, Pagination } from "~/components/admin-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, Notice } from "~/components/forms";
import { prisma } from "~/db/client.server";
import { ROLES } from "~/domain/constants";
import { formatDate } from "~/i18n";
import { getTranslator } from "~/i18n/locale.server";
import { useTranslation } from "~/i18n/use-translation";
import { pageMeta } from "~/utils/meta";
import { readFormData } from "~/utils/form-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:users:any");
  const { t } = await getTranslator(request, admin);
  const url = new URL(request.url);
  const { page, q } = UserListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const list = await listUsers(prisma, { page, query: q || undefined });
  return {
    pageTitle: t("admin.users.title"),
    adminId: admin.id,
    page,
    query: q ?? "",
    changed: url.searchParams.get("gewijzigd") === "1",
    ...list,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:users:any");
  const { t } = await getTranslator(request, admin);
  const parsed = ChangeRoleSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return data({ error: t("validation.tampered") }, { status: 400 });
  const result = await changeUserRole(prisma, {
    actorId: admin.id,
    userId: parsed.data.userId,
    role: parsed.data.role,
  });
  if (!result.ok) {
    const error = result.error === "own_role" ? t("admin.users.ownRole") : t("admin.users.notFound");
    return data({ error }, { status: result.error === "own_role" ? 400 : 404 });
  }
  const back = new URLSearchParams(parsed.data.returnTo?.startsWith("?") ? parsed.data.returnTo.slice(1) : "");
  back.set("gewijzigd", "1");
  return redirect(`/beheer/gebruikers?${back}`);
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export default function UsersAdminPage() {
  const { rows, total, page, pageCount, query, adminId, changed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useTranslation();
  const returnParams = new URLSearchParams(searchParams);
  returnParams.delete("gewijzigd");
  const returnTo = `?${returnParams}`;
  const pageLink = (p: number) => {
    const params = new URLSearchParams(returnParams);
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <div>
      <PageHeader title={t("admin.users.title")} intro={t("admin.users.intro")} />
      {changed ? <Notice>{t("admin.users.roleChanged")}</Notice> : null}
      <FormErrors id="role-errors" errors={actionData?.error ? [actionData.error] : null} />
      <Form method="get" className="inline-form" role="search">
        <label htmlFor="user-search">{t("admin.users.search")}</label>
        <input id="user-search" name="q" type="search" defaultValue={query} />
        <button type="submit" className="button button--secondary">
          {t("admin.users.searchSubmit")}
        </button>
      </Form>
      <p>{t("admin.users.count", { count: total })}</p>
      <DataTable
        caption={t("admin.users.title")}
        columns={[
          t("admin.users.name"),
          t("admin.users.email"),
          t("admin.users.sector"),
          t("admin.users.organisation"),
          t("admin.users.created"),
          t("admin.users.role"),
        ]}
        rows={rows}
      >
        {(u) => (
          <tr key={u.id}>
            <th scope="row">
              {u.name} {u.id === adminId ? <span className="muted">{t("admin.users.you")}</span> : null}
            </th>
            <td>{u.email}</td>
            <td>{t(`sector.${u.sector as "other"}`)}</td>
            <td>{u.organisation ?? "—"}</td>
            <td>{formatDate(locale, u.createdAt)}</td>
            <td>
              {u.id === adminId ? (
                t(`role.${u.role as "admin"}`)
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="userId" value={u.id} />
                  <input type="hidden" name="returnTo" value={returnTo} />
                  <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                    {t("admin.users.roleFor", { name: u.name })}
                  </label>
                  <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="submit"
                    className="button button--secondary button--small"
                    aria-label={t("admin.users.saveRoleFor", { name: u.name })}
                  >
                    {t("admin.users.saveRole")}
                  </button>
                </Form>
              )}
            </td>
          </tr>
        )}
      </DataTable>
      <Pagination
        label={t("admin.users.pagination")}
        page={page}
        pageCount={pageCount}
        href={pageLink}
        previous={t("admin.users.previous")}
        next={t("admin.users.next")}
        status={t("admin.users.page", { page, pageCount })}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
