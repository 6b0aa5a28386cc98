import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { Suspense, type ReactNode } from "react";

import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageMessages } from "~/components/page-messages";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { useFocusMainOnNavigate } from "~/components/use-focus-main";
import { getAuth } from "~/auth/session.server";
import { getLocale } from "~/i18n/locale.server";
import { useLocale } from "~/i18n/use-translation";
import styles from "~/styles/app.css";
import { pageMeta } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await getAuth(request);
  const locale = await getLocale(request, user);
  return data(
    {
      locale,
      user: user ? { id: user.id, name: user.name, role: user.role } : null,
    },
    { headers },
  );
}

export const meta: MetaFunction<typeof loader> = pageMeta;

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const nonce = useNonce();
  return (
    // The script below adds the "js" class before React hydrates, hence the warning suppression.
    <html lang={locale} suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Lets the stylesheet fold the phone menu only when the button that opens it will work. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: 'document.documentElement.classList.add("js")' }} />
        <Meta />
        <Links />
      </head>
      <body>
        {/* A message the browser has not loaded yet suspends; see app/i18n/client-messages.ts. */}
        <Suspense>{children}</Suspense>
        <ScrollRestoration nonce={nonce} />
        {/* After the page, so it holds every message the page used (in its language only). */}
        <PageMessages />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Page({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  useFocusMainOnNavigate();
  return (
    <>
      <SiteHeader user={rootData?.user ?? null} />
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}

export default function App() {
  return (
    <Page>
      <Outlet />
    </Page>
  );
}

export function ErrorBoundary() {
  return (
    <Page>
      <GeneralErrorBoundary />
    </Page>
  );
}
