import type { Locale } from "../domain/constants";

export interface ResetMailInput {
  name: string;
  link: string;
  validMinutes: number;
}

export interface ResetMail {
  subject: string;
  text: string;
  html: string;
}

interface Copy {
  subject: string;
  greeting: (name: string) => string;
  intro: string;
  action: string;
  validity: (minutes: number) => string;
  ignore: string;
  signature: string;
}

const COPY: Record<Locale, Copy> = {
  nl: {
    subject: "Je wachtwoord herstellen bij Stigmavrij",
    greeting: (name) => `Hallo ${name},`,
    intro: "Iemand (hopelijk jij) heeft gevraagd om het wachtwoord van je Stigmavrij-account te herstellen.",
    action: "Kies een nieuw wachtwoord via deze link:",
    validity: (minutes) => `De link werkt ${minutes} minuten en maar één keer.`,
    ignore: "Heb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren; je wachtwoord blijft hetzelfde.",
    signature: "Groet,\nStigmavrij",
  },
  en: {
    subject: "Reset your Stigmavrij password",
    greeting: (name) => `Hello ${name},`,
    intro: "Someone (hopefully you) asked to reset the password of your Stigmavrij account.",
    action: "Choose a new password with this link:",
    validity: (minutes) => `The link works for ${minutes} minutes and only once.`,
    ignore: "Didn't ask for this? Then you can ignore this email; your password stays the same.",
    signature: "Kind regards,\nStigmavrij",
  },
};

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The password reset mail in Dutch or English; the user's name is escaped in the HTML part. */
export function resetMail(locale: Locale, input: ResetMailInput): ResetMail {
  const copy = COPY[locale];
  const text = [
    copy.greeting(input.name),
    "",
    copy.intro,
    copy.action,
    "",
    input.link,
    "",
    copy.validity(input.validMinutes),
    copy.ignore,
    "",
    copy.signature,
    "",
  ].join("\n");
  const link = escapeHtml(input.link);
  const html = [
    `<p>${escapeHtml(copy.greeting(input.name))}</p>`,
    `<p>${escapeHtml(copy.intro)}<br>${escapeHtml(copy.action)}</p>`,
    `<p><a href="${link}">${link}</a></p>`,
    `<p>${escapeHtml(copy.validity(input.validMinutes))}<br>${escapeHtml(copy.ignore)}</p>`,
    `<p>${escapeHtml(copy.signature).replace("\n", "<br>")}</p>`,
  ].join("\n");
  return { subject: copy.subject, text, html };
}
