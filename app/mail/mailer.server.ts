import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

import nodemailer, { type Transporter } from "nodemailer";

import { storagePath } from "~/config/storage.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** A message as stored in the development outbox. */
export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  sentAt: string;
  /** Path of the .eml file (the raw message as an SMTP server would have received it). */
  file: string;
}

const DEFAULT_FROM = "Stigmavrij <no-reply@stigmavrij.local>";

function fromAddress(): string {
  return process.env.MAIL_FROM ?? DEFAULT_FROM;
}

/**
 * `outbox/` in the storage directory (or MAIL_OUTBOX_DIR), never the working directory: every
 * process and instance of a deployment writes to, and a test reads from, the same place.
 */
function outboxDir(dir?: string): string {
  return dir ? path.resolve(dir) : storagePath(process.env.MAIL_OUTBOX_DIR, "outbox");
}

let smtp: { url: string; transporter: Transporter } | undefined;

/** One pooled transporter per SMTP_URL; rebuilt if the variable changes (tests, reconfiguration). */
function smtpTransporter(url: string): Transporter {
  if (smtp?.url !== url) smtp = { url, transporter: nodemailer.createTransport(url) };
  return smtp.transporter;
}

// Renders the message to RFC 822 without delivering it.
const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

/**
 * Sends through SMTP_URL when set. Without it (development, tests, e2e) each message is written to
 * the outbox folder as `<timestamp>-<random>.eml` plus a `.json` sidecar that `readOutbox` reads,
 * so nothing leaves the machine and tests can pick up links from mails.
 */
export async function sendMail(message: MailMessage): Promise<void> {
  const envelope = { from: fromAddress(), ...message };
  const url = process.env.SMTP_URL;
  if (url) {
    await smtpTransporter(url).sendMail(envelope);
    return;
  }
  warnOnceInProduction();
  await writeToOutbox(message, envelope);
}

let warned = false;
/** A production server without SMTP_URL would silently keep every mail on its own disk. */
function warnOnceInProduction() {
  if (warned || process.env.NODE_ENV !== "production") return;
  warned = true;
  console.warn("SMTP_URL is not set: mails are written to the outbox folder, not delivered");
}

async function writeToOutbox(message: MailMessage, envelope: MailMessage & { from: string }) {
  const info = await renderer.sendMail(envelope);
  const raw = info.message;
  if (!Buffer.isBuffer(raw)) throw new Error("stream transport returned no buffer");
  const dir = outboxDir();
  await fs.mkdir(dir, { recursive: true });
  const sentAt = new Date().toISOString();
  // Colons are not allowed in Windows file names; the name still sorts by time.
  const base = `${sentAt.replace(/:/g, "-")}-${randomBytes(4).toString("hex")}`;
  const file = path.join(dir, `${base}.eml`);
  await fs.writeFile(file, raw);
  const record: OutboxMessage = { ...message, sentAt, file };
  await fs.writeFile(path.join(dir, `${base}.json`), JSON.stringify(record, null, 2));
  // The recipient stays out of the server log (personal data); the file holds it.
  console.info(`mail "${message.subject}" written to ${file}`);
}

/** Messages in the outbox, oldest first (newest last). An absent folder is an empty outbox. */
export async function readOutbox(dir?: string): Promise<OutboxMessage[]> {
  const folder = outboxDir(dir);
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const sidecars = names.filter((name) => name.endsWith(".json")).sort();
  const messages = await Promise.all(
    sidecars.map(async (name) => {
      const json = await fs.readFile(path.join(folder, name), "utf8");
      return JSON.parse(json) as OutboxMessage;
    }),
  );
  return messages;
}
