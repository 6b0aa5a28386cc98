// Arranges the benchmark's data through the product's own HTTP forms: learners sign up and
// confirm from the mail, skip the survey, read and complete lessons, start and pass the final
// assessment; an administrator imports and publishes a SCORM package and learners launch it.
// The database is only read (to know an attempt's right answers, as the e2e helpers do) and
// written once, to make the first account an administrator (no form can).
import fs from "node:fs";
import path from "node:path";

import Database from "better-sqlite3";

import { readOutbox } from "../../../app/mail/mailer.server";
import { zipFixture } from "../../../app/scorm/package/zip-test-support";
import { databaseFile } from "../../../prisma/database-url";
import { clientAddress, type HttpClient, type Person } from "./client";

export const PASSWORD = "benchmark-wachtwoord-2026";
export const BASICS = "sekswerk-en-stigma-de-basis";

/** Lesson slugs of a module, in order, from its folder in courses/ (NN.slug.md, Dutch source). */
export function lessonSlugs(moduleSlug: string): string[] {
  const folder = fs.readdirSync("courses").find((name) => name.replace(/^\d+\./, "") === moduleSlug);
  if (!folder) throw new Error(`courses/ has no module ${moduleSlug}`);
  return fs
    .readdirSync(path.join("courses", folder))
    .filter((name) => /^\d+\.[a-z0-9-]+\.md$/.test(name))
    .sort()
    .map((name) => name.replace(/^\d+\./, "").replace(/\.md$/, ""));
}

let signUps = 0;

/** Signs up through /registreren, confirms with the link from the mail and keeps the session cookie. */
export async function signUp(client: HttpClient, outboxDir: string, label: string): Promise<Person> {
  const index = signUps++;
  const person: Person = { email: `${label}-${index}@bench.example`, cookie: "", ip: clientAddress(index) };
  await client.expect([200], "/registreren", {
    person,
    form: {
      name: `Deelnemer ${index}`,
      email: person.email,
      password: PASSWORD,
      locale: "nl",
      sector: "police",
      joinCode: "",
      redirectTo: "",
    },
  });
  const link = await mailLink(outboxDir, person.email, /\/registreren\/bevestigen\?token=/);
  const confirm = new URL(link);
  await client.expect([302], `${confirm.pathname}${confirm.search}`, {
    person,
    form: { token: confirm.searchParams.get("token") ?? "" },
  });
  return person;
}

async function mailLink(outboxDir: string, email: string, pattern: RegExp): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    // A mail being written while the folder is read does not parse yet; the next round has it.
    const mails = await readOutbox(outboxDir).catch(() => []);
    const mail = mails.filter((m) => m.to === email).at(-1);
    const link = mail?.text.split(/\s+/).find((word) => /^https?:\/\//.test(word) && pattern.test(word));
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no sign-up mail for ${email}`);
}

/** Skips the attitude survey before a module, as the survey page's "skip" button does. */
export async function skipSurvey(client: HttpClient, person: Person, moduleSlug: string) {
  await client.expect([302], `/modules/${moduleSlug}/vragenlijst?fase=voor`, { person, form: { intent: "skip" } });
}

/** Reads (GET) and completes (POST) every lesson of a module. */
export async function finishLessons(client: HttpClient, person: Person, moduleSlug: string) {
  for (const lesson of lessonSlugs(moduleSlug)) {
    await client.expect([200], `/modules/${moduleSlug}/${lesson}`, { person });
    await client.expect([302], `/modules/${moduleSlug}/${lesson}`, { person, form: { intent: "complete" } });
  }
}

/** Starts the final assessment through the overview's form; returns the attempt id. */
export async function startAttempt(client: HttpClient, person: Person, moduleSlug: string): Promise<string> {
  const answer = await client.expect([302], `/modules/${moduleSlug}/toets`, { person, form: {} });
  const id = answer.location?.split("/").at(-1);
  if (!answer.location?.includes("/toets/") || !id) throw new Error(`no attempt started: ${answer.location}`);
  return id;
}

/** The form fields that answer every drawn question of an attempt correctly (display values). */
export function correctAnswerFields(databaseUrl: string, attemptId: string): [string, string][] {
  const db = new Database(databaseFile(databaseUrl), { readonly: true });
  try {
    const items = db
      .prepare("SELECT questionId, question, optionOrder FROM AttemptItem WHERE attemptId = ? ORDER BY position")
      .all(attemptId) as { questionId: string; question: string; optionOrder: string }[];
    return items.flatMap((item) => {
      const question = JSON.parse(item.question) as { options: { correct?: boolean }[] };
      const order = JSON.parse(item.optionOrder) as number[];
      const slug = item.questionId.slice(item.questionId.indexOf("/") + 1);
      return order.flatMap((authored, display) =>
        question.options[authored]?.correct ? [[`answer.${slug}`, String(display)] as [string, string]] : [],
      );
    });
  } finally {
    db.close();
  }
}

export function makeAdministrator(databaseUrl: string, email: string) {
  const db = new Database(databaseFile(databaseUrl));
  try {
    db.prepare("UPDATE User SET role = 'admin' WHERE email = ?").run(email);
  } finally {
    db.close();
  }
}

/** Imports a SCORM fixture through the upload endpoint and publishes it with the edit page's form. */
export async function importScormModule(client: HttpClient, admin: Person, fixture: string): Promise<string> {
  const body = new FormData();
  body.set(
    "package",
    new Blob([new Uint8Array(await zipFixture(fixture))], { type: "application/zip" }),
    `${fixture}.zip`,
  );
  const upload = await client.expect([200], "/beheer/scorm/upload", { person: admin, body });
  const answer = JSON.parse(upload.text) as { ok: boolean; redirectTo?: string };
  if (!answer.ok || !answer.redirectTo) throw new Error(`SCORM import refused: ${upload.text}`);
  const moduleId = decodeURIComponent(new URL(answer.redirectTo, client.origin).pathname.split("/").at(-1)!);
  await client.expect([302], `/beheer/scorm/${encodeURIComponent(moduleId)}`, {
    person: admin,
    form: { intent: "publish" },
  });
  return moduleId;
}

/** Opens the SCORM player of a module's first SCO; returns the commit URL the page gives the runtime. */
export async function launchScorm(client: HttpClient, person: Person, moduleId: string): Promise<string> {
  const overview = await client.expect([200], `/modules/${encodeURIComponent(moduleId)}`, { person });
  const player = /href="(\/modules\/[^"]+\/speler\/[^"?]+)"/.exec(overview.text)?.[1];
  if (!player) throw new Error(`no player link on the page of ${moduleId}`);
  let page = await client.request(player, { person });
  if (page.status === 302 && page.location?.includes("/vragenlijst")) {
    await skipSurvey(client, person, moduleId);
    page = await client.request(player, { person });
  }
  if (page.status !== 200) throw new Error(`player ${player}: ${page.status}`);
  const commit = /opslaan\?sessie=\d+/.exec(page.text)?.[0];
  if (!commit) throw new Error(`no commit URL on ${player}`);
  return `${player}/${commit}`;
}

/** The public code of the person's certificate, from Mijn certificaten (issued by the event drain, so polled). */
export async function certificateCode(client: HttpClient, person: Person): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const page = await client.expect([200], "/mijn-certificaten", { person });
    const code = /\/certificaat\/([A-Za-z0-9-]+)/.exec(page.text)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no certificate for ${person.email}`);
}

/** The first knowledge check of a lesson page and one valid answer to it, as the form posts them. */
export function knowledgeCheckForm(lessonHtml: string): Record<string, string> {
  const check = /name="check" value="([^"]+)"/.exec(lessonHtml)?.[1];
  if (!check) throw new Error("the lesson has no knowledge check");
  const option =
    new RegExp(`name="answer\\.${check}" value="(\\d+)"`).exec(lessonHtml)?.[1] ??
    new RegExp(`value="(\\d+)"[^>]*name="answer\\.${check}"`).exec(lessonHtml)?.[1];
  if (option === undefined) throw new Error(`no option of check ${check} on the page`);
  return { intent: "check", check, [`answer.${check}`]: option };
}
