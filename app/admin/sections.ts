import { userHasPermission, type Permission } from "~/auth/permissions";
import type { Role } from "~/domain/constants";
import type { MessageKey } from "~/i18n";

/** The management pages, each behind the permission it needs; the /beheer page lists those a user may open. */
export const ADMIN_SECTIONS: ReadonlyArray<{
  path: string;
  title: MessageKey;
  description: MessageKey;
  permission: Permission;
}> = [
  {
    path: "/beheer/dashboard",
    title: "reports.sectionTitle",
    description: "reports.sectionDescription",
    permission: "read:report:own",
  },
  {
    path: "/beheer/cohorten",
    title: "cohorts.sectionTitle",
    description: "cohorts.sectionDescription",
    permission: "manage:cohorts:own",
  },
  {
    path: "/beheer/organisaties",
    title: "organisations.sectionTitle",
    description: "organisations.sectionDescription",
    permission: "manage:organisations:any",
  },
  {
    path: "/beheer/gebruikers",
    title: "admin.users.title",
    description: "admin.sections.users",
    permission: "manage:users:any",
  },
  {
    path: "/beheer/certificaten",
    title: "admin.sections.certificatesTitle",
    description: "admin.sections.certificates",
    permission: "export:certificates:own",
  },
  {
    path: "/beheer/accreditatie",
    title: "admin.sections.accreditationTitle",
    description: "admin.sections.accreditation",
    permission: "manage:accreditation:any",
  },
  {
    path: "/beheer/scorm",
    title: "scorm.admin.title",
    description: "scorm.admin.sectionDescription",
    permission: "manage:content:any",
  },
  {
    path: "/beheer/export",
    title: "export.title",
    description: "export.sectionDescription",
    permission: "manage:content:any",
  },
  {
    path: "/beheer/presentie",
    title: "admin.sections.attendanceTitle",
    description: "admin.sections.attendance",
    permission: "export:attendance:any",
  },
];

export function adminSectionsFor(user: { role: Role } | null | undefined) {
  return ADMIN_SECTIONS.filter((section) => userHasPermission(user, section.permission));
}
