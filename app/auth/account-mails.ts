import type { Locale } from "~/domain/constants";

/** The mails of the account flows (password reset, sign-up), in Dutch or English. */
export interface AccountMail {
  subject: string;
  text: string;
  html: string;
}

export interface ResetMailInput {
  name: string;
  link: string;
  validMinutes: number;
}

export interface SignupConfirmMailInput {
  name: string;
  link: string;
  validHours: number;
}

export interface SignupExistingMailInput {
  name: string;
  loginLink: string;
  resetLink: string;
}

interface Parts {
  subject: string;
  greeting: string;
  /** Paragraph before the link, one line each. */
  before: string[];
  link?: string;
  /** Paragraph after the link, one line each. */
  after: string[];
  signature: string;
}

const SIGNATURE: Record<Locale, string> = { nl: "Groet,\nStigmavrij", en: "Kind regards,\nStigmavrij" };

const RESET: Record<Locale, (input: ResetMailInput) => Parts> = {
  nl: ({ name, link, validMinutes }) => ({
    subject: "Je wachtwoord herstellen bij Stigmavrij",
    greeting: `Hallo ${name},`,
    before: [
      "Iemand (hopelijk jij) heeft gevraagd om het wachtwoord van je Stigmavrij-account te herstellen.",
      "Kies een nieuw wachtwoord via deze link:",
    ],
    link,
    after: [
      `De link werkt ${validMinutes} minuten en maar één keer.`,
      "Heb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren; je wachtwoord blijft hetzelfde.",
    ],
    signature: SIGNATURE.nl,
  }),
  en: ({ name, link, validMinutes }) => ({
    subject: "Reset your Stigmavrij password",
    greeting: `Hello ${name},`,
    before: [
      "Someone (hopefully you) asked to reset the password of your Stigmavrij account.",
      "Choose a new password with this link:",
    ],
    link,
    after: [
      `The link works for ${validMinutes} minutes and only once.`,
      "Didn't ask for this? Then you can ignore this email; your password stays the same.",
    ],
    signature: SIGNATURE.en,
  }),
};

const SIGNUP_CONFIRM: Record<Locale, (input: SignupConfirmMailInput) => Parts> = {
  nl: ({ name, link, validHours }) => ({
    subject: "Bevestig je account bij Stigmavrij",
    greeting: `Hallo ${name},`,
    before: [
      "Met dit e-mailadres is een account gemaakt bij Stigmavrij.",
      "Bevestig je e-mailadres via deze link; daarna kun je meteen beginnen:",
    ],
    link,
    after: [
      `De link werkt ${validHours} uur en maar één keer.`,
      "Heb je geen account gemaakt? Dan kun je deze e-mail negeren; er wordt dan niets aangemaakt.",
    ],
    signature: SIGNATURE.nl,
  }),
  en: ({ name, link, validHours }) => ({
    subject: "Confirm your Stigmavrij account",
    greeting: `Hello ${name},`,
    before: [
      "An account was created at Stigmavrij with this email address.",
      "Confirm your email address with this link; then you can start right away:",
    ],
    link,
    after: [
      `The link works for ${validHours} hours and only once.`,
      "Didn't create an account? Then you can ignore this email; nothing will be created.",
    ],
    signature: SIGNATURE.en,
  }),
};

const SIGNUP_EXISTING: Record<Locale, (input: SignupExistingMailInput) => Parts> = {
  nl: ({ name, loginLink, resetLink }) => ({
    subject: "Iemand wilde een account maken met je e-mailadres",
    greeting: `Hallo ${name},`,
    before: [
      "Iemand heeft geprobeerd een nieuw Stigmavrij-account te maken met dit e-mailadres. Je hebt al een account, dus er is niets veranderd.",
      `Was jij dat? Log dan in via ${loginLink}`,
    ],
    link: resetLink,
    after: [
      "Wachtwoord vergeten? Kies hierboven een nieuw wachtwoord.",
      "Was jij het niet? Dan kun je deze e-mail negeren; je account blijft zoals het was.",
    ],
    signature: SIGNATURE.nl,
  }),
  en: ({ name, loginLink, resetLink }) => ({
    subject: "Someone tried to create an account with your email address",
    greeting: `Hello ${name},`,
    before: [
      "Someone tried to create a new Stigmavrij account with this email address. You already have an account, so nothing has changed.",
      `Was this you? Then log in at ${loginLink}`,
    ],
    link: resetLink,
    after: [
      "Forgot your password? Request a new one at the link above.",
      "Wasn't you? Then you can ignore this email; your account stays as it was.",
    ],
    signature: SIGNATURE.en,
  }),
};

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Plain text and HTML from the same parts; the user's name and every line are escaped in the HTML. */
function compose(parts: Parts): AccountMail {
  const linkText = parts.link ? ["", parts.link] : [];
  const text = [parts.greeting, "", ...parts.before, ...linkText, "", ...parts.after, "", parts.signature, ""].join(
    "\n",
  );
  const link = parts.link ? escapeHtml(parts.link) : null;
  const html = [
    `<p>${escapeHtml(parts.greeting)}</p>`,
    `<p>${parts.before.map(escapeHtml).join("<br>")}</p>`,
    ...(link ? [`<p><a href="${link}">${link}</a></p>`] : []),
    `<p>${parts.after.map(escapeHtml).join("<br>")}</p>`,
    `<p>${escapeHtml(parts.signature).replace("\n", "<br>")}</p>`,
  ].join("\n");
  return { subject: parts.subject, text, html };
}

export function resetMail(locale: Locale, input: ResetMailInput): AccountMail {
  return compose(RESET[locale](input));
}

/** To a new address: the link that creates the account. */
export function signupConfirmMail(locale: Locale, input: SignupConfirmMailInput): AccountMail {
  return compose(SIGNUP_CONFIRM[locale](input));
}

/** To the owner of an address someone tried to sign up with again (in the owner's language). */
export function signupExistingMail(locale: Locale, input: SignupExistingMailInput): AccountMail {
  return compose(SIGNUP_EXISTING[locale](input));
}
