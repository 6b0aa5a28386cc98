import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useState } from "react";

import { adminSectionsFor } from "~/admin/sections";
import type { Role } from "~/domain/constants";
import { useTranslation } from "~/i18n/use-translation";

import { LogoMark } from "./logo";

interface HeaderUser {
  name: string;
  role: Role;
}

/**
 * On phones the menu folds behind a button. That needs JavaScript, so it only happens when the
 * page has it (root.tsx marks <html> with "js" before the first paint); without it the menu
 * simply stays open and wraps.
 */
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // The menu belongs to the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="brand">
          <LogoMark />
          <span className="brand__text">
            <span className="brand__name">{t("app.name")}</span>
            <span className="brand__tagline">{t("app.tagline")}</span>
          </span>
        </Link>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setOpenOn(menuOpen ? null : pathname)}
        >
          <span className="menu-button__icon" aria-hidden="true" />
          {t("nav.menu")}
        </button>
        <nav id="main-nav" aria-label={t("nav.main")} className={menuOpen ? "main-nav main-nav--open" : "main-nav"}>
          <ul>
            <li>
              <NavLink to="/modules">{t("nav.modules")}</NavLink>
            </li>
            {user ? (
              <>
                <li>
                  <NavLink to="/mijn-leren">{t("nav.myLearning")}</NavLink>
                </li>
                <li>
                  <NavLink to="/mijn-certificaten">{t("nav.certificates")}</NavLink>
                </li>
                <li>
                  <NavLink to="/account">{t("nav.account")}</NavLink>
                </li>
                {adminSectionsFor(user).length > 0 ? (
                  <li>
                    <NavLink to="/beheer">{t("nav.admin")}</NavLink>
                  </li>
                ) : null}
                <li>
                  <Form method="post" action="/uitloggen">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to="/inloggen">{t("nav.login")}</NavLink>
                </li>
                <li>
                  <NavLink to="/registreren">{t("nav.register")}</NavLink>
                </li>
              </>
            )}
            <li>
              <LanguageSwitch />
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

function LanguageSwitch() {
  const { locale, t } = useTranslation();
  const location = useLocation();
  const other = locale === "nl" ? "en" : "nl";
  return (
    <Form method="post" action="/taal" className="language-switch">
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="link-button" lang={other} title={t("lang.switchToHint")}>
        {t("lang.switchTo")}
      </button>
    </Form>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p className="site-footer__partner">
        {t("brand.partnership")}{" "}
        <strong lang="en" className="site-footer__partner-name">
          {t("brand.swad")}
        </strong>
      </p>
      <p>{t("footer.about")}</p>
      <p>{t("footer.privacy")}</p>
      <p>
        <Link to="/certificaat">{t("footer.verifyCertificate")}</Link>
      </p>
    </footer>
  );
}
