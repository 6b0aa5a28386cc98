/**
 * The site's public origin, the only base for absolute links the server writes (reset and sign-up
 * mails, certificate QR codes and verification URLs, cohort join links, reminder mails).
 * Never derived from a request: the Host header is chosen by the client, and a forged one would
 * put the attacker's site into a mail with a valid token. Production must set APP_ORIGIN
 * (checkEnv refuses to start without it); elsewhere the local server is assumed.
 */
export function appOrigin(env: Record<string, string | undefined> = process.env): string {
  if (env.APP_ORIGIN) return new URL(env.APP_ORIGIN).origin;
  if (env.NODE_ENV === "production") {
    // checkEnv stops the server before this; a script or test that skipped it gets the same rule.
    throw new Error(`APP_ORIGIN is not set. ${APP_ORIGIN_HELP}`);
  }
  return `http://localhost:${env.PORT ?? 3000}`;
}

export const APP_ORIGIN_HELP =
  "Set it to the public origin of the site, e.g. APP_ORIGIN=https://stigmavrij.nl (for a local production build: APP_ORIGIN=http://localhost:3000).";
